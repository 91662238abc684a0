"""Every service checks the acting user's role and scope itself, whatever called it: a clerk
of another organisation, or the board head (who reads but changes nothing), is refused and
nothing is written; the organisation's own clerk, committee staff and the system (user=None:
the demo builder, a command-line import) may act."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from recruitment import services
from recruitment.models import Candidate, Member, Organisation, StageRecord
from recruitment.roles import Role
from recruitment.states import Stage
from tests.pipeline import new_candidate, record


@pytest.fixture
def world(make_organisation, make_cell, make_member, make_user, committee_staff):
    own = make_organisation(name="Đảng bộ phường A")
    other = make_organisation(name="Đảng bộ phường B")
    cell = make_cell(organisation=own)
    other_cell = make_cell(organisation=other)
    members = [make_member(cell=cell, full_name=f"Đảng viên {n}") for n in range(3)]
    candidate = new_candidate(cell, members[0], committee_staff)
    return {
        "cell": cell,
        "other_cell": other_cell,
        "members": members,
        "candidate": candidate,
        "own_clerk": make_user(Role.GRASSROOTS_STAFF, organisation=own),
        "other_clerk": make_user(Role.GRASSROOTS_STAFF, organisation=other),
        "board_head": make_user(Role.BOARD_HEAD),
        "committee_staff": committee_staff,
    }


REFUSED = ["other_clerk", "board_head"]
ALLOWED = ["own_clerk", "committee_staff", None]


def actor(world, who):
    return None if who is None else world[who]


@pytest.mark.parametrize("who", REFUSED)
def test_recording_a_stage_is_refused_outside_the_users_scope(world, who):
    candidate = world["candidate"]
    with pytest.raises(PermissionDenied):
        record(
            candidate,
            Stage.TRAINED,
            actor(world, who),
            date=date(2023, 3, 10),
            document_number="CC-1",
        )
    assert not candidate.stage_records.filter(stage=Stage.TRAINED).exists()
    candidate.refresh_from_db()
    assert candidate.stage == Stage.SOURCE and candidate.version == 1


@pytest.mark.parametrize("who", ALLOWED)
def test_recording_a_stage_is_allowed_within_the_users_scope(world, who):
    candidate = world["candidate"]
    record(candidate, Stage.TRAINED, actor(world, who), date=date(2023, 3, 10), document_number="C")
    assert candidate.stage_records.filter(stage=Stage.TRAINED).exists()


@pytest.mark.parametrize("who", REFUSED)
def test_naming_a_candidate_in_another_organisation_is_refused(world, who):
    with pytest.raises(PermissionDenied):
        new_candidate(
            world["cell"], world["members"][0], actor(world, who), citizen_id="035300999999"
        )
    assert not Candidate.objects.filter(citizen_id="035300999999").exists()


@pytest.mark.parametrize("who", REFUSED)
def test_closing_a_candidacy_is_refused_outside_the_users_scope(world, who):
    candidate = world["candidate"]
    with pytest.raises(PermissionDenied):
        services.candidate_reject(
            user=actor(world, who),
            candidate=candidate,
            expected_version=candidate.version,
            date=date(2023, 2, 1),
            notes="x",
        )
    assert not StageRecord.objects.filter(stage=Stage.REJECTED).exists()


def test_moving_a_candidate_into_another_organisations_cell_is_refused(world):
    candidate = world["candidate"]
    with pytest.raises(PermissionDenied):
        services.candidate_update(
            user=world["own_clerk"],
            candidate=candidate,
            expected_version=candidate.version,
            cell=world["other_cell"],
        )
    candidate.refresh_from_db()
    assert candidate.cell == world["cell"]


@pytest.mark.parametrize("who", REFUSED)
def test_member_changes_are_refused_outside_the_users_scope(world, who):
    member = world["members"][2]
    with pytest.raises(PermissionDenied):
        services.member_update(
            user=actor(world, who),
            member=member,
            expected_version=member.version,
            full_name="Tên Khác",
        )
    with pytest.raises(PermissionDenied):
        services.member_record_event(
            user=actor(world, who),
            member=member,
            expected_version=member.version,
            kind="deceased",
            date=date(2024, 1, 1),
        )
    member.refresh_from_db()
    assert member.full_name == "Đảng viên 2" and member.status == Member.Status.OFFICIAL


def test_own_clerk_may_correct_a_member(world):
    member = world["members"][2]
    services.member_update(
        user=world["own_clerk"], member=member, expected_version=member.version, full_name="Mới"
    )
    member.refresh_from_db()
    assert member.full_name == "Mới"


@pytest.mark.parametrize("who", REFUSED)
def test_recognition_is_refused_outside_the_users_scope(world, make_member, who):
    probationary = make_member(
        cell=world["cell"],
        full_name="Dự bị",
        decision_date=date(2023, 1, 5),
        ceremony_date=date(2023, 1, 10),
        status=Member.Status.PROBATIONARY,
    )
    with pytest.raises(PermissionDenied):
        services.member_recognise(
            user=actor(world, who),
            member=probationary,
            expected_version=probationary.version,
            passed=True,
            vote_date=date(2024, 1, 15),
            votes_for=3,
            votes_against=0,
            decision_date=date(2024, 1, 20),
        )
    probationary.refresh_from_db()
    assert probationary.status == Member.Status.PROBATIONARY


def test_own_clerk_may_act_in_a_cell_of_a_sub_committee(world, make_organisation, make_cell):
    own = world["cell"].organisation
    sub_committee = make_organisation(
        name="Đảng bộ bộ phận", kind=Organisation.Kind.SUB_COMMITTEE, parent=own
    )
    cell = make_cell(organisation=sub_committee)
    candidate = new_candidate(cell, None, world["own_clerk"], citizen_id="035300888888")
    assert candidate.cell == cell
    with pytest.raises(PermissionDenied):
        new_candidate(cell, None, world["other_clerk"], citizen_id="035300777777")
