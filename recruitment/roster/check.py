"""Checking one roster row: the values as the file holds them in, clean values or the
reasons (row, column, rule) out. No database: the cell names and the rules in force come in
as arguments.

Each value is read as its column says (``columns.COLUMNS``, ``cleaning``); then the row as a
whole: the text lengths, the required values, and the rules that tie one column to
another (age at admission, dates in order and not in the future, the citizen ID against the
date of birth and gender).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .. import rules
from ..models import Member, RosterWord
from ..text import FORMULA_STARTS, clean_text
from .cleaning import NOT_GIVEN, clean_date_column, word_key
from .columns import AGREEING, BY_NAME, COLUMNS, REQUIRED, RosterColumn, given

#: The columns whose length can be wrong (the others are labels, dates or checked digits).
LIMITED = tuple(column for column in COLUMNS if column.max_length)
DATE_COLUMNS = tuple(column for column in COLUMNS if column.clean is clean_date_column)
#: How long a word kept as typed may be: its member field's length.
TYPED_LIMITS = {
    column.attribute: Member._meta.get_field(column.attribute).max_length
    for column in COLUMNS
    if column.vocabulary is not None and column.vocabulary.keeps_unknown
}


@dataclass(slots=True)
class Problem:
    row: int
    column: str  # the field's Vietnamese header
    message: str


@dataclass(slots=True)
class CheckedRow:
    row: int
    values: dict[str, object] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: What the name derives (``text.name_keys``: search key, sort key), when the reading
    #: child worked it out for an import (``service.read_with_keys``); a pair takes less
    #: memory than a dictionary, 50,000 times over.
    keys: tuple[str, str] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def refuse(self, column: RosterColumn, message: str) -> None:
        self.problems.append(Problem(self.row, column.header, message))


def value_maps(*, added: bool = True) -> dict[str, dict[str, object]]:
    """Each vocabulary's words (any case, with or without diacritics, old or new spelling)
    -> stored values, by column name, with the words the administrator added (one query;
    none when ``added`` is off)."""
    extra: dict[str, list[tuple[str, object]]] = {}
    words = RosterWord.objects.values_list("column", "written", "value") if added else []
    for column, written, value in words:
        if column == RosterWord.Column.YOUTH_UNION_MEMBER:
            value = value == "yes"
        extra.setdefault(column, []).append((written, value))
    return {
        column.name: column.vocabulary.words(extra.get(column.name, ()))
        for column in COLUMNS
        if column.vocabulary
    }


def check_row(
    number: int,
    raw: dict[str, object],
    *,
    cells: dict[str, int],
    today: date,
    min_age_years: int | Callable[[date], int] = 18,
    maps: dict[str, dict[str, object]] | None = None,
    words: dict[tuple, Word] | None = None,
) -> CheckedRow:
    """Clean one row. ``cells`` maps the organisation's cell names (search keys) to ids;
    ``maps`` is :func:`value_maps`, built once per file by the caller (by default the
    software's own words, without a query). ``min_age_years`` is
    a number or, as the pipeline has it, a function of the decision date (the rules in force
    on that day). ``words`` keeps how each word of a vocabulary column read, for the next
    rows of the same file (the same few words on every row)."""
    result = CheckedRow(row=number)
    _read_values(
        result,
        raw,
        cells,
        maps if maps is not None else value_maps(added=False),
        words if words is not None else {},
    )
    _merge_agreeing(result)
    _check_lengths(result)
    _check_required(result, raw)
    _check_rules(result, today=today, min_age_years=min_age_years)
    return result


#: How a word of a vocabulary column reads: (the value stored or ``NOT_GIVEN``, the
#: problems, the warnings).
Word = tuple[object, tuple[str, ...], tuple[str, ...]]


def _text(column: RosterColumn, value: str) -> tuple[str, str | None, str | None]:
    """A text value cleaned (control characters and mark floods refused, invisible
    characters removed), then stripped, before the formula check: " =HYPERLINK(…)" is one
    too. (value, problem, warning)."""
    value, problem, warning = clean_text(value)
    if problem:
        return value, problem, None
    if value.startswith(FORMULA_STARTS) and column.refuses_formulas:
        return (
            value,
            _("begins with %(char)r, which a spreadsheet would run as a formula")
            % {"char": value[0]},
            None,
        )
    return value, None, warning


def name_as_read(value: object) -> str | None:
    """A full name as ``check_row`` keeps it (cleaned and stripped), or None where it is no
    text or would be refused."""
    if not isinstance(value, str):
        return None
    text, problem, _warning = _text(BY_NAME["full_name"], value)
    return None if problem else text


def _read_word(
    column: RosterColumn, value: object, mapping: dict[str, object], warnings: tuple[str, ...]
) -> Word:
    """A value of a vocabulary column, its text already cleaned (``_read_value``, which
    passes on the cleaning's ``warnings``): a word of it (any spelling), a word kept as
    typed with a warning (where the column keeps unknown words), or a problem."""
    if (value is None or value == "") and not column.required:
        return NOT_GIVEN, (), warnings  # a new member gets the default, one held keeps it
    key = word_key(str(value if value is not None else ""))
    if key in mapping:
        return mapping[key], (), warnings
    if not column.vocabulary.keeps_unknown:
        return NOT_GIVEN, (_("%(value)s is not a known value") % {"value": value},), warnings
    limit = TYPED_LIMITS[column.attribute]
    if len(str(value)) > limit:
        return NOT_GIVEN, (_("is longer than %(limit)s characters") % {"limit": limit},), warnings
    unknown = _("%(value)s is not a known value: kept as written, counted as other") % {
        "value": value
    }
    return str(value), (), (*warnings, unknown)  # reports count it as "other"


#: The columns whose values repeat from row to row (a few words, cells, places), each
#: read once per file (``_read_values``): the vocabularies, the cell, the education, the
#: places. Names, citizen IDs and dates are read on every row.
REPEATING = frozenset(
    column.name
    for column in COLUMNS
    if column.vocabulary is not None
    or column.name in {"cell", "general_education", "hometown", "residence", "party_card_number"}
)
#: How many values a file's reading keeps (``words``): a file of distinct places is read
#: value by value past it, in bounded memory.
KEPT_READINGS = 5_000


def _read_value(column: RosterColumn, value: object, cells: dict[str, int], maps: dict) -> Word:
    """A value as its column reads it, its text first cleaned (``_text``): a word of its
    vocabulary (``_read_word``), by its function, or as free text."""
    warnings: tuple[str, ...] = ()
    if isinstance(value, str):
        value, problem, warning = _text(column, value)
        if problem:
            return NOT_GIVEN, (problem,), ()
        warnings = (warning,) if warning else ()
    if column.vocabulary is not None:
        return _read_word(column, value, maps[column.name], warnings)
    if column.clean is None:  # free text
        return ("" if value is None else str(value)), (), warnings
    cleaned, problem, warning = column.clean(value, cells)
    return cleaned, (problem,) if problem else (), (*warnings, warning) if warning else warnings


def _read_values(
    result: CheckedRow,
    raw: dict[str, object],
    cells: dict[str, int],
    maps: dict,
    words: dict[tuple, Word],
) -> None:
    """Each value as its column reads it (``_read_value``), in the file's order; a value of
    a column whose values repeat (``REPEATING``) is read once per file, kept in ``words``.
    Text that a spreadsheet would run as a formula is refused."""
    values = result.values
    for name, value in raw.items():
        column = BY_NAME[name]
        if name in REPEATING:
            # By type too: True, 1 and 1.0 are equal keys but different words.
            key = (name, type(value), value)
            word = words.get(key)
            if word is None:
                word = _read_value(column, value, cells, maps)
                if len(words) < KEPT_READINGS:
                    words[key] = word
        else:
            word = _read_value(column, value, cells, maps)
        stored, problems, warnings = word
        for message in problems:
            result.refuse(column, message)
        for message in warnings:
            result.warnings.append(Problem(result.row, column.header, message))
        if stored is not NOT_GIVEN:
            values[column.attribute] = stored


def _merge_agreeing(result: CheckedRow) -> None:
    """A column that agrees with another (the decision's own date beside "Ngày vào Đảng")
    fills it when the row gives no value there, and must agree with it when both are given."""
    values = result.values
    for column in AGREEING:
        if column.attribute not in values:
            continue
        value = values.pop(column.attribute)
        if value is None or value == "":
            continue
        other = BY_NAME[column.agrees_with]
        held = values.get(other.attribute)
        if held is None or held == "":
            values[other.attribute] = value
        elif held != value:
            result.refuse(
                column,
                _("%(value)s does not agree with %(other)s (%(held)s): they are the same date")
                % {
                    "value": f"{value:%d/%m/%Y}",
                    "other": other.header,
                    "held": f"{held:%d/%m/%Y}",
                },
            )


def _check_lengths(result: CheckedRow) -> None:
    for column in LIMITED:
        value = result.values.get(column.attribute)
        if value and len(value) > column.max_length:
            result.refuse(
                column, _("is longer than %(limit)s characters") % {"limit": column.max_length}
            )


def _check_required(result: CheckedRow, raw: dict[str, object]) -> None:
    """A required column in the file, left empty in the row (and not refused already)."""
    for column in REQUIRED:
        if (
            given(column.name, raw)
            and not result.values.get(column.attribute)
            and not any(p.column == column.header for p in result.problems)
        ):
            result.refuse(column, _("is required"))


def _check_rules(
    result: CheckedRow, *, today: date, min_age_years: int | Callable[[date], int]
) -> None:
    """The rules between columns: age at the admission decision, no date in the future, the
    dates of joining in order, the citizen ID against the date of birth and gender."""
    values = result.values
    born = values.get("date_of_birth")
    decided = values.get("decision_date")
    age = rules.age_in_years(born, decided) if born and decided else None
    minimum = min_age_years(decided) if callable(min_age_years) and decided else min_age_years
    if age is not None and age < minimum:
        result.refuse(
            BY_NAME["decision_date"],
            _("admitted at %(age)s, under %(min)s") % {"age": age, "min": minimum},
        )
    for column in DATE_COLUMNS:
        day = values.get(column.attribute)
        if day and day > today:
            result.refuse(column, _("is in the future"))
    ceremony = values.get("ceremony_date")
    if decided and ceremony and ceremony < decided:
        result.refuse(BY_NAME["ceremony_date"], _("is before the admission decision"))
    official = values.get("official_date")
    joined = ceremony or decided
    if official and joined and official <= joined:
        result.refuse(BY_NAME["official_date"], _("is not after the date of joining"))
    cid, gender = values.get("citizen_id"), values.get("gender")
    if cid and born and gender:
        for problem in rules.citizen_id_problems(cid, date_of_birth=born, gender=gender):
            result.refuse(BY_NAME["citizen_id"], problem)
