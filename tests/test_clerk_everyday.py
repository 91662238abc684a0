"""A clerk's everyday slips: the page keeps what they asked for when part of it is wrong."""

from datetime import date

from django.urls import reverse

from recruitment.roles import Role


def test_a_bad_date_keeps_the_year_asked_for(client, board_head):
    client.force_login(board_head)
    response = client.get(reverse("recruitment:dashboard"), {"year": 2024, "as_of": "26/03/24"})
    assert response.status_code == 200
    assert "as_of" in response.context["form"].errors
    board = response.context["board"]
    # The year asked for, up to its last day (a past year), not today's year.
    assert board.year == 2024
    assert board.as_of == date(2024, 12, 31)


def test_a_bad_year_falls_back_to_the_date_given(client, board_head):
    client.force_login(board_head)
    response = client.get(
        reverse("recruitment:dashboard"), {"year": "hai nghìn", "as_of": "26/03/2024"}
    )
    assert "year" in response.context["form"].errors
    assert (response.context["board"].year, response.context["board"].as_of) == (
        2024,
        date(2024, 3, 26),
    )


def test_the_digits_the_list_shows_find_the_person_in_scope(
    client, make_user, make_organisation, make_cell, make_member
):
    own = make_organisation(name="Đảng bộ phường A")
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=own)
    make_member(cell=make_cell(organisation=own), full_name="Lê Văn Tám", citizen_id="035090002774")
    make_member(
        cell=make_cell(organisation=own), full_name="Lê Văn Chín", citizen_id="035090002775"
    )
    other = make_cell()  # another organisation's member with the same last digits
    make_member(cell=other, full_name="Trần Thị Mười", citizen_id="001190002774")
    client.force_login(clerk)
    url = reverse("recruitment:member-list")
    for typed in ("2774", "035•••••2774", "035*****2774"):
        page = client.get(client.post(url, {"q": typed})["Location"]).content.decode()
        assert "Lê Văn Tám" in page, typed
        assert "Lê Văn Chín" not in page and "Trần Thị Mười" not in page, typed
