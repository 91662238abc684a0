"""Party age by the calendar (Hướng dẫn 01-HD/TW): whole years and months from the admission
decision, less time outside the Party; never days divided by 365 and 30."""

from datetime import date

import pytest
from django.utils import translation

from recruitment.models import Member
from recruitment.views.members import party_age_text


def member(decision: date, outside: int = 0) -> Member:
    return Member(decision_date=decision, days_outside_party=outside)


@pytest.mark.parametrize(
    ("on", "months"),
    [
        (date(2025, 8, 26), 29 * 12 + 11),  # the case: not "30 years 0 months"
        (date(2025, 9, 1), 29 * 12 + 11),  # the day before the 30th anniversary
        (date(2025, 9, 2), 30 * 12),  # the anniversary itself
        (date(2025, 9, 3), 30 * 12),
        (date(2025, 10, 1), 30 * 12),
        (date(2025, 10, 2), 30 * 12 + 1),
    ],
)
def test_party_age_counts_calendar_months(on, months):
    assert member(date(1995, 9, 2)).party_age_months(on) == months


def test_party_age_text_reads_29_years_11_months():
    with translation.override("en"):
        assert party_age_text(member(date(1995, 9, 2)), date(2025, 8, 26)) == ("29 years 11 months")


def test_time_outside_the_party_is_deducted():
    # 31 days outside (01/03-31/03/2000): the start moves from 02/09/1995 to 03/10/1995.
    outside = member(date(1995, 9, 2), outside=31)
    assert outside.party_age_months(date(2025, 10, 2)) == 29 * 12 + 11
    assert outside.party_age_months(date(2025, 10, 3)) == 30 * 12


def test_party_age_before_the_decision_is_zero():
    assert member(date(2025, 9, 2)).party_age_months(date(2025, 9, 1)) == 0
    assert member(date(2025, 9, 2)).party_age_months(date(2025, 9, 2)) == 0
