"""Between the admission decision and the ceremony the person is admitted but not yet a
probationary member (probation runs from the ceremony): pages and counts say so."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from recruitment import stats
from recruitment.models import Member
from recruitment.states import Stage
from tests.pipeline import advance_to, new_candidate

AWAITING = "Đã kết nạp, chờ lễ kết nạp"


@pytest.fixture
def decided(make_cell, make_member, committee_staff):
    cell = make_cell()
    members = [make_member(cell=cell, full_name=f"Đảng viên {n}") for n in range(9)]
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.DECISION, committee_staff, members)
    return candidate, members, Member.objects.get(citizen_id=candidate.citizen_id)


def test_member_page_and_list_show_admitted_awaiting_ceremony(client, decided, committee_staff):
    _, _, member = decided
    client.force_login(committee_staff)
    page = client.get(member.get_absolute_url()).content.decode()
    assert f'id="member-status">{AWAITING}<' in page
    assert AWAITING in client.get(reverse("recruitment:member-list")).content.decode()


def test_home_counts_awaiting_ceremony_apart_from_probationary(client, decided, committee_staff):
    candidate, members, _ = decided
    client.force_login(committee_staff)
    page = client.get(reverse("recruitment:home")).content.decode()
    assert 'id="awaiting-ceremony-count">1<' in page
    assert 'id="probationary-count">0<' in page
    advance_to(candidate, Stage.CEREMONY, committee_staff, members)
    page = client.get(reverse("recruitment:home")).content.decode()
    assert 'id="awaiting-ceremony-count">0<' in page
    assert 'id="probationary-count">1<' in page


def test_after_the_ceremony_the_member_is_probationary(client, decided, committee_staff):
    candidate, members, member = decided
    advance_to(candidate, Stage.CEREMONY, committee_staff, members, date=date(2024, 3, 26))
    member.refresh_from_db()
    assert not member.awaiting_ceremony
    client.force_login(committee_staff)
    assert 'id="member-status">Dự bị<' in client.get(member.get_absolute_url()).content.decode()


# --- the dashboard and the quota setting, with a person between decision and ceremony -------
# The decision of tests.pipeline is dated 15/03/2024; the other members were admitted in 2015.


def test_dashboard_counts_them_as_awaiting_ceremony_from_the_decision_day(decided):
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 14)).awaiting_ceremony == 0
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 15)).awaiting_ceremony == 1
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 16)).awaiting_ceremony == 1


def test_by_decision_date_they_count_for_the_year_while_awaiting(decided, settings):
    settings.QUOTA_COUNT_DATE = "decision"
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 20))
    assert (board.admitted.value, board.awaiting_ceremony) == (1, 1)


def test_by_ceremony_date_they_do_not_count_until_the_ceremony(decided, settings, committee_staff):
    settings.QUOTA_COUNT_DATE = "ceremony"
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 20))
    assert (board.admitted.value, board.awaiting_ceremony) == (0, 1)
    candidate, members, _ = decided
    advance_to(candidate, Stage.CEREMONY, committee_staff, members, date=date(2024, 3, 26))
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 25)).admitted.value == 0
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
    assert (board.admitted.value, board.awaiting_ceremony) == (1, 0)


def test_a_december_decision_with_a_january_ceremony_counts_by_the_setting(
    decided, settings, committee_staff
):
    _, _, member = decided
    member.decision_date = date(2024, 12, 30)
    member.save()
    settings.QUOTA_COUNT_DATE = "decision"
    assert stats.dashboard(year=2024, as_of=date(2024, 12, 31)).admitted.value == 1
    settings.QUOTA_COUNT_DATE = "ceremony"
    board = stats.dashboard(year=2024, as_of=date(2024, 12, 31))
    assert (board.admitted.value, board.awaiting_ceremony) == (0, 1)
    member.ceremony_date = date(2025, 1, 6)
    member.save()
    assert stats.dashboard(year=2024, as_of=date(2024, 12, 31)).admitted.value == 0
    assert stats.dashboard(year=2025, as_of=date(2025, 1, 6)).admitted.value == 1


def test_dashboard_page_and_json_show_awaiting_ceremony(client, decided, board_head):
    client.force_login(board_head)
    query = {"year": 2024, "as_of": "2024-03-20"}
    page = client.get(reverse("recruitment:dashboard"), query).content.decode()
    assert AWAITING in page and 'id="awaiting-ceremony">1<' in page
    data = client.get(reverse("recruitment:dashboard-json"), query).json()
    assert data["awaiting_ceremony"] == 1
    response = client.get(reverse("recruitment:dashboard-xlsx"), query)
    rows = load_workbook(io.BytesIO(response.content))["Tổng hợp"].iter_rows(values_only=True)
    assert dict(row[:2] for row in rows)[AWAITING] == 1
