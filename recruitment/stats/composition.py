"""The composition of the year's admissions against last year's: the lines of the central
form "Biểu 2" (women, minorities, Youth Union members, religion, occupation, age at
admission, education, professional level, political theory)."""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ..choices import KINH, Gender, Occupation, PoliticalTheory, ProfessionalLevel, Religion

#: Age bands of the central form "Biểu 2": 18–30, 31–35, ..., 56–60, over 60.
AGE_BANDS = [(18, 30), (31, 35), (36, 40), (41, 45), (46, 50), (51, 55), (56, 60), (61, 200)]
#: The general education grades the form counts on their own lines; the others are "other".
EDUCATION_LINES = ("12/12", "10/10")
RELIGIONS = frozenset(Religion.values)
OCCUPATIONS = frozenset(Occupation.values)
OTHER = Occupation.OTHER
#: What the composition reads of each admission, besides its date (``admitted_on``).
PERSON_FIELDS = (
    "date_of_birth",
    "gender",
    "ethnicity",
    "religion",
    "youth_union_member",
    "occupation",
    "general_education",
    "professional_level",
    "political_theory",
)


def _band_label(low: int, high: int) -> str:
    return _("over 60") if low > 60 else f"{low}–{high}"


def age_in_years(born: date, on: date) -> int:
    """``rules.age_in_years`` without its month arithmetic, for many admissions at once: the
    years between the dates, one less before the birthday (a birthday of 29 February is
    reached on 28 February in a common year)."""
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day) and not (
        born.month == 2
        and born.day == 29
        and on.month == 2
        and on.day == 28
        and not calendar.isleap(on.year)
    ):
        years -= 1
    return years


@dataclass
class Tally:
    """A period's admissions counted by the lines of "Biểu 2" (``counts``, by key), their
    ages at admission added up, and their number by month."""

    counts: Counter
    age_total: int
    by_month: Counter

    @property
    def total(self) -> int:
        return self.counts["total"]


def tally(rows: list[tuple]) -> Tally:
    """The admissions ``rows`` (``admitted_on`` then the PERSON_FIELDS, as plain tuples; any
    more columns after them are not read)
    counted by the lines of "Biểu 2" and by month: a column at a time, so that a year of a
    province's admissions is counted in milliseconds. A value a roster gave that is none of
    the choices (kept as typed) counts as other. No query."""
    counts: Counter = Counter(total=len(rows))
    if not rows:
        return Tally(counts, 0, Counter())
    columns = list(zip(*rows, strict=True))
    on, born, gender, ethnicity, religion, youth, occupation, education, level, theory = columns[
        :10
    ]
    # The years between the dates, one less before the birthday, written out here (a call
    # per admission costs more than the rest of the count); 29 February apart.
    ages = [
        day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
        if (birth.month, birth.day) != (2, 29)
        else age_in_years(birth, day)
        for birth, day in zip(born, on, strict=True)
    ]
    counts["women"] = gender.count(Gender.FEMALE)
    counts["minorities"] = len(rows) - ethnicity.count(KINH)
    counts["youth_union"] = sum(map(bool, youth))
    for value, n in Counter(religion).items():
        counts["religion", value if value in RELIGIONS else Religion.OTHER] += n
    for value, n in Counter(occupation).items():
        counts["occupation", value if value in OCCUPATIONS else OTHER] += n
    for age, n in Counter(ages).items():
        band = next(((low, high) for low, high in AGE_BANDS if age <= high), None)
        if age >= 18 and band:
            counts["age", band] += n
    for value, n in Counter(education).items():
        counts["education", value if value in EDUCATION_LINES else "other"] += n
    for value, n in Counter(level).items():
        counts["professional", value] += n
    for value, n in Counter(theory).items():
        counts["theory", value] += n
    return Tally(counts, sum(ages), Counter(day.month for day in on))


def composition(this_year: Tally, last_year: Tally) -> list[dict]:
    """The rows of "Biểu 2": each a label, this period's count and share, last year's."""
    now, now_count, now_ages = this_year.counts, this_year.total, this_year.age_total
    before, before_count, before_ages = last_year.counts, last_year.total, last_year.age_total

    def line(group: str, label: str, key) -> dict:
        value, previous = now.get(key, 0), before.get(key, 0)
        return {
            "group": group,
            "label": label,
            "value": value,
            "percent": round(100 * value / now_count, 1) if now_count else None,
            "last_year": previous,
            "last_year_percent": round(100 * previous / before_count, 1) if before_count else None,
        }

    lines = [
        line(_("Total"), _("New members admitted"), "total"),
        line(_("Total"), _("Women"), "women"),
        line(_("Total"), _("Ethnic minorities"), "minorities"),
        line(_("Total"), _("Youth Union members"), "youth_union"),
    ]
    lines += [
        line(_("Religion"), str(label), ("religion", value))
        for value, label in Religion.choices
        if value != Religion.NONE
    ]
    lines += [
        line(_("Occupation"), str(label), ("occupation", v)) for v, label in Occupation.choices
    ]
    lines += [
        line(_("Age at admission"), _band_label(low, high), ("age", (low, high)))
        for low, high in AGE_BANDS
    ]
    lines.append(
        {
            "group": _("Age at admission"),
            "label": _("Average age"),
            "value": round(now_ages / now_count, 1) if now_count else None,
            "percent": None,
            "last_year": round(before_ages / before_count, 1) if before_count else None,
            "last_year_percent": None,
        }
    )
    lines += [
        line(_("General education"), grade, ("education", grade)) for grade in EDUCATION_LINES
    ]
    lines.append(line(_("General education"), _("Other"), ("education", "other")))
    lines += [
        line(_("Professional level"), str(label), ("professional", value))
        for value, label in ProfessionalLevel.choices
    ]
    lines += [
        line(_("Political theory"), str(label), ("theory", value))
        for value, label in PoliticalTheory.choices
    ]
    return lines
