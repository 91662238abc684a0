"""A grassroots organisation's dashboard of the days before a merger or split: its staff see
the organisations whose work it carries on (before a split, only the cells it received),
with their figures and targets, and nothing of other organisations; the parts add up to the
committee's rows."""

from datetime import date

import pytest
from django.urls import reverse

from recruitment.asof import Successions
from recruitment.models import Organisation
from recruitment.reorganisation import Document, SplitPart, organisation_split
from recruitment.roles import Role
from tests.test_reorganisation import merge_a_and_b, world  # noqa: F401 (the fixture)


def seen(client, user, day: date, year: int | None = None) -> dict:
    """What ``user`` sees on the dashboard's JSON as of ``day``: code → (admitted, quota,
    admitted in the term), and under "total" (admitted, its target, admitted in the term, its
    target, open candidates)."""
    client.force_login(user)
    response = client.get(
        reverse("recruitment:dashboard-json"),
        {"year": year or day.year, "as_of": day.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 200
    data = response.json()
    found = {
        row["code"]: (row["admitted"], row["quota"], row["admitted_in_term"])
        for row in data["organisations"]
    }
    term = data["term"] or {}
    found["total"] = (
        data["admitted"]["value"],
        data["admitted"]["target"],
        term.get("value"),
        term.get("target"),
        sum(data["pipeline"].values()),
    )
    return found


@pytest.fixture
def merged(world, make_user):  # noqa: F811 (the fixture's name)
    """B's clerk, then A and B merged into C on 01/07/2025 (the clerk now C's)."""
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=world["B"])
    merge_a_and_b(world)
    clerk.refresh_from_db()
    return clerk


def test_before_the_merger_the_successors_staff_see_its_predecessors(client, merged, board_head):
    assert seen(client, merged, date(2025, 6, 30)) == {
        "A": (2, 4, 2),
        "B": (1, 2, 2),
        "total": (3, 6, 4, 16, 1),
    }
    # The committee's rows of A and B are the same; D is not the clerk's.
    committee = seen(client, board_head, date(2025, 6, 30))
    assert committee["A"] == (2, 4, 2) and committee["B"] == (1, 2, 2)
    assert committee["D"] == (1, 3, 1)


def test_after_the_merger_and_in_an_earlier_year(client, merged):
    assert seen(client, merged, date(2025, 12, 31)) == {
        "C": (4, 6, 5),
        "total": (4, 6, 5, 16, 1),
    }
    assert seen(client, merged, date(2025, 3, 31)) == {
        "A": (2, 4, 2),
        "B": (0, 2, 1),
        "total": (2, 6, 3, 16, 1),
    }
    assert seen(client, merged, date(2024, 12, 31)) == {
        "A": (0, None, 0),
        "B": (1, None, 1),
        "total": (1, None, 1, 16, 1),
    }


def test_other_organisations_staff_see_nothing_of_the_merged_ones(client, world, make_user):  # noqa: F811
    clerk_d = make_user(Role.GRASSROOTS_STAFF, organisation=world["D"])
    merge_a_and_b(world)
    for day in (date(2025, 6, 30), date(2025, 12, 31)):
        found = seen(client, clerk_d, day)
        assert set(found) == {"D", "total"}
        assert found["D"] == (1, 3, 1)


def test_before_a_split_each_part_sees_the_cells_it_received(client, merged, world, make_user):  # noqa: F811
    organisation_split(
        organisation=Organisation.objects.get(code="C"),
        parts=[
            SplitPart("Đảng bộ E", "E", [world["a1"], world["b1"]]),
            SplitPart("Chi bộ F", "F", [world["a2"]]),
        ],
        effective_date=date(2025, 10, 1),
        document=Document(number="20-QĐ/TU"),
        user=None,
    )
    clerk_e = merged  # C's staff went to E, which took C's first cell (Chi bộ a1)
    clerk_f = make_user(Role.GRASSROOTS_STAFF, organisation=Organisation.objects.get(code="F"))
    # Before the merger: E has a1 of A and b1 of B, F a2 of A (and its candidate); the
    # targets of A and B, which were divided, are not shown to a part.
    assert seen(client, clerk_e, date(2025, 6, 30)) == {
        "A": (1, None, 1),
        "B": (1, None, 2),
        "total": (2, None, 3, None, 0),
    }
    assert seen(client, clerk_f, date(2025, 6, 30)) == {
        "A": (1, None, 1),
        "total": (1, None, 1, None, 1),
    }
    # Between the merger and the split, each part sees its cells of C.
    assert seen(client, clerk_e, date(2025, 9, 30)) == {
        "C": (3, None, 4),
        "total": (3, None, 4, None, 0),
    }
    assert seen(client, clerk_f, date(2025, 9, 30)) == {
        "C": (1, None, 1),
        "total": (1, None, 1, None, 1),
    }
    # After the split, each its own, with the targets carried to it (5 and 1 of C's 6).
    assert seen(client, clerk_e, date(2025, 12, 31))["E"] == (3, 5, 4)
    assert seen(client, clerk_f, date(2025, 12, 31))["F"] == (1, 1, 1)


def test_targets_pass_on_at_a_provinces_size():
    # 12,000 organisations merged two by two into 6,000, then each of those into one of
    # 3,000: every target reaches the last successor, however many there are.
    successors = {pk: [(20_000 + pk // 2, 1)] for pk in range(12_000)}
    successors |= {20_000 + pk: [(40_000 + pk // 2, 1)] for pk in range(6_000)}
    carried = Successions(successors).carry(dict.fromkeys(range(12_000), 1))
    assert carried == dict.fromkeys(range(40_000, 43_000), 4)
