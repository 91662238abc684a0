"""Exceptions a higher committee approves, recorded with its document's number and date:
a ceremony later than 30 working days with the committee above's approval; admission over 60
by decision of the province-level committee (Quy định 294-QĐ/TW)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from recruitment.states import Stage
from tests.pipeline import advance_to, new_candidate

pytestmark = pytest.mark.usefixtures("vietnamese")


def messages_of(error) -> str:
    return " | ".join(error.value.messages)


# --- Item 9: a late ceremony with the committee above's approval ----------------------------
# The decision of 15/03/2024 (tests.pipeline): 30 working days later is 02/05/2024
# (Hùng Kings 18/04, 29/04-01/05 off, Saturday 04/05 worked).
DUE = date(2024, 5, 2)
LATE = date(2024, 5, 3)


@pytest.fixture
def decided(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.DECISION, committee_staff, members)
    return candidate, members


def test_ceremony_on_the_30th_working_day_needs_no_approval(decided, committee_staff):
    candidate, members = decided
    advance_to(candidate, Stage.CEREMONY, committee_staff, members, date=DUE)


def test_ceremony_the_day_after_is_refused_without_approval(decided, committee_staff):
    candidate, members = decided
    with pytest.raises(ValidationError) as error:
        advance_to(candidate, Stage.CEREMONY, committee_staff, members, date=LATE)
    assert "02/05/2024" in messages_of(error)


def test_late_ceremony_with_the_approval_recorded_passes(decided, committee_staff):
    candidate, members = decided
    ceremony = advance_to(
        candidate,
        Stage.CEREMONY,
        committee_staff,
        members,
        date=date(2024, 9, 10),
        approval_number="88-CV/TU",
        approval_date=date(2024, 5, 2),
    )
    assert (ceremony.approval_number, ceremony.approval_date) == ("88-CV/TU", date(2024, 5, 2))


def test_approval_needs_both_number_and_date(decided, committee_staff):
    candidate, members = decided
    with pytest.raises(ValidationError) as error:
        advance_to(
            candidate, Stage.CEREMONY, committee_staff, members, date=LATE, approval_number="88"
        )
    assert "số và ngày" in messages_of(error)


def test_approval_dated_after_the_ceremony_is_refused(decided, committee_staff):
    candidate, members = decided
    with pytest.raises(ValidationError) as error:
        advance_to(
            candidate,
            Stage.CEREMONY,
            committee_staff,
            members,
            date=LATE,
            approval_number="88-CV/TU",
            approval_date=date(2024, 5, 4),
        )
    assert "04/05/2024" in messages_of(error) and "03/05/2024" in messages_of(error)


# --- Item 10: over 60 by the province-level committee's decision ------------------------------
# The cell votes on 31/01/2024 (tests.pipeline).


def over_age_candidate(cell, members, user, born: date, citizen_id: str):
    return new_candidate(
        cell,
        members[0],
        user,
        date_of_birth=born,
        citizen_id=citizen_id,
        youth_union_member=False,
    )


def test_sixty_years_zero_months_on_the_vote_date_needs_no_decision(
    cell_with_members, committee_staff
):
    cell, members = cell_with_members
    candidate = over_age_candidate(
        cell, members, committee_staff, date(1964, 1, 31), "035164123456"
    )
    advance_to(candidate, Stage.CELL_RESOLUTION, committee_staff, members)


def test_sixty_years_one_month_is_refused_without_the_provinces_decision(
    cell_with_members, committee_staff
):
    cell, members = cell_with_members
    candidate = over_age_candidate(
        cell, members, committee_staff, date(1963, 12, 31), "035163123456"
    )
    with pytest.raises(ValidationError) as error:
        advance_to(candidate, Stage.CELL_RESOLUTION, committee_staff, members)
    assert "60 tuổi 1 tháng" in messages_of(error)


def test_over_sixty_with_the_provinces_decision_recorded_passes(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = over_age_candidate(
        cell, members, committee_staff, date(1963, 12, 31), "035163123456"
    )
    resolution = advance_to(
        candidate,
        Stage.CELL_RESOLUTION,
        committee_staff,
        members,
        approval_number="15-QĐ/TU",
        approval_date=date(2024, 1, 20),
    )
    assert resolution.over_age_consent is True
    assert (resolution.approval_number, resolution.approval_date) == (
        "15-QĐ/TU",
        date(2024, 1, 20),
    )
