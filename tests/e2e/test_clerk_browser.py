"""A clerk's slips in Chromium: a link outside their scope, a date typed short."""

import pytest

from recruitment.roles import Role
from recruitment.states import Stage
from tests.pipeline import advance_to, new_candidate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_another_organisations_page_is_a_vietnamese_error_page_with_the_menu(
    page, live_server, log_in, make_user, make_organisation, make_cell, make_member
):
    own = make_organisation(name="Đảng bộ phường Minh Khai")
    make_user(Role.GRASSROOTS_STAFF, organisation=own, username="coso")
    cell = make_cell(name="Chi bộ khác")
    staff = make_user(Role.COMMITTEE_STAFF)
    candidate = new_candidate(cell, make_member(cell=cell), staff)
    log_in("coso")
    page.goto(f"{live_server.url}/candidates/{candidate.pk}/")
    assert page.inner_text("h1") == "Không tìm thấy trang"
    assert page.is_visible("#nav-candidates")
    page.click("text=Về trang tổng quan")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/quotas/")
    assert page.inner_text("#error-reason") == "Vai trò của bạn không được giao chỉ tiêu."


def test_a_short_date_keeps_the_year_on_the_dashboard(page, live_server, log_in, make_user):
    make_user(Role.BOARD_HEAD, username="truongban")
    log_in("truongban")
    page.goto(f"{live_server.url}/dashboard/?year=2024&as_of=26/03/2024")
    page.fill("#id_as_of", "26/03/24")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.input_value("#id_year") == "2024"
    assert "2024" in page.inner_text("h1")
    assert page.is_visible(".invalid-feedback, .errorlist")


def test_the_member_list_is_in_vietnamese_order(
    page, live_server, log_in, make_user, make_organisation, make_cell, make_member
):
    ward = make_organisation(name="Đảng bộ phường Lam Hạ")
    cell = make_cell(organisation=ward)
    for name in ["Hoàng Đức Định", "Hà Văn Dũng", "Hoàng Thị Yến", "Hoàng Thị Ánh"]:
        make_member(cell=cell, full_name=name)
    make_user(Role.GRASSROOTS_STAFF, organisation=ward, username="coso")
    log_in("coso")
    page.goto(f"{live_server.url}/members/")
    names = page.locator("table tbody tr td:first-child").all_inner_texts()
    assert [name.strip() for name in names] == [
        "Hoàng Thị Ánh",
        "Hà Văn Dũng",
        "Hoàng Đức Định",
        "Hoàng Thị Yến",
    ]


def test_stage_forms_say_what_they_want_as_the_date_is_typed(
    page, live_server, log_in, make_user, make_organisation, make_cell, make_member
):
    ward = make_organisation(name="Đảng bộ phường Lam Hạ")
    cell = make_cell(organisation=ward)
    members = [make_member(cell=cell, full_name=f"Đảng viên {n}") for n in range(9)]
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=ward, username="coso")
    candidate = new_candidate(cell, members[0], clerk)  # born 17/05/2000
    log_in("coso")
    page.goto(f"{live_server.url}/candidates/{candidate.pk}/stage/trained/")
    # A course of 01/03/2021 is valid until 01/03/2026, before the cell could vote.
    page.fill("#id_date", "01/03/2021")
    assert "có giá trị đến 01/03/2026" in page.inner_text("#stage-hint")
    page.fill("#id_date", "01/09/2026")
    assert page.is_hidden("#stage-hint")
    advance_to(candidate, Stage.COMMENTED, clerk, members)
    page.goto(f"{live_server.url}/candidates/{candidate.pk}/stage/cell_resolution/")
    page.fill("#id_date", "31/01/2024")
    assert page.inner_text("#stage-hint") == "Vào ngày này quần chúng 23 tuổi 8 tháng."
