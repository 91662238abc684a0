"""Between the admission decision and the ceremony the person is admitted but not yet a
probationary member (probation runs from the ceremony): pages and counts say so."""

from datetime import date

import pytest
from django.urls import reverse

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
