"""Reading one roster value that is neither free text nor a word of a vocabulary: what the
file holds in, the clean value and the reason it is refused (or a warning) out. A column of
``columns.COLUMNS`` read in such a way names one of these functions as its ``clean``.

A function is called as ``clean(value, cells)``, ``cells`` mapping the organisation's cell
names (search keys) to ids, built once per file. It returns ``(value, problem, warning)``; a
value of ``NOT_GIVEN`` leaves the field out of the row (a new member gets the default, a
member held keeps what it has).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Iterator
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..text import search_key

#: A value the row does not give.
NOT_GIVEN = object()
#: Labels and cell names repeat from row to row: their keys are computed once.
label_key = functools.lru_cache(maxsize=8192)(search_key)
#: A syllable of consonants and "y", which the old spelling writes where the new writes "i"
#: (sỹ/sĩ, kỹ/kĩ, lý/lí, mỹ/mĩ, quý/quí), in a key without diacritics.
CONSONANT_Y = re.compile(r"\b(ch|gh|kh|ngh|ng|nh|ph|qu|th|tr|[bcdghklmnpqrstvx])y\b")


#: The messages translated so far while rows are checked (``translations_kept``).
_translations: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "roster_translations", default=None
)


@contextlib.contextmanager
def translations_kept() -> Iterator[None]:
    """While rows are checked, a message given on many rows (a citizen ID that lost its
    zeros: every row of some files) is translated once, not once a row (``translated``)."""
    token = _translations.set({})
    try:
        yield
    finally:
        _translations.reset(token)


def translated(message: str) -> str:
    """``gettext(message)``, kept for the rest of the rows checked (``translations_kept``)."""
    kept = _translations.get()
    if kept is None:
        return _(message)
    text = kept.get(message)
    if text is None:
        text = kept[message] = _(message)
    return text


#: The warning of a citizen ID that lost its leading zeros (``clean_citizen_id``).
LOST_ZEROS = gettext_noop(
    "the citizen ID was stored as a number and lost its leading zeros; restored to %(id)s: check it"
)


@functools.lru_cache(maxsize=8192)
def word_key(text: str) -> str:
    """The key a vocabulary word is matched by: any case, with or without diacritics, old or
    new spelling (i/y), dots and dashes ignored ("Th.S" is "ThS", "Bác sỹ" is "Bác sĩ")."""
    key = search_key(text).replace(".", "")
    for mark in "-–,;:()":
        key = key.replace(mark, " ")
    return CONSONANT_Y.sub(r"\1i", " ".join(key.split()))


GENERAL_EDUCATION = re.compile(r"\d{1,2}/(10|12)")
DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")

Cleaned = tuple[object, str | None, str | None]
Cells = dict[str, int]


def as_date(value: object) -> date | None:
    """A cell's date when the cell holds a real date (either Excel date system)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def clean_date(value: object) -> tuple[date | None, str | None]:
    """A date value on its own: (date, problem); see ``clean_date_column``."""
    day, problem, _warning = clean_date_column(value)
    return day, problem


# --- the columns' functions -----------------------------------------------------------------


def clean_citizen_id(value: object, cells: Cells | None = None) -> Cleaned:
    """A citizen ID of 12 digits. A number that lost its leading zeros is restored to 12
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
            restored = text.zfill(12)
            return restored, None, translated(LOST_ZEROS) % {"id": restored}
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


def clean_date_column(value: object, cells: Cells | None = None) -> Cleaned:
    """A real Excel date, or dd/mm/yyyy text (never read month first)."""
    real = as_date(value)
    if real is not None:
        return real, None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, _("a number, not a date"), None
    text = str(value or "").strip()
    if not text:
        return None, None, None
    match = DATE_TEXT.match(text)
    if not match:
        try:
            return datetime.strptime(text, "%Y-%m-%d").date(), None, None
        except ValueError:
            return None, _("not a date in the form dd/mm/yyyy (%(text)s)") % {"text": text}, None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day), None, None
    except ValueError:
        return None, _("no such date (%(text)s)") % {"text": text}, None


def clean_cell(value: object, cells: Cells) -> Cleaned:
    """One of the organisation's cells, by name: its id."""
    cell_id = cells.get(label_key(str(value or "")))
    if cell_id is None:
        return None, _("no cell named %(name)s in this organisation") % {"name": value}, None
    return cell_id, None, None


#: A grade alone ("12", "Lớp 12", "Hết lớp 9"): grade/12 from grade 10 up, else grade/12
#: too (the 12-year system has been the rule since 1981; "9/10" is written out when meant).
GRADE_ALONE = re.compile(r"(?:het )?(?:lop )?(\d{1,2})")


def clean_general_education(value: object, cells: Cells | None = None) -> Cleaned:
    """Grade/system, e.g. 12/12 or 9/10; a grade alone ("12", "Lớp 12") is read as grade/12.
    Left out when not given; a value that is neither is left out with a warning (the field
    only holds grade/system)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value if value is not None else "").strip().replace(" ", "")
    if not text:
        return NOT_GIVEN, None, None
    if GENERAL_EDUCATION.fullmatch(text):
        return text, None, None
    alone = GRADE_ALONE.fullmatch(search_key(str(value)).strip())
    if alone and 1 <= int(alone.group(1)) <= 12:
        return f"{int(alone.group(1))}/12", None, None
    return (
        NOT_GIVEN,
        None,
        _("%(value)s is not a grade/system such as 12/12: left out, check it") % {"value": value},
    )
