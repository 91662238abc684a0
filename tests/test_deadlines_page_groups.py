"""The deadlines page shows each organisation's 25 most urgent deadlines and links to all of
that organisation's; the print layout has them all."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from recruitment.models import Member

pytestmark = pytest.mark.usefixtures("vietnamese")

AS_OF = "26/03/2024"


@pytest.fixture
def overdue(make_cell, make_member):
    """30 probationary members of one organisation whose recognition vote is overdue (their
    probation ended in 2023), the first ceremony the earliest; 2 of another organisation."""
    cell = make_cell()
    for index in range(30):
        ceremony = date(2022, 1, 3) + timedelta(days=index)
        make_member(
            cell=cell,
            full_name=f"Trần Văn Hạn {index:02d}",
            status=Member.Status.PROBATIONARY,
            decision_date=ceremony,
            ceremony_date=ceremony,
        )
    other = make_cell()
    for index in range(2):
        make_member(
            cell=other,
            full_name=f"Lê Thị Khác {index}",
            status=Member.Status.PROBATIONARY,
            decision_date=date(2022, 6, 1),
            ceremony_date=date(2022, 6, 1),
        )
    return cell.organisation, other.organisation


def names(html: str, prefix: str) -> list[str]:
    import re

    return re.findall(rf">({prefix} [^<]+)</a>", html)


def test_each_organisation_shows_its_25_most_urgent_and_links_to_the_rest(
    client, committee_staff, overdue
):
    client.force_login(committee_staff)
    html = client.get(reverse("recruitment:deadlines"), {"as_of": AS_OF}).content.decode()
    shown = names(html, "Trần Văn Hạn")
    assert shown == [f"Trần Văn Hạn {index:02d}" for index in range(25)]
    assert names(html, "Lê Thị Khác") == ["Lê Thị Khác 0", "Lê Thị Khác 1"]
    assert html.count("more-deadlines") == 1
    assert "và 5 hạn khác: xem tất cả" in html
    assert f"organisation={overdue[0].pk}" in html
    assert 'id="overdue-count">32<' in html  # the counts are of every deadline

    html = client.get(
        reverse("recruitment:deadlines"), {"as_of": AS_OF, "organisation": overdue[0].pk}
    ).content.decode()
    assert names(html, "Trần Văn Hạn") == [f"Trần Văn Hạn {index:02d}" for index in range(30)]
    assert names(html, "Lê Thị Khác") == []
    assert "Xem tất cả các tổ chức" in html


def test_the_print_layout_has_them_all(client, committee_staff, overdue):
    client.force_login(committee_staff)
    html = client.get(
        reverse("recruitment:deadlines"), {"as_of": AS_OF, "print": "1"}
    ).content.decode()
    assert len(names(html, "Trần Văn Hạn")) == 30
    assert "more-deadlines" not in html


def test_an_organisation_the_user_does_not_see_is_ignored(client, make_user, overdue):
    from recruitment.roles import Role

    user = make_user(Role.GRASSROOTS_STAFF, organisation=overdue[1])
    client.force_login(user)
    html = client.get(
        reverse("recruitment:deadlines"), {"as_of": AS_OF, "organisation": overdue[0].pk}
    ).content.decode()
    assert names(html, "Trần Văn Hạn") == []
    assert names(html, "Lê Thị Khác") == ["Lê Thị Khác 0", "Lê Thị Khác 1"]
