"""Names that are HTML are shown as text everywhere: no dialog opens, no element is
injected, on the pages, the chart, the admin and the import pages, and the exports hold the
name as plain text."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from recruitment.models import Candidate, ImportBatch
from recruitment.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

XSS = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"


def test_html_in_names_is_shown_as_text(
    page,
    live_server,
    log_in,
    make_user,
    make_organisation,
    make_cell,
    make_member,
    make_candidate,
    make_quota,
):
    organisation = make_organisation(code="XSS", name=f"Đảng bộ {XSS}")
    cell = make_cell(organisation=organisation, name=f"Chi bộ {SCRIPT}")
    member = make_member(
        cell=cell,
        full_name=f"Nguyễn {XSS}",
        hometown=SCRIPT,
        decision_date=date(2024, 2, 1),
        ceremony_date=date(2024, 2, 20),
    )
    candidate = make_candidate(cell=cell, full_name=f"Trần {SCRIPT}", stage=Candidate.Stage.SOURCE)
    make_quota(organisation=organisation, year=2024, target=3)
    admin = make_user(Role.ADMINISTRATOR, username="quantri")
    ImportBatch.objects.create(
        organisation=organisation,
        imported_by=admin,
        file_name=f"{XSS}.xlsx",
        sha256="a" * 64,
        status="applied",
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in("quantri")
    pages = [
        "/",
        "/dashboard/?year=2024",
        f"/dashboard/{organisation.pk}/?year=2024",
        "/candidates/",
        "/candidates/board/",
        f"/candidates/{candidate.pk}/",
        "/members/",
        f"/members/{member.pk}/",
        "/deadlines/",
        "/imports/history/",
        "/admin/recruitment/member/",
        f"/admin/recruitment/member/{member.pk}/change/",
        "/admin/recruitment/organisation/",
    ]
    shown = {}
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert page.locator("img[src='x']").count() == 0, path
        assert page.evaluate("document.querySelectorAll('body script:not([src])').length") == 0
        text = page.inner_text("body")
        shown[path] = XSS in text or SCRIPT in text
    assert dialogs == []
    # Every page that lists or shows these records shows the names literally.
    assert [path for path, ok in shown.items() if not ok] == ["/", "/deadlines/"], shown

    # The dashboard workbook holds the name as it is, as text.
    response = page.request.get(f"{live_server.url}/dashboard.xlsx?year=2024")
    workbook = load_workbook(io.BytesIO(response.body()))
    names = [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and XSS in cell.value
    ]
    assert names and all(name.startswith("Đảng bộ") for name in names)
    # And the JSON as data.
    data = page.request.get(f"{live_server.url}/dashboard.json?year=2024").json()
    assert XSS in str(data)
