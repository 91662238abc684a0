"""The Party's admission rules as pure functions: facts in, problems out. No database."""

from datetime import date

from django.utils.translation import gettext as _

#: Province codes of the citizen ID that the software names in messages (the rest are
#: accepted as any three digits from 001 to 096).
HA_NAM_PROVINCE_CODE = "035"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31/01 + 1 = 28/02)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def age_in_months(date_of_birth: date, on: date) -> int:
    """Whole months lived by ``on``: a person is 18 on their 18th birthday, not before."""
    months = (on.year - date_of_birth.year) * 12 + (on.month - date_of_birth.month)
    if add_months(date_of_birth, months) > on:
        months -= 1
    return months


def age_in_years(date_of_birth: date, on: date) -> int:
    return age_in_months(date_of_birth, on) // 12


def citizen_id_problems(citizen_id: str, *, date_of_birth: date, gender: str) -> list[str]:
    """Check a 12-digit citizen ID against the person's date of birth and gender.

    Digits 1-3 are the province of birth registration, digit 4 encodes century and gender
    (0/1 for 1900-1999 male/female, 2/3 for 2000-2099, 4/5 for 2100-2199, and so on),
    digits 5-6 the last two digits of the birth year.
    """
    if len(citizen_id) != 12 or not citizen_id.isdigit():
        return [_("A citizen ID has exactly 12 digits.")]
    problems = []
    province = int(citizen_id[:3])
    if not 1 <= province <= 96:
        problems.append(
            _("The first three digits (%(code)s) are not a province code.")
            % {"code": citizen_id[:3]}
        )
    expected = expected_century_gender_digit(date_of_birth, gender)
    if expected is not None and citizen_id[3] != expected:
        problems.append(
            _(
                "Digit 4 of the citizen ID (%(digit)s) does not match the gender and "
                "century of birth (expected %(expected)s)."
            )
            % {"digit": citizen_id[3], "expected": expected}
        )
    if citizen_id[4:6] != f"{date_of_birth.year % 100:02d}":
        problems.append(
            _("Digits 5-6 of the citizen ID (%(digits)s) do not match the year of birth %(year)s.")
            % {"digits": citizen_id[4:6], "year": date_of_birth.year}
        )
    return problems


def expected_century_gender_digit(date_of_birth: date, gender: str) -> str | None:
    century_base = {19: 0, 20: 2, 21: 4, 22: 6, 23: 8}.get(date_of_birth.year // 100)
    if century_base is None:
        return None
    return str(century_base + (1 if gender == "female" else 0))
