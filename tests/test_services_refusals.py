"""The services' refusals that the pipeline tests do not reach, each with its Vietnamese
message and nothing written: no rule set in force, a date in the future, a helper of another
organisation, a candidacy already closed or closed without a reason, a cancelled decision
(the member it made is struck off), recognition of someone not on probation or decided before
the vote, an event that cannot be recorded or precedes the admission, quotas set by a role
that cannot."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from recruitment import services
from recruitment.models import (
    Candidate,
    Member,
    MemberEvent,
    Quota,
    RuleSet,
    StageRecord,
    Term,
)
from recruitment.states import Role, Stage
from tests.pipeline import advance_to, messages_of, new_candidate

pytestmark = pytest.mark.usefixtures("vietnamese")


def test_no_rule_set_in_force_is_refused_naming_the_day(db):
    RuleSet.objects.all().delete()
    with pytest.raises(ValidationError) as error:
        services.rule_set_on(date(2024, 3, 26))
    assert messages_of(error) == "Không có bộ quy định nào có hiệu lực vào ngày 26/03/2024."


def test_a_source_date_in_the_future_is_refused(cell_with_members, committee_staff):
    cell, members = cell_with_members
    tomorrow = timezone.localdate().toordinal() + 1
    with pytest.raises(ValidationError) as error:
        services.candidate_create(
            user=committee_staff,
            cell=cell,
            source_date=date.fromordinal(tomorrow),
            helper=members[0],
            full_name="Trần Văn Nam",
            gender="male",
            date_of_birth=date(2000, 5, 17),
            citizen_id="035200123456",
            occupation="teacher",
        )
    assert f"{date.fromordinal(tomorrow):%d/%m/%Y} là ngày trong tương lai" in messages_of(error)
    assert not Candidate.objects.exists()


def test_a_helper_of_another_organisation_is_refused(
    cell_with_members, make_cell, make_member, committee_staff
):
    cell, _members = cell_with_members
    elsewhere = make_member(cell=make_cell(), full_name="Lê Văn Khác", citizen_id="035080000001")
    with pytest.raises(ValidationError) as error:
        new_candidate(cell, elsewhere, committee_staff)
    assert messages_of(error) == (
        "Tạo nguồn: đảng viên được phân công giúp đỡ Lê Văn Khác không thuộc tổ chức cơ sở "
        "đảng này."
    )
    assert not Candidate.objects.exists()


def test_a_person_the_model_refuses_is_refused_with_the_models_message(
    cell_with_members, committee_staff
):
    cell, members = cell_with_members
    with pytest.raises(ValidationError) as error:
        new_candidate(cell, members[0], committee_staff, citizen_id="03530012345")  # 11 digits
    assert "12 chữ số" in messages_of(error)
    assert not Candidate.objects.exists()


def test_a_closed_candidacy_cannot_be_closed_again(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    services.candidate_reject(
        user=committee_staff,
        candidate=candidate,
        expected_version=candidate.version,
        date=date(2023, 2, 1),
        notes="Chuyển công tác",
    )
    candidate.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.candidate_reject(
            user=committee_staff,
            candidate=candidate,
            expected_version=candidate.version,
            date=date(2023, 2, 2),
            notes="Lần hai",
        )
    assert messages_of(error) == "Việc xem xét kết nạp quần chúng ưu tú này đã kết thúc."
    assert candidate.stage_records.filter(stage=Stage.REJECTED).count() == 1


def test_closing_a_candidacy_needs_a_reason(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        services.candidate_reject(
            user=committee_staff,
            candidate=candidate,
            expected_version=candidate.version,
            date=date(2023, 2, 1),
            notes="   ",
        )
    assert messages_of(error) == "Nhập lý do."
    candidate.refresh_from_db()
    assert candidate.stage == Stage.SOURCE


def test_cancelling_the_decision_strikes_off_the_member_it_made(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.DECISION, committee_staff, members)
    candidate.refresh_from_db()
    member = candidate.member
    assert member.status == Member.Status.PROBATIONARY
    services.candidate_reject(
        user=committee_staff,
        candidate=candidate,
        expected_version=candidate.version,
        date=date(2024, 3, 20),
        notes="Phát hiện khai man lý lịch",
    )
    member.refresh_from_db()
    candidate.refresh_from_db()
    assert candidate.stage == Stage.CANCELLED
    assert member.status == Member.Status.STRUCK_OFF
    event = member.events.get()
    assert (event.kind, event.date) == (MemberEvent.Kind.STRUCK_OFF, date(2024, 3, 20))
    assert event.notes == "Hủy quyết định kết nạp: Phát hiện khai man lý lịch"
    assert StageRecord.objects.filter(candidate=candidate, stage=Stage.CANCELLED).count() == 1


def test_only_a_probationary_member_can_be_recognised(cell_with_members, committee_staff):
    _cell, members = cell_with_members
    official = members[2]
    with pytest.raises(ValidationError) as error:
        services.member_recognise(
            user=committee_staff,
            member=official,
            expected_version=official.version,
            passed=True,
            vote_date=date(2024, 4, 1),
            votes_for=9,
            votes_against=0,
            decision_date=date(2024, 4, 5),
        )
    assert messages_of(error) == (
        "Chỉ xét công nhận đảng viên chính thức đối với đảng viên dự bị đã được ghi nhận lễ "
        "kết nạp."
    )
    assert not official.events.exists()


def test_recognition_decided_before_the_vote_is_refused(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.CEREMONY, committee_staff, members)
    member = Member.objects.get(citizen_id=candidate.citizen_id)
    with pytest.raises(ValidationError) as error:
        services.member_recognise(
            user=committee_staff,
            member=member,
            expected_version=member.version,
            passed=True,
            vote_date=date(2025, 4, 1),
            votes_for=9,
            votes_against=0,
            decision_date=date(2025, 3, 31),
        )
    assert messages_of(error) == (
        "Công nhận đảng viên chính thức: ngày ra quyết định không được trước ngày chi bộ "
        "biểu quyết."
    )
    member.refresh_from_db()
    assert member.status == Member.Status.PROBATIONARY


def test_an_event_that_cannot_be_recorded_here_is_refused(cell_with_members, committee_staff):
    _cell, members = cell_with_members
    member = members[1]
    with pytest.raises(ValidationError) as error:
        services.member_record_event(
            user=committee_staff,
            member=member,
            expected_version=member.version,
            kind=MemberEvent.Kind.RECOGNISED,
            date=date(2024, 5, 1),
        )
    assert messages_of(error) == "Không thể ghi nhận loại biến động này tại đây."
    member.refresh_from_db()
    assert member.status == Member.Status.OFFICIAL


def test_an_event_before_the_admission_decision_is_refused(cell_with_members, committee_staff):
    _cell, members = cell_with_members
    member = members[1]  # admitted on 02/03/2015 (the builder)
    with pytest.raises(ValidationError) as error:
        services.member_record_event(
            user=committee_staff,
            member=member,
            expected_version=member.version,
            kind=MemberEvent.Kind.TRANSFERRED_OUT,
            date=date(2015, 3, 1),
        )
    assert messages_of(error) == "Ngày này không được trước ngày quyết định kết nạp."
    assert not member.events.exists()


def test_a_role_that_cannot_set_quotas_is_refused(make_user, make_organisation):
    organisation = make_organisation()
    grassroots_staff = make_user(Role.GRASSROOTS_STAFF, organisation=organisation)
    with pytest.raises(ValidationError) as error:
        services.quotas_set(
            user=grassroots_staff,
            year=2024,
            committee_assigned=205,
            committee_aspiration=None,
            committee_training=None,
            term=None,
            term_target=None,
            organisation_targets={organisation: 4},
        )
    assert messages_of(error) == "Vai trò của bạn không được giao chỉ tiêu."
    assert not Quota.objects.exists()


def test_quotas_without_a_term_leave_the_term_target_alone(board_head, make_term):
    term = make_term()
    services.quotas_set(
        user=board_head,
        year=2024,
        committee_assigned=205,
        committee_aspiration=None,
        committee_training=150,
        term=term,
        term_target=500,
        organisation_targets={},
    )
    services.quotas_set(
        user=board_head,
        year=2025,
        committee_assigned=210,
        committee_aspiration=None,
        committee_training=None,
        term=None,  # no term covers 2025 here: the term's target is not touched
        term_target=None,
        organisation_targets={},
    )
    assert Quota.objects.get(term=term).target == 500
    assert sorted(Quota.objects.filter(term=None).values_list("year", "target")) == [
        (2024, 150),
        (2024, 205),
        (2025, 210),
    ]
    assert Term.objects.count() == 1
