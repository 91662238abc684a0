"""Size rules (Quy định 294-QĐ/TW, parameters of the rule set): a cell needs 3 official
members; a grassroots organisation with 30 members or more is a grassroots committee, below
30 a grassroots cell. The organisations page lists those that break them."""

from datetime import date

import pytest
from django.urls import reverse

from recruitment import rules, structure
from recruitment.models import Cell, Member, Organisation, RuleSet
from recruitment.roles import Role

pytestmark = pytest.mark.usefixtures("vietnamese")

PARAMS = RuleSet(effective_from=date(2025, 7, 1), reference="Quy định 294-QĐ/TW")


@pytest.mark.parametrize(("members", "broken"), [(29, True), (30, False), (31, False)])
def test_grassroots_committee_needs_thirty_members(members, broken):
    problems = rules.check_organisation_size(is_committee=True, members=members, params=PARAMS)
    assert bool(problems) == broken
    if broken:
        assert "30" in problems[0] and "29" in problems[0]


@pytest.mark.parametrize(("members", "broken"), [(29, False), (30, True), (31, True)])
def test_grassroots_cell_of_thirty_should_become_a_committee(members, broken):
    problems = rules.check_organisation_size(is_committee=False, members=members, params=PARAMS)
    assert bool(problems) == broken


@pytest.mark.parametrize(("official", "broken"), [(2, True), (3, False), (4, False)])
def test_cell_needs_three_official_members(official, broken):
    problems = rules.check_cell_size(official=official, params=PARAMS)
    assert bool(problems) == broken
    if broken:
        assert "3" in problems[0] and "2" in problems[0]


def test_thresholds_follow_the_rule_set():
    smaller = RuleSet(
        effective_from=date(2026, 1, 1), reference="x", min_official_members_for_cell=2
    )
    assert rules.check_cell_size(official=2, params=smaller) == []


@pytest.fixture
def small_world(make_organisation, make_cell, make_member):
    """A grassroots committee of 4 members: one cell of 3 official members, one of 1 official
    member and a probationary one (not counted for the cell)."""
    committee = make_organisation(name="Đảng bộ phường Nhỏ")
    full = make_cell(organisation=committee, name="Chi bộ Đủ")
    short = make_cell(organisation=committee, name="Chi bộ Thiếu")
    for n in range(3):
        make_member(cell=full, full_name=f"Đảng viên {n}")
    make_member(cell=short, full_name="Đảng viên 3")
    make_member(
        cell=short,
        full_name="Dự bị",
        decision_date=date(2025, 1, 2),
        status=Member.Status.PROBATIONARY,
    )
    # A member who left does not count for either.
    make_member(cell=short, full_name="Đã chuyển", status=Member.Status.TRANSFERRED_OUT)
    return committee


def test_breaches_list_the_small_committee_and_the_short_cell(small_world, committee_staff):
    breaches = structure.size_breaches(committee_staff, date(2026, 1, 5), PARAMS)
    assert [(b.organisation.name, b.cell.name if b.cell else None, b.count) for b in breaches] == [
        ("Đảng bộ phường Nhỏ", None, 5),
        ("Đảng bộ phường Nhỏ", "Chi bộ Thiếu", 1),
    ]


def test_organisations_page_shows_the_breaches_to_their_own_staff_only(
    client, small_world, make_organisation, make_user, django_assert_num_queries
):
    other = make_organisation(name="Đảng bộ phường Khác")
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=other)
    client.force_login(clerk)
    url = reverse("recruitment:organisation-sizes")
    content = client.get(url).content.decode()
    assert "Chi bộ Thiếu" not in content and "Đảng bộ phường Nhỏ" not in content
    assert "Đảng bộ phường Khác" in content  # no members: below 30


def test_organisations_page_lists_the_short_cell(client, small_world, committee_staff):
    client.force_login(committee_staff)
    url = reverse("recruitment:organisation-sizes")
    client.get(url)
    content = client.get(url).content.decode()
    assert "Chi bộ Thiếu" in content and "Chi bộ Đủ" not in content


def test_organisations_page_query_count_does_not_grow(
    client, small_world, committee_staff, make_cell, django_assert_num_queries
):
    client.force_login(committee_staff)
    url = reverse("recruitment:organisation-sizes")
    client.get(url)
    # The session, the user, the staff profile, the rule set, the organisations with their
    # member counts, the cells with their official counts, the session's save (3).
    with django_assert_num_queries(9):
        client.get(url)
    for n in range(3):
        make_cell(organisation=Organisation.objects.get(name="Đảng bộ phường Nhỏ"), name=f"C{n}")
    with django_assert_num_queries(9):
        client.get(url)
    assert Cell.objects.count() >= 5
