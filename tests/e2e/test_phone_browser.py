"""At a phone's width (390 px) no page is wider than the screen: wide tables scroll inside
their own box, forms fit."""

import pytest
from django.contrib.auth import get_user_model

from recruitment.states import Stage
from tests.pipeline import advance_to, new_candidate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_no_page_is_wider_than_a_phone(
    browser, live_server, make_organisation, make_cell, make_member
):
    organisation = make_organisation(name="Đảng bộ phường Lê Hồng Phong (thành phố Phủ Lý)")
    cell = make_cell(organisation=organisation, name="Chi bộ Tổ dân phố số 12 Lê Hồng Phong")
    members = [make_member(cell=cell, full_name=f"Nguyễn Thị Phương Thảo {n}") for n in range(9)]
    admin = get_user_model().objects.create_superuser("quantri", password="Mat-khau-2024!")
    candidate = new_candidate(cell, members[0], admin, full_name="Nguyễn Thị Phương Thanh")
    advance_to(candidate, Stage.DECISION, admin, members)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", "Mat-khau-2024!")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    paths = [
        "/",
        "/candidates/",
        "/candidates/board/",
        "/members/",
        "/deadlines/?as_of=20/03/2024",
        "/dashboard/?year=2024&as_of=26/03/2024",
        "/quotas/",
        "/imports/",
        "/imports/history/",
        f"/candidates/{candidate.pk}/",
        f"/candidates/{candidate.pk}/stage/ceremony/",
        f"/members/{members[1].pk}/",
    ]
    widths = {}
    for path in paths:
        page.goto(live_server.url + path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert {path: width for path, width in widths.items() if width > 390} == {}
