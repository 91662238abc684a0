"""A clerk's everyday slips: the page keeps what they asked for when part of it is wrong."""

from datetime import date

from django.urls import reverse


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
