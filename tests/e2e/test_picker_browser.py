"""The introducer picker in Chromium: the clerk types part of a name and the list narrows
to the organisation's official members who match, told apart by cell and year of birth."""

from datetime import date

import pytest
from playwright.sync_api import expect

from recruitment.roles import Role
from recruitment.states import Stage
from tests.pipeline import advance_to, new_candidate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_searching_the_introducer_picker(
    page, live_server, log_in, make_user, make_organisation, make_cell, make_member
):
    ward = make_organisation(name="Đảng bộ phường Minh Khai")
    cells = [make_cell(organisation=ward, name=f"Chi bộ tổ dân phố số {n}") for n in (3, 7)]
    members = [make_member(cell=cells[0], full_name=f"Trần Văn Bình {n}") for n in range(6)]
    make_member(cell=cells[0], full_name="Lê Thị Oanh", date_of_birth=date(1975, 2, 1))
    make_member(cell=cells[1], full_name="Lê Thị Oanh", date_of_birth=date(1988, 6, 9))
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=ward, username="coso")
    candidate = new_candidate(cells[0], members[0], clerk)
    advance_to(candidate, Stage.VERIFIED, clerk, members)
    log_in("coso")
    page.goto(f"{live_server.url}/candidates/{candidate.pk}/stage/introduced/")
    search = page.locator("#id_introducer_1_search")
    search.fill("le thi oanh")
    options = page.locator("#id_introducer_1 option:not([value=''])")
    expect(options).to_have_count(2)
    assert sorted(options.all_text_contents()) == [
        "Lê Thị Oanh – Chi bộ tổ dân phố số 3 – 1975",
        "Lê Thị Oanh – Chi bộ tổ dân phố số 7 – 1988",
    ]
    page.screenshot(path="/tmp/picker.png", full_page=True)
