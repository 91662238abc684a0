"""The admission pipeline's services: each rule refuses on the server, with its figures."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from recruitment import services
from recruitment.models import Candidate, Member, MemberEvent, Organisation, StageRecord
from recruitment.rules import add_months
from recruitment.stages import IntroducerInput
from recruitment.states import Stage
from recruitment.workdays import add_working_days
from tests.pipeline import advance_to, messages_of, new_candidate, record

pytestmark = pytest.mark.usefixtures("vietnamese")


def test_candidate_is_created_with_its_source_record(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    assert candidate.stage == Stage.SOURCE
    assert candidate.helper == members[0]
    assert candidate.name_key == "nguyen thi hue"
    source = candidate.stage_records.get()
    assert (source.stage, source.date, source.recorded_by) == (
        Stage.SOURCE,
        date(2023, 1, 9),
        committee_staff,
    )


def test_helper_must_be_an_official_member(cell_with_members, make_member, committee_staff):
    cell, _ = cell_with_members
    probationary = make_member(cell=cell, status="probationary", decision_date=date(2023, 5, 1))
    with pytest.raises(ValidationError) as error:
        new_candidate(cell, probationary, committee_staff)
    assert "không phải là đảng viên chính thức" in messages_of(error)
    assert not Candidate.objects.exists()


def test_whole_pipeline_creates_probationary_member_and_starts_probation(
    cell_with_members, committee_staff
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.CEREMONY, committee_staff, members)
    candidate.refresh_from_db()
    assert candidate.stage == Stage.CEREMONY
    member = candidate.member
    assert member.status == Member.Status.PROBATIONARY
    assert (member.decision_date, member.ceremony_date) == (date(2024, 3, 15), date(2024, 3, 26))
    assert member.citizen_id == candidate.citizen_id and member.cell == cell
    stages = list(candidate.stage_records.order_by("date").values_list("stage", flat=True))
    assert stages == list(Candidate.PIPELINE)


def test_stages_must_be_recorded_in_order(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        record(
            candidate,
            Stage.APPLIED,
            committee_staff,
            date=date(2023, 6, 1),
            personal_history_date=date(2023, 6, 1),
        )
    assert "Bồi dưỡng nhận thức về Đảng" in messages_of(error)


def test_stage_dated_before_the_previous_one_is_refused(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        record(
            candidate, Stage.TRAINED, committee_staff, date=date(2023, 1, 8), document_number="1"
        )
    assert "08/01/2023" in messages_of(error) and "09/01/2023" in messages_of(error)
    candidate.refresh_from_db()
    assert candidate.stage == Stage.SOURCE
    assert candidate.stage_records.count() == 1


def test_application_after_personal_history_is_refused(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        advance_to(
            candidate,
            Stage.APPLIED,
            committee_staff,
            members,
            personal_history_date=date(2023, 5, 31),
        )
    assert "31/05/2023" in messages_of(error)


def test_introducer_who_is_probationary_is_refused(cell_with_members, make_member, committee_staff):
    cell, members = cell_with_members
    probationary = make_member(
        cell=cell, full_name="Lê Dự Bị", status="probationary", decision_date=date(2023, 5, 1)
    )
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        advance_to(
            candidate,
            Stage.INTRODUCED,
            committee_staff,
            members,
            introducers=[
                IntroducerInput(member=members[0], known_since=date(2020, 1, 1)),
                IntroducerInput(member=probationary, known_since=date(2020, 1, 1)),
            ],
        )
    assert "Lê Dự Bị" in messages_of(error)


def test_cell_resolution_with_exactly_two_thirds_passes_and_shows_denominator(
    cell_with_members, committee_staff
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    resolution = advance_to(candidate, Stage.CELL_RESOLUTION, committee_staff, members)
    assert (resolution.votes_for, resolution.eligible_voters) == (6, 9)


def test_cell_resolution_below_two_thirds_is_refused(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    with pytest.raises(ValidationError) as error:
        advance_to(candidate, Stage.CELL_RESOLUTION, committee_staff, members, votes_for=5)
    assert "5" in messages_of(error) and "9" in messages_of(error) and "6" in messages_of(error)


def test_cell_resolution_denominator_leaves_out_exempt_and_excluded_members(
    cell_with_members, committee_staff
):
    cell, members = cell_with_members
    Member.objects.filter(pk=members[8].pk).update(exempt_from_activity=True)
    candidate = new_candidate(cell, members[0], committee_staff)
    # 8 entitled, 2 away on temporary transfer: 6 entitled, 4 votes needed.
    resolution = advance_to(
        candidate,
        Stage.CELL_RESOLUTION,
        committee_staff,
        members,
        votes_for=4,
        votes_against=0,
        voters_excluded=2,
    )
    assert resolution.eligible_voters == 6


def test_cell_resolution_denominator_three_of_six_entitled_is_refused(
    cell_with_members, committee_staff
):
    cell, members = cell_with_members
    Member.objects.filter(pk=members[8].pk).update(exempt_from_activity=True)
    candidate = new_candidate(cell, members[0], committee_staff)
    # 9 members, 1 exempt, 2 away: 6 entitled; 3 votes for is half, 4 are needed.
    with pytest.raises(ValidationError) as error:
        advance_to(
            candidate,
            Stage.CELL_RESOLUTION,
            committee_staff,
            members,
            votes_for=3,
            votes_against=0,
            voters_excluded=2,
        )
    assert "có 3 phiếu tán thành trên tổng số 6 người" in messages_of(error)
    assert "cần ít nhất 4 phiếu tán thành" in messages_of(error)


def test_cell_vote_refused_when_candidate_is_under_eighteen(cell_with_members, committee_staff):
    cell, members = cell_with_members
    # 18 on 01/02/2024: the vote on 31/01/2024 is the day before the 18th birthday.
    candidate = new_candidate(
        cell,
        members[0],
        committee_staff,
        date_of_birth=date(2006, 2, 1),
        citizen_id="035306123456",
    )
    with pytest.raises(ValidationError) as error:
        advance_to(candidate, Stage.CELL_RESOLUTION, committee_staff, members)
    assert "17 tuổi 11 tháng" in messages_of(error)


def test_cell_vote_on_the_eighteenth_birthday_passes(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(
        cell,
        members[0],
        committee_staff,
        date_of_birth=date(2006, 1, 31),
        citizen_id="035306123456",
    )
    advance_to(candidate, Stage.CELL_RESOLUTION, committee_staff, members)


def test_cell_vote_refused_when_certificate_has_expired(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    candidate.stage_records.filter(stage=Stage.SOURCE).update(date=date(2018, 1, 1))
    advance_to(candidate, Stage.TRAINED, committee_staff, members, date=date(2019, 1, 30))
    # Valid for 60 months (Civil Code): through 30/01/2024; the vote is on 31/01/2024.
    with pytest.raises(ValidationError) as error:
        advance_to_from_trained(candidate, committee_staff, members)
    assert "30/01/2024" in messages_of(error)


def test_cell_vote_on_the_certificates_last_day_passes(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    candidate.stage_records.filter(stage=Stage.SOURCE).update(date=date(2018, 1, 1))
    advance_to(candidate, Stage.TRAINED, committee_staff, members, date=date(2019, 1, 31))
    # A certificate of 31/01/2019 is valid through 31/01/2024, the day of the vote.
    advance_to_from_trained(candidate, committee_staff, members)
    candidate.refresh_from_db()
    assert candidate.stage == Stage.CELL_RESOLUTION


def advance_to_from_trained(candidate, user, members):
    record(
        candidate,
        Stage.APPLIED,
        user,
        date=date(2023, 6, 1),
        personal_history_date=date(2023, 6, 5),
    )
    record(candidate, Stage.VERIFIED, user, date=date(2023, 8, 1), verification_passed=True)
    record(
        candidate,
        Stage.INTRODUCED,
        user,
        date=date(2023, 9, 1),
        introduction_kind="two_members",
        introducers=[
            IntroducerInput(member=members[0], known_since=date(2020, 1, 1)),
            IntroducerInput(member=members[1], known_since=date(2020, 1, 1)),
        ],
    )
    record(candidate, Stage.COMMENTED, user, date=date(2023, 9, 15))
    record(
        candidate,
        Stage.CELL_RESOLUTION,
        user,
        date=date(2024, 1, 31),
        document_number="1",
        votes_for=9,
        votes_against=0,
    )


def test_grassroots_resolution_is_skipped_for_a_grassroots_cell(
    make_organisation, make_cell, make_member, committee_staff
):
    organisation = make_organisation(kind=Organisation.Kind.GRASSROOTS_CELL)
    cell = make_cell(organisation=organisation, is_organisation_itself=True)
    members = [make_member(cell=cell, full_name=f"ĐV {n}") for n in range(3)]
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(
        candidate, Stage.CELL_RESOLUTION, committee_staff, members, votes_for=2, votes_against=1
    )
    candidate.refresh_from_db()
    assert services.next_stage(candidate) == Stage.DECISION
    with pytest.raises(ValidationError):
        record(
            candidate,
            Stage.GRASSROOTS_RESOLUTION,
            committee_staff,
            date=date(2024, 2, 20),
            votes_for=3,
            eligible_voters=3,
        )
    record(
        candidate,
        Stage.DECISION,
        committee_staff,
        date=date(2024, 3, 15),
        document_number="245-QĐ/TU",
        signed_by="Trần Văn Hùng",
    )


def test_decision_after_sixty_working_days_needs_the_extension(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.GRASSROOTS_RESOLUTION, committee_staff, members)
    due = add_working_days(date(2024, 1, 31), 60)  # Tết 08-14/02/2024 is skipped
    late = add_working_days(date(2024, 1, 31), 61)
    with pytest.raises(ValidationError) as error:
        record(
            candidate,
            Stage.DECISION,
            committee_staff,
            date=late,
            document_number="1",
            signed_by="A",
        )
    assert due.strftime("%d/%m/%Y") in messages_of(error)
    assert not Member.objects.filter(citizen_id=candidate.citizen_id).exists()
    record(
        candidate,
        Stage.DECISION,
        committee_staff,
        date=late,
        document_number="1",
        signed_by="A",
        deadline_extended=True,
    )


@pytest.mark.parametrize(
    ("received", "refused"),
    [(date(2024, 3, 14), True), (date(2024, 3, 15), False), (date(2024, 3, 16), False)],
)
def test_decision_received_before_it_was_signed_is_refused(
    cell_with_members, committee_staff, received, refused
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.GRASSROOTS_RESOLUTION, committee_staff, members)
    arguments = {
        "date": date(2024, 3, 15),
        "document_number": "245-QĐ/TU",
        "document_date": received,
        "signed_by": "Trần Văn Hùng",
    }
    if not refused:
        record(candidate, Stage.DECISION, committee_staff, **arguments)
        return
    with pytest.raises(ValidationError) as error:
        record(candidate, Stage.DECISION, committee_staff, **arguments)
    assert "15/03/2024" in messages_of(error) and "14/03/2024" in messages_of(error)
    assert not Member.objects.filter(citizen_id=candidate.citizen_id).exists()


def test_decision_is_atomic_when_the_member_cannot_be_created(
    cell_with_members, make_member, committee_staff
):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.GRASSROOTS_RESOLUTION, committee_staff, members)
    # A member with the same citizen ID appears (e.g. imported) before the decision.
    Member.objects.filter(pk=members[8].pk).update(citizen_id=candidate.citizen_id)
    with pytest.raises(ValidationError):
        record(
            candidate,
            Stage.DECISION,
            committee_staff,
            date=date(2024, 3, 15),
            document_number="1",
            signed_by="A",
        )
    candidate.refresh_from_db()
    assert candidate.stage == Stage.GRASSROOTS_RESOLUTION
    assert candidate.member is None
    assert not StageRecord.objects.filter(candidate=candidate, stage=Stage.DECISION).exists()


def test_ceremony_after_thirty_working_days_is_refused(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.DECISION, committee_staff, members)
    late = add_working_days(date(2024, 3, 15), 31)
    with pytest.raises(ValidationError):
        advance_to(candidate, Stage.CEREMONY, committee_staff, members, date=late)
    assert Member.objects.get(citizen_id=candidate.citizen_id).ceremony_date is None


def test_second_save_of_a_stale_page_is_refused(cell_with_members, committee_staff):
    cell, members = cell_with_members
    candidate = new_candidate(cell, members[0], committee_staff)
    opened_version = candidate.version
    services.candidate_update(
        user=committee_staff,
        candidate=candidate,
        expected_version=opened_version,
        hometown="Phủ Lý",
    )
    stale = Candidate.objects.get(pk=candidate.pk)
    with pytest.raises(services.StaleEdit):
        services.candidate_update(
            user=committee_staff,
            candidate=stale,
            expected_version=opened_version,
            hometown="Kim Bảng",
        )
    candidate.refresh_from_db()
    assert candidate.hometown == "Phủ Lý"


def probationary_member(cell, members, user):
    candidate = new_candidate(cell, members[0], user)
    advance_to(candidate, Stage.CEREMONY, user, members)
    return Member.objects.get(citizen_id=candidate.citizen_id)


def test_recognition_sets_official_date_to_end_of_probation_even_when_vote_is_late(
    cell_with_members, committee_staff, settings
):
    cell, members = cell_with_members
    member = probationary_member(cell, members, committee_staff)
    ends = add_months(date(2024, 3, 26), 12)
    services.member_recognise(
        user=committee_staff,
        member=member,
        expected_version=member.version,
        passed=True,
        vote_date=date(2025, 6, 2),
        votes_for=7,
        votes_against=0,
        decision_date=date(2025, 6, 20),
        document_number="12-QĐ/ĐU",
    )
    member.refresh_from_db()
    assert member.status == Member.Status.OFFICIAL
    assert member.official_date == ends == date(2025, 3, 26)
    assert member.events.get().kind == MemberEvent.Kind.RECOGNISED


def test_recognition_vote_before_probation_ends_is_refused(cell_with_members, committee_staff):
    cell, members = cell_with_members
    member = probationary_member(cell, members, committee_staff)
    with pytest.raises(ValidationError) as error:
        services.member_recognise(
            user=committee_staff,
            member=member,
            expected_version=member.version,
            passed=True,
            vote_date=date(2025, 3, 25),
            votes_for=9,
            votes_against=0,
            decision_date=date(2025, 4, 1),
        )
    assert "26/03/2025" in messages_of(error)


def test_failed_recognition_strikes_the_name_off(cell_with_members, committee_staff):
    cell, members = cell_with_members
    member = probationary_member(cell, members, committee_staff)
    services.member_recognise(
        user=committee_staff,
        member=member,
        expected_version=member.version,
        passed=False,
        vote_date=date(2025, 4, 1),
        votes_for=2,
        votes_against=7,
        decision_date=date(2025, 4, 10),
    )
    member.refresh_from_db()
    assert member.status == Member.Status.STRUCK_OFF
    assert member.official_date is None


def test_member_event_changes_status(cell_with_members, committee_staff):
    cell, members = cell_with_members
    member = members[3]
    services.member_record_event(
        user=committee_staff,
        member=member,
        expected_version=member.version,
        kind=MemberEvent.Kind.TRANSFERRED_OUT,
        date=date(2024, 5, 1),
        document_number="5-GT",
    )
    member.refresh_from_db()
    assert member.status == Member.Status.TRANSFERRED_OUT
    with pytest.raises(ValidationError):
        services.member_record_event(
            user=committee_staff,
            member=member,
            expected_version=member.version,
            kind=MemberEvent.Kind.DECEASED,
            date=date(2024, 6, 1),
        )


def test_rejection_closes_the_candidacy(cell_with_members, committee_staff):
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
    assert candidate.stage == Stage.REJECTED
    assert services.next_stage(candidate) is None
