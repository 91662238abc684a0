"""Re-admission (kết nạp lại, Quy định 24-QĐ/TW): once, at least 36 months after leaving (a
rule set parameter), never for the excluded reasons (e.g. expelled for corruption or
factionalism); the former member's citizen ID is accepted for the new candidacy, the full
procedure and probation apply again, and Party age adds the earlier period."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruitment import services
from recruitment.models import Candidate, Member, MemberEvent, RuleSet
from recruitment.states import LeavingReason, MemberEventKind, MemberStatus, Stage
from tests.conftest import citizen_id_for
from tests.pipeline import advance_to, new_candidate

pytestmark = pytest.mark.usefixtures("vietnamese")

BIRTH = date(1990, 5, 17)
SOURCE = date(2023, 1, 9)  # new_candidate's source date


@pytest.fixture
def cell_members(make_cell, make_member):
    cell = make_cell()
    return cell, [make_member(cell=cell, full_name=f"Đảng viên {n}") for n in range(9)]


@pytest.fixture
def former(make_member, committee_staff):
    """A member admitted on 02/03/2015 who leaves on the given day for the given reason."""

    def make(left: date, *, kind=MemberEventKind.RESIGNED, reason="", **kw):
        member = make_member(date_of_birth=BIRTH, citizen_id=citizen_id_for(BIRTH, "female"), **kw)
        services.member_record_event(
            user=committee_staff,
            member=member,
            expected_version=member.version,
            kind=kind,
            date=left,
            leaving_reason=reason,
        )
        member.refresh_from_db()
        return member

    return make


def apply(cell_members, user, member):
    cell, members = cell_members
    return new_candidate(cell, members[0], user, date_of_birth=BIRTH, citizen_id=member.citizen_id)


def messages(error) -> str:
    return " ".join(error.value.messages)


def test_exactly_36_months_after_leaving_the_candidacy_is_accepted(
    former, cell_members, committee_staff
):
    member = former(date(2020, 1, 9))  # 36 months before 09/01/2023
    candidate = apply(cell_members, committee_staff, member)
    assert candidate.stage == Stage.SOURCE


def test_one_day_short_of_36_months_is_refused(former, cell_members, committee_staff):
    member = former(date(2020, 1, 10))  # 09/01/2023 is one day short of 36 months
    with pytest.raises(ValidationError) as error:
        apply(cell_members, committee_staff, member)
    text = messages(error)
    assert "36 tháng" in text and "10/01/2020" in text and "10/01/2023" in text
    assert not Candidate.objects.filter(citizen_id=member.citizen_id).exists()


@pytest.mark.parametrize(
    ("reason", "label"),
    [
        (LeavingReason.CORRUPTION, "Khai trừ do tham nhũng"),
        (LeavingReason.FACTIONALISM, "Khai trừ do bè phái"),
    ],
)
def test_expelled_for_an_excluded_reason_is_never_readmitted(
    former, cell_members, committee_staff, reason, label
):
    member = former(date(2019, 6, 1), kind=MemberEventKind.EXPELLED, reason=reason)
    with pytest.raises(ValidationError) as error:
        apply(cell_members, committee_staff, member)
    assert label in messages(error) and "không thể được kết nạp lại" in messages(error)


def test_expelled_for_another_reason_may_be_readmitted(former, cell_members, committee_staff):
    member = former(date(2019, 6, 1), kind=MemberEventKind.EXPELLED, reason=LeavingReason.OTHER)
    assert apply(cell_members, committee_staff, member).stage == Stage.SOURCE


def test_a_current_member_is_still_refused(make_member, cell_members, committee_staff):
    member = make_member(date_of_birth=BIRTH, citizen_id=citizen_id_for(BIRTH, "female"))
    with pytest.raises(ValidationError) as error:
        apply(cell_members, committee_staff, member)
    assert "Đã có đảng viên với số CCCD này trong hồ sơ" in messages(error)


def test_a_second_readmission_is_refused(former, cell_members, committee_staff):
    member = former(date(2019, 6, 1), earlier_decision_date=date(2005, 3, 2))
    with pytest.raises(ValidationError) as error:
        apply(cell_members, committee_staff, member)
    assert "chỉ được kết nạp lại một lần" in messages(error)


def test_the_decision_reuses_the_member_row_probationary_again(
    former, cell_members, committee_staff
):
    cell, members = cell_members
    member = former(date(2020, 1, 9), party_card_number="012345")
    candidate = apply(cell_members, committee_staff, member)
    advance_to(candidate, Stage.DECISION, committee_staff, members)
    assert Member.objects.filter(citizen_id=member.citizen_id).count() == 1
    member.refresh_from_db()
    candidate.refresh_from_db()
    assert candidate.member_id == member.pk
    assert member.cell == cell
    assert member.status == MemberStatus.PROBATIONARY
    assert member.decision_date == date(2024, 3, 15)
    assert member.ceremony_date is None and member.official_date is None
    assert member.party_card_number == ""
    assert member.earlier_decision_date == date(2015, 3, 2)
    # 09/01/2020 to 15/03/2024: 1527 days outside the Party.
    assert member.days_outside_party == 1527
    advance_to(candidate, Stage.CEREMONY, committee_staff, members)
    member.refresh_from_db()
    assert member.ceremony_date == date(2024, 3, 26) and not member.awaiting_ceremony


def test_member_page_shows_the_first_admission(client, former, cell_members, committee_staff):
    _, members = cell_members
    member = former(date(2020, 1, 9))
    advance_to(
        apply(cell_members, committee_staff, member), Stage.DECISION, committee_staff, members
    )
    client.force_login(committee_staff)
    page = client.get(member.get_absolute_url()).content.decode()
    assert 'id="earlier-decision">02/03/2015<' in page and "Kết nạp lại" in page


def test_party_age_adds_the_earlier_period(former, cell_members, committee_staff):
    _, members = cell_members
    # Earlier period 02/03/2015 - 09/01/2020: 4 years 10 months (and 7 days).
    member = former(date(2020, 1, 9))
    candidate = apply(cell_members, committee_staff, member)
    advance_to(candidate, Stage.CEREMONY, committee_staff, members)
    member.refresh_from_db()
    # Re-admitted 15/03/2024: on 15/03/2025 one year more, 5 years 10 months in all.
    assert member.party_age_months(date(2025, 3, 15)) == 5 * 12 + 10
    # The earlier period alone on the day of the new decision.
    assert member.party_age_months(date(2024, 3, 15)) == 4 * 12 + 10


def test_the_decision_refuses_a_citizen_id_barred_since_the_candidacy(
    make_member, cell_members, committee_staff
):
    cell, members = cell_members
    citizen_id = citizen_id_for(BIRTH, "female")
    candidate = new_candidate(
        cell, members[0], committee_staff, date_of_birth=BIRTH, citizen_id=citizen_id
    )
    advance_to(candidate, Stage.GRASSROOTS_RESOLUTION, committee_staff, members)
    barred = make_member(date_of_birth=BIRTH, citizen_id=citizen_id, status=MemberStatus.EXPELLED)
    MemberEvent.objects.create(
        member=barred,
        kind=MemberEventKind.EXPELLED,
        date=date(2019, 6, 1),
        leaving_reason=LeavingReason.FACTIONALISM,
    )
    with pytest.raises(ValidationError) as error:
        advance_to(candidate, Stage.DECISION, committee_staff, members)
    assert "Khai trừ do bè phái" in messages(error)
    barred.refresh_from_db()
    assert barred.status == MemberStatus.EXPELLED and barred.earlier_decision_date is None


def test_the_leaving_reason_is_recorded_on_the_event(former):
    member = former(
        date(2020, 1, 9), kind=MemberEventKind.EXPELLED, reason=LeavingReason.CORRUPTION
    )
    event = member.events.get()
    assert event.leaving_reason == LeavingReason.CORRUPTION
    assert member.status == MemberStatus.EXPELLED


def test_the_wait_is_the_rule_sets_parameter(former, cell_members, committee_staff):
    RuleSet.objects.filter(effective_from__lte=SOURCE).update(readmission_wait_months=24)
    member = former(date(2021, 1, 9))  # 24 months before 09/01/2023
    assert apply(cell_members, committee_staff, member).stage == Stage.SOURCE


def test_the_clerk_records_the_reason_on_the_expulsion_form(client, make_member, committee_staff):
    member = make_member()
    client.force_login(committee_staff)
    url = reverse("recruitment:member-event", args=[member.pk, MemberEventKind.EXPELLED])
    response = client.post(
        url,
        {
            "version": member.version,
            "date": "01/06/2019",
            "leaving_reason": LeavingReason.FACTIONALISM,
        },
    )
    assert response.status_code == 302
    assert member.events.get().leaving_reason == LeavingReason.FACTIONALISM
