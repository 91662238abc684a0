"""Grassroots staff across a split: they go to one part (the one chosen, else the one taking
the organisation's first cell) and see that part's records from the effective date, as
after a merger."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruitment.models import Organisation
from recruitment.reorganisation import Document, SplitPart, organisation_split
from recruitment.roles import Role
from tests.test_reorganisation import world  # noqa: F401 (the fixture)

SPLIT_DOC = Document(number="20-QĐ/TU", date=date(2025, 9, 20))


def split_a(world, *, staff_to_e: bool = False):  # noqa: F811 (the fixture's name)
    """A into E (cell a2) and F (cell a1) on 01/10/2025."""
    return organisation_split(
        organisation=world["A"],
        parts=[
            SplitPart("Đảng bộ E", "E", [world["a2"]], staff=staff_to_e),
            SplitPart("Chi bộ F", "F", [world["a1"]]),
        ],
        effective_date=date(2025, 10, 1),
        document=SPLIT_DOC,
        user=None,
    )


def member_url(cell) -> str:
    return reverse("recruitment:member-detail", args=[cell.members.first().pk])


def test_after_a_split_the_staff_follow_the_part_taking_the_first_cell(
    client,
    world,  # noqa: F811
    make_user,
):
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=world["A"])
    client.force_login(clerk)
    assert client.get(member_url(world["a1"])).status_code == 200
    assert client.get(member_url(world["a2"])).status_code == 200
    split_a(world)
    clerk.staff_profile.refresh_from_db()
    # "Chi bộ a1" comes first in A: it went to F, and so did A's staff.
    assert clerk.staff_profile.organisation.code == "F"
    client.force_login(clerk)
    assert client.get(member_url(world["a1"])).status_code == 200
    assert client.get(member_url(world["a2"])).status_code == 404
    other = make_user(Role.GRASSROOTS_STAFF, organisation=world["B"])
    other.staff_profile.refresh_from_db()
    assert other.staff_profile.organisation.code == "B"


def test_the_part_chosen_for_the_staff_takes_them(client, world, make_user):  # noqa: F811
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=world["A"])
    split_a(world, staff_to_e=True)
    clerk.staff_profile.refresh_from_db()
    assert clerk.staff_profile.organisation.code == "E"
    client.force_login(clerk)
    assert client.get(member_url(world["a2"])).status_code == 200
    assert client.get(member_url(world["a1"])).status_code == 404
    page = client.get(reverse("recruitment:member-list")).content.decode()
    assert world["a2"].members.first().full_name in page


def test_the_staff_go_to_one_part_only(world, make_user, vietnamese):  # noqa: F811
    make_user(Role.GRASSROOTS_STAFF, organisation=world["A"])
    with pytest.raises(ValidationError) as refused:
        organisation_split(
            organisation=world["A"],
            parts=[
                SplitPart("Đảng bộ E", "E", [world["a2"]], staff=True),
                SplitPart("Chi bộ F", "F", [world["a1"]], staff=True),
            ],
            effective_date=date(2025, 10, 1),
            document=SPLIT_DOC,
            user=None,
        )
    assert refused.value.messages == ["Cán bộ của Đảng bộ A chỉ chuyển sang một tổ chức."]
    assert not Organisation.objects.filter(code__in=["E", "F"]).exists()


def test_the_split_form_sends_the_staff_where_the_board_chooses(
    client,
    world,  # noqa: F811
    board_head,
    make_user,
):
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=world["A"])
    client.force_login(board_head)
    url = reverse("recruitment:organisation-event", args=["split"])
    step = f"{url}?organisation={world['A'].pk}"
    assert 'name="staff_to"' in client.get(step).content.decode()
    response = client.post(
        step,
        {
            "effective_date": "01/10/2025",
            "document_number": "20-QĐ/TU",
            "first_name": "Chi bộ E",
            "first_code": "E",
            "second_name": "Chi bộ F",
            "second_code": "F",
            "staff_to": "2",
            f"cell_{world['a1'].pk}": "1",
            f"cell_{world['a2'].pk}": "2",
        },
    )
    assert response.status_code == 302
    clerk.staff_profile.refresh_from_db()
    # a1 (the first cell) went to E, but the board sent the staff to F.
    assert clerk.staff_profile.organisation.code == "F"
