"""Checking one roster row: the values as the file holds them in, clean values or the
reasons (row, column, rule) out. No database: the cell names and the rules in force come in
as arguments."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import CharField
from django.utils.translation import gettext as _

from .. import rules
from ..choices import ETHNIC_GROUPS, Occupation, PoliticalTheory, ProfessionalLevel, Religion
from ..text import search_key
from .read import HEADERS, as_date

#: Labels and cell names repeat from row to row: their keys are computed once.
label_key = functools.lru_cache(maxsize=8192)(search_key)

#: Text that a spreadsheet would run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GENERAL_EDUCATION = re.compile(r"\d{1,2}/(10|12)")
DATES = ("date_of_birth", "decision_date", "ceremony_date", "official_date")
LABELS = (
    "gender",
    "youth_union_member",
    "ethnicity",
    "religion",
    "occupation",
    "professional_level",
    "political_theory",
)
#: How each field's value is read; the others are free text.
KINDS = {
    "citizen_id": "citizen_id",
    "cell": "cell",
    "general_education": "general_education",
    **dict.fromkeys(DATES, "date"),
    **dict.fromkeys(LABELS, "label"),
}
#: The fields whose text is taken as it is (so only its length can be wrong).
FREE_TEXT = ("full_name", "hometown", "residence", "party_card_number")
DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


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

    @property
    def ok(self) -> bool:
        return not self.problems


def _label_map(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    mapping = {search_key(str(label)): value for value, label in choices}
    mapping.update({search_key(value): value for value, _label in choices})
    mapping.update(extra or {})
    return mapping


def value_maps() -> dict[str, dict[str, str]]:
    """Vietnamese labels (any case, with or without diacritics) -> stored values."""
    return {
        "gender": {"nam": "male", "nu": "female", "male": "male", "female": "female"},
        "youth_union_member": {"co": True, "x": True, "khong": False, "": False},
        "ethnicity": {search_key(name): name for name in ETHNIC_GROUPS},
        "religion": _label_map(Religion.choices, {"khong": "none", "": "none"}),
        "occupation": _label_map(
            Occupation.choices,
            {
                "giao vien": "teacher",
                "bac si": "health_worker",
                "y te": "health_worker",
                "cong chuc": "civil_servant",
                "vien chuc": "civil_servant",
                "cong chuc, vien chuc": "civil_servant",
                "can bo, cong chuc": "civil_servant",
                "cong nhan": "worker",
                "nong dan": "farmer",
                "quan doi": "armed_forces",
                "cong an": "armed_forces",
                "hoc sinh": "student",
                "sinh vien": "student",
                "nghi huu": "retired",
                "huu tri": "retired",
                "khac": "other",
            },
        ),
        "professional_level": _label_map(ProfessionalLevel.choices, {"": "none"}),
        "political_theory": _label_map(PoliticalTheory.choices, {"": "none"}),
    }


@functools.cache
def max_lengths() -> dict[str, int]:
    """The text fields' length limits, from the model."""
    from ..models import Member

    return {
        field.name: field.max_length
        for field in Member._meta.concrete_fields
        if isinstance(field, CharField) and field.max_length
    }


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def header_of(field_name: str) -> str:
    return HEADERS[field_name][0]


def clean_citizen_id(value: object) -> tuple[str | None, str | None, str | None]:
    """(citizen ID, problem, warning). A number that lost its leading zeros is restored to 12
    digits with a warning; scientific notation, other lengths and non-digits are refused."""
    if isinstance(value, float):
        if not value.is_integer():
            return None, _("not a whole number"), None
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if len(text) > 12:
            return None, _("has more than 12 digits"), None
        if len(text) < 12:
            return (
                text.zfill(12),
                None,
                _(
                    "the citizen ID was stored as a number and lost its leading zeros; restored "
                    "to %(id)s: check it"
                )
                % {"id": text.zfill(12)},
            )
        return text, None, None
    text = str(value or "").strip().replace(" ", "")
    if re.fullmatch(r"\d+(\.\d+)?[eE]\+?\d+", text):
        return (
            None,
            _("written in scientific notation (%(text)s): the digits are lost") % {"text": text},
            None,
        )
    if not text.isdigit():
        return None, _("must be 12 digits"), None
    if len(text) != 12:
        return None, _("must be exactly 12 digits, not %(count)s") % {"count": len(text)}, None
    return text, None, None


def clean_date(value: object) -> tuple[date | None, str | None]:
    """A real Excel date, or dd/mm/yyyy text (never read month first)."""
    real = as_date(value)
    if real is not None:
        return real, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, _("a number, not a date")
    text = str(value or "").strip()
    if not text:
        return None, None
    match = DATE_TEXT.match(text)
    if not match:
        try:
            return datetime.strptime(text, "%Y-%m-%d").date(), None
        except ValueError:
            return None, _("not a date in the form dd/mm/yyyy (%(text)s)") % {"text": text}
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day), None
    except ValueError:
        return None, _("no such date (%(text)s)") % {"text": text}


def check_row(
    number: int,
    raw: dict[str, object],
    *,
    cells: dict[str, int],
    today: date,
    min_age_years=18,
    maps: dict[str, dict[str, str]] | None = None,
) -> CheckedRow:
    """Clean one row. ``cells`` maps the organisation's cell names (search keys) to ids;
    ``maps`` is :func:`value_maps`, built once per file by the caller. ``min_age_years`` is
    a number or, as the pipeline has it, a function of the decision date (the rules in force
    on that day)."""
    result = CheckedRow(row=number)
    maps = maps if maps is not None else value_maps()

    def refuse(field_name: str, message: str) -> None:
        result.problems.append(Problem(number, header_of(field_name), message))

    values = result.values
    for field_name, value in raw.items():
        if isinstance(value, str):
            if not value.isascii():
                value = unicodedata.normalize("NFC", value)
            if value.startswith(FORMULA_STARTS) and field_name != "citizen_id":
                refuse(
                    field_name,
                    _("begins with %(char)r, which a spreadsheet would run as a formula")
                    % {"char": value[0]},
                )
                continue
            value = value.strip()
        kind = KINDS.get(field_name)
        if kind is None:  # free text
            values[field_name] = "" if value is None else str(value)
        elif kind == "label":
            if (value is None or value == "") and field_name != "gender":
                continue  # not given: a new member gets the default, a member held keeps it
            mapping = maps[field_name]
            key = label_key(str(value if value is not None else ""))
            if key not in mapping:
                refuse(field_name, _("%(value)s is not a known value") % {"value": value})
            else:
                values[field_name] = mapping[key]
        elif kind == "date":
            cleaned, problem = clean_date(value)
            if problem:
                refuse(field_name, problem)
            values[field_name] = cleaned
        elif kind == "citizen_id":
            cleaned, problem, warning = clean_citizen_id(value)
            if problem:
                refuse(field_name, problem)
            if warning:
                result.warnings.append(Problem(number, header_of(field_name), warning))
            values[field_name] = cleaned
        elif kind == "cell":
            cell_id = cells.get(label_key(str(value or "")))
            if cell_id is None:
                refuse(
                    field_name, _("no cell named %(name)s in this organisation") % {"name": value}
                )
            values["cell_id"] = cell_id
        elif kind == "general_education":
            text = str(value or "").strip()
            if not text:
                continue  # not given, as for the value lists
            if not GENERAL_EDUCATION.fullmatch(text):
                refuse(field_name, _("write it as grade/system, e.g. 12/12"))
            values[field_name] = text

    limits = max_lengths()
    for name in FREE_TEXT:  # the other values are labels, dates or checked digits
        value = result.values.get(name)
        if value and len(value) > limits[name]:
            refuse(name, _("is longer than %(limit)s characters") % {"limit": limits[name]})

    for required in ("full_name", "citizen_id", "gender", "date_of_birth", "decision_date"):
        if (
            required in raw
            and not result.values.get(required)
            and not any(p.column == header_of(required) for p in result.problems)
        ):
            refuse(required, _("is required"))

    born = result.values.get("date_of_birth")
    decided = result.values.get("decision_date")
    age = rules.age_in_years(born, decided) if born and decided else None
    minimum = min_age_years(decided) if callable(min_age_years) and decided else min_age_years
    if age is not None and age < minimum:
        refuse(
            "decision_date",
            _("admitted at %(age)s, under %(min)s") % {"age": age, "min": minimum},
        )
    for field_name in ("date_of_birth", "decision_date", "ceremony_date", "official_date"):
        day = result.values.get(field_name)
        if day and day > today:
            refuse(field_name, _("is in the future"))
    ceremony = result.values.get("ceremony_date")
    if decided and ceremony and ceremony < decided:
        refuse("ceremony_date", _("is before the admission decision"))
    official = result.values.get("official_date")
    if official and ceremony and official <= ceremony:
        refuse("official_date", _("is not after the date of joining"))
    cid, gender = result.values.get("citizen_id"), result.values.get("gender")
    if cid and born and gender:
        for problem in rules.citizen_id_problems(cid, date_of_birth=born, gender=gender):
            refuse("citizen_id", problem)
    return result
