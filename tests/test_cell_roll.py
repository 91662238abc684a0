"""Who is entitled to vote in the cell (Hướng dẫn 01-HD/TW): the cell's roll of official
members as it stood on the vote date, less the exempt ones unless they attend and vote."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruitment import services
from recruitment.models import Member, MemberEvent
from recruitment.states import Stage
from tests.pipeline import advance_to, messages_of, new_candidate

pytestmark = pytest.mark.usefixtures("vietnamese")

VOTE_DAY = date(2024, 1, 31)  # the cell's vote in tests.pipeline.valid_steps


@pytest.fixture
def exempt_member(cell_with_members, make_member):
    cell, _ = cell_with_members
    return make_member(
        cell=cell,
        full_name="Đảng viên miễn sinh hoạt",
        date_of_birth=date(1950, 5, 5),
        exempt_from_activity=True,
    )


# --- Item 2: an exempt member who attends counts -------------------------------------------


def test_exempt_member_who_attends_counts_ten_votes_seven_for_pass(
    cell_with_members, exempt_member, committee_staff
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    resolution = advance_to(
        candidate,
        Stage.CELL_RESOLUTION,
        committee_staff,
        members,
        votes_for=7,
        votes_against=3,
        exempt_attending=[exempt_member],
    )
    assert resolution.eligible_voters == 10


def test_exempt_member_not_marked_as_attending_leaves_ten_votes_for_nine_entitled(
    cell_with_members, exempt_member, committee_staff
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        advance_to(
            candidate, Stage.CELL_RESOLUTION, committee_staff, members, votes_for=7, votes_against=3
        )
    assert "tổng số phiếu là 10 nhưng chỉ có 9 người" in messages_of(error)


def test_with_an_exempt_member_attending_six_of_ten_is_one_vote_short(
    cell_with_members, exempt_member, committee_staff
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        advance_to(
            candidate,
            Stage.CELL_RESOLUTION,
            committee_staff,
            members,
            votes_for=6,
            votes_against=4,
            exempt_attending=[exempt_member],
        )
    # 2/3 of 10 is 6.67: at least 7 are needed.
    assert "có 6 phiếu tán thành trên tổng số 10 người" in messages_of(error)
    assert "cần ít nhất 7 phiếu" in messages_of(error)


def test_a_member_not_exempt_cannot_be_counted_as_exempt_attending(
    cell_with_members, committee_staff
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        advance_to(
            candidate,
            Stage.CELL_RESOLUTION,
            committee_staff,
            members,
            votes_for=7,
            votes_against=3,
            exempt_attending=[members[3]],
        )
    assert "Đảng viên 3" in messages_of(error)


# --- Item 3: the roll as it stood on the vote date -------------------------------------------


def new_member(make_member, cell, official_date):
    """A member of the cell admitted in 2022, official from ``official_date``."""
    return make_member(
        cell=cell,
        full_name="Đảng viên mới",
        date_of_birth=date(1995, 1, 1),
        decision_date=date(2022, 12, 1),
        ceremony_date=date(2023, 1, 10),
        official_date=official_date,
    )


@pytest.mark.parametrize(
    ("official_date", "counted"),
    [(date(2024, 1, 30), True), (VOTE_DAY, True), (date(2024, 2, 1), False)],
)
def test_member_official_after_the_vote_is_not_on_the_roll(
    cell_with_members, make_member, official_date, counted
):
    cell, _ = cell_with_members
    new_member(make_member, cell, official_date)
    assert services.eligible_cell_voters(cell, on=VOTE_DAY) == (10 if counted else 9)


def test_member_recognised_after_the_vote_does_not_raise_the_votes_needed(
    cell_with_members, make_member, committee_staff
):
    cell, members = cell_with_members
    # Probation ended on 10/01/2024 (before the vote) but the recognition decision was
    # signed on 05/02/2024, after it: on 31/01/2024 the member was still probationary.
    late = new_member(make_member, cell, date(2024, 1, 10))
    MemberEvent.objects.create(
        member=late, kind=MemberEvent.Kind.RECOGNISED, date=date(2024, 2, 5), vote_date=None
    )
    candidate = new_candidate(cell, members[0], committee_staff)
    # 9 entitled: 6 for is exactly 2/3 (with the late member, 10 entitled, 7 needed).
    resolution = advance_to(
        candidate, Stage.CELL_RESOLUTION, committee_staff, members, votes_for=6, votes_against=3
    )
    assert resolution.eligible_voters == 9


def test_member_recognised_on_the_vote_day_counts(cell_with_members, make_member):
    cell, _ = cell_with_members
    member = new_member(make_member, cell, date(2024, 1, 10))
    MemberEvent.objects.create(member=member, kind=MemberEvent.Kind.RECOGNISED, date=VOTE_DAY)
    assert services.eligible_cell_voters(cell, on=VOTE_DAY) == 10
    assert services.eligible_cell_voters(cell, on=date(2024, 1, 30)) == 9


@pytest.mark.parametrize(
    ("left", "counted"),
    [(date(2024, 1, 30), False), (VOTE_DAY, False), (date(2024, 2, 1), True)],
)
def test_member_who_left_after_the_vote_was_on_the_roll_that_day(cell_with_members, left, counted):
    cell, members = cell_with_members
    gone = members[8]
    MemberEvent.objects.create(member=gone, kind=MemberEvent.Kind.TRANSFERRED_OUT, date=left)
    Member.objects.filter(pk=gone.pk).update(status=Member.Status.TRANSFERRED_OUT)
    assert services.eligible_cell_voters(cell, on=VOTE_DAY) == (9 if counted else 8)


def test_the_vote_page_lets_the_clerk_tick_the_exempt_members_who_attended(
    client, cell_with_members, exempt_member, committee_staff
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.COMMENTED, committee_staff, members)
    candidate.refresh_from_db()
    client.force_login(committee_staff)
    url = reverse("recruitment:candidate-stage", args=[candidate.pk, Stage.CELL_RESOLUTION])
    assert "Đảng viên miễn sinh hoạt" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "version": candidate.version,
            "date": "31/01/2024",
            "document_number": "07-NQ/CB",
            "votes_for": "7",
            "votes_against": "3",
            "voters_excluded": "0",
            "exempt_attending": [str(exempt_member.pk)],
        },
    )
    assert response.status_code == 302
    assert candidate.stage_records.get(stage=Stage.CELL_RESOLUTION).eligible_voters == 10


def test_recognition_counts_an_exempt_member_who_attended(
    cell_with_members, exempt_member, make_member, committee_staff
):
    cell, _ = cell_with_members
    probationary = make_member(
        cell=cell,
        full_name="Đảng viên dự bị",
        date_of_birth=date(1995, 1, 1),
        decision_date=date(2023, 1, 5),
        ceremony_date=date(2023, 1, 10),
        status=Member.Status.PROBATIONARY,
    )
    arguments = {
        "user": committee_staff,
        "member": probationary,
        "passed": True,
        "vote_date": date(2024, 1, 15),
        "votes_for": 7,
        "votes_against": 3,
        "decision_date": date(2024, 1, 20),
        "document_number": "5-QĐ/TU",
    }
    with pytest.raises(ValidationError) as error:
        services.member_recognise(expected_version=probationary.version, **arguments)
    assert "tổng số phiếu là 10 nhưng chỉ có 9 người" in messages_of(error)
    probationary.refresh_from_db()
    event = services.member_recognise(
        expected_version=probationary.version, exempt_attending=[exempt_member], **arguments
    )
    assert event.eligible_voters == 10
