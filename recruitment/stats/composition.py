"""The composition of the year's admissions against last year's: the lines of the central
form "Biểu 2" (women, minorities, Youth Union members, religion, occupation, age at
admission, education, professional level, political theory)."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from .. import rules
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


def _composition_keys(admission, age: int) -> list:
    """Every line of "Biểu 2" that an admission counts in, computed once per admission."""
    band = next((low, high) for low, high in AGE_BANDS if age <= high) if age >= 18 else None
    education = admission.general_education
    keys = [
        "total",
        # A value a roster gave that is none of the choices (kept as typed) counts as other.
        ("religion", admission.religion if admission.religion in RELIGIONS else Religion.OTHER),
        ("occupation", admission.occupation if admission.occupation in OCCUPATIONS else OTHER),
        ("age", band),
        ("education", education if education in EDUCATION_LINES else "other"),
        ("professional", admission.professional_level),
        ("theory", admission.political_theory),
    ]
    if admission.gender == Gender.FEMALE:
        keys.append("women")
    if admission.ethnicity != KINH:
        keys.append("minorities")
    if admission.youth_union_member:
        keys.append("youth_union")
    return keys


def _tally(admissions: list) -> tuple[Counter, int]:
    """Counts per line and the sum of ages at admission, in one pass over the admissions."""
    counts: Counter = Counter()
    age_total = 0
    for admission in admissions:
        age = rules.age_in_years(admission.date_of_birth, admission.admitted_on)
        counts.update(_composition_keys(admission, age))
        age_total += age
    return counts, age_total


def composition(this_year: list, last_year: list) -> list[dict]:
    """The rows of "Biểu 2": each a label, this period's count and share, last year's. The
    admissions are records with ``admitted_on`` and the PERSON_FIELDS."""
    now, now_ages = _tally(this_year)
    before, before_ages = _tally(last_year)

    def line(group: str, label: str, key) -> dict:
        value, previous = now.get(key, 0), before.get(key, 0)
        return {
            "group": group,
            "label": label,
            "value": value,
            "percent": round(100 * value / len(this_year), 1) if this_year else None,
            "last_year": previous,
            "last_year_percent": round(100 * previous / len(last_year), 1) if last_year else None,
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
            "value": round(now_ages / len(this_year), 1) if this_year else None,
            "percent": None,
            "last_year": round(before_ages / len(last_year), 1) if last_year else None,
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
