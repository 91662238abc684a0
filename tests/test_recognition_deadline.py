"""The committee's recognition decision: within 30 working days of the cell's vote, 30 more
when the committee above extends it (Quy định 294-QĐ/TW; rule-set parameters)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from recruitment import services
from recruitment.models import Member

pytestmark = pytest.mark.usefixtures("vietnamese")

VOTE = date(2024, 6, 3)  # a Monday; no holiday in the next 60 working days but 02/09
# 30 working days after 03/06/2024: 15/07/2024; 31: 16/07. 60: 26/08/2024; 61: 27/08.
DUE, DAY_AFTER_DUE = date(2024, 7, 15), date(2024, 7, 16)
LATEST, DAY_AFTER_LATEST = date(2024, 8, 26), date(2024, 8, 27)


@pytest.fixture
def probationary(make_cell, make_member):
    cell = make_cell()
    for n in range(3):
        make_member(cell=cell, full_name=f"Đảng viên {n}")
    return make_member(
        cell=cell,
        full_name="Đảng viên dự bị",
        decision_date=date(2023, 5, 2),
        ceremony_date=date(2023, 5, 20),
        status=Member.Status.PROBATIONARY,
    )


def recognise(member, user, decision_date, extended=False):
    member.refresh_from_db()
    return services.member_recognise(
        user=user,
        member=member,
        expected_version=member.version,
        passed=True,
        vote_date=VOTE,
        votes_for=3,
        votes_against=0,
        decision_date=decision_date,
        deadline_extended=extended,
        document_number="9-QĐ/ĐU",
    )


@pytest.mark.parametrize("day", [date(2024, 7, 12), DUE])
def test_decision_within_thirty_working_days_passes(probationary, committee_staff, day):
    assert recognise(probationary, committee_staff, day).deadline_extended is False


def test_decision_on_the_31st_working_day_needs_the_extension(probationary, committee_staff):
    with pytest.raises(ValidationError) as error:
        recognise(probationary, committee_staff, DAY_AFTER_DUE)
    message = " ".join(error.value.messages)
    assert "15/07/2024" in message and "16/07/2024" in message
    probationary.refresh_from_db()
    assert probationary.status == Member.Status.PROBATIONARY
    event = recognise(probationary, committee_staff, DAY_AFTER_DUE, extended=True)
    assert event.deadline_extended is True


def test_extended_decision_on_the_60th_working_day_passes(probationary, committee_staff):
    recognise(probationary, committee_staff, LATEST, extended=True)


def test_extended_decision_on_the_61st_working_day_is_refused(probationary, committee_staff):
    with pytest.raises(ValidationError) as error:
        recognise(probationary, committee_staff, DAY_AFTER_LATEST, extended=True)
    assert "26/08/2024" in " ".join(error.value.messages)
