"""The board head merges two organisations from the structure page in the browser: the new
organisation appears in the structure of its effective date, with the cells of both, and the
dashboard of that year counts their admissions for it."""

from datetime import date

import pytest
from django.urls import reverse

from recruitment.models import Organisation, OrganisationEvent
from recruitment.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_board_head_merges_two_organisations_from_the_structure_page(
    page, live_server, log_in, make_organisation, make_cell, make_member, make_user
):
    a = make_organisation(code="A", name="Đảng bộ phường Lương Khánh Thiện")
    b = make_organisation(code="B", name="Đảng bộ phường Hai Bà Trưng")
    make_member(
        cell=make_cell(organisation=a, name="Chi bộ Tổ dân phố 1"), decision_date=date(2025, 3, 2)
    )
    make_member(
        cell=make_cell(organisation=b, name="Chi bộ Tổ dân phố 1"), decision_date=date(2025, 4, 6)
    )
    make_user(Role.BOARD_HEAD, username="truongban")
    log_in("truongban")

    page.goto(f"{live_server.url}{reverse('recruitment:structure')}")
    page.click("#event-merge")
    page.fill("#id_effective_date", "01/07/2025")
    page.fill("#id_document_number", "1674-QĐ/TU")
    page.fill("#id_document_date", "20/06/2025")
    page.select_option("#id_predecessors", [str(a.pk), str(b.pk)])
    page.fill("#id_name", "Đảng bộ phường Phủ Lý")
    page.fill("#id_code", "PPL")
    page.click("#submit")

    page.wait_for_url(f"{live_server.url}{reverse('recruitment:structure')}?as_of=01/07/2025")
    merged = page.locator('#tree li[data-code="PPL"]')
    assert merged.count() == 1
    # Both cells came over (the organisations in alphabetical order: Hai Bà Trưng's first);
    # the second of the same name carries its old organisation's after it.
    assert merged.locator(".structure-cell").all_inner_texts() == [
        "Chi bộ Tổ dân phố 1",
        "Chi bộ Tổ dân phố 1 (Đảng bộ phường Lương Khánh Thiện)",
    ]
    assert page.locator('#tree li[data-code="A"]').count() == 0
    assert "1674-QĐ/TU (20/06/2025)" in page.inner_text("#events")
    event = OrganisationEvent.objects.get()
    assert (event.kind, event.recorded_by.username) == ("merge", "truongban")

    # The day before, the two organisations as they were.
    page.fill("#id_as_of", "30/06/2025")
    page.click("button:has-text('Xem')")
    page.wait_for_url("**as_of=30%2F06%2F2025")
    assert page.locator('#tree li[data-code="A"]').count() == 1
    assert page.locator('#tree li[data-code="PPL"]').count() == 0

    # The 2025 dashboard at the year's end counts both admissions for the new organisation.
    page.goto(f"{live_server.url}{reverse('recruitment:dashboard')}?year=2025&as_of=31/12/2025")
    table = page.inner_text("#organisations")
    assert "Đảng bộ phường Phủ Lý" in table and "Lương Khánh Thiện" not in table
    assert page.inner_text("#kpi-admitted .kpi-value") == "2"
    # One row, the new organisation's: the two that ended have nothing left of their own.
    assert page.locator("#organisations tbody tr").count() == 1
    assert Organisation.objects.get(code="PPL").active_from == date(2025, 7, 1)
