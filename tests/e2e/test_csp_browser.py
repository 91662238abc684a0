"""Under the strict Content Security Policy, nothing on the pages is blocked: the browser
reports no violation on the dashboard, the lists, a form, the import page or the admin."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from recruitment.models import Candidate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def test_no_page_breaks_the_policy(
    page, live_server, log_in, make_organisation, make_cell, make_member, make_candidate
):
    organisation = make_organisation(name="Đảng bộ phường Minh Khai")
    cell = make_cell(organisation=organisation)
    member = make_member(cell=cell, date_of_birth=date(1980, 1, 1))
    candidate = make_candidate(cell=cell, stage=Candidate.Stage.SOURCE)
    get_user_model().objects.create_superuser("quantri", password="Mat-khau-2024!")
    page.add_init_script(COLLECT)
    log_in("quantri")
    paths = [
        "/",
        "/dashboard/?year=2024",
        "/candidates/",
        "/candidates/board/",
        f"/candidates/{candidate.pk}/",
        "/candidates/new/",
        f"/members/{member.pk}/",
        "/imports/",
        "/admin/",
        "/admin/recruitment/member/",
        f"/admin/recruitment/member/{member.pk}/change/",
        "/admin/recruitment/member/import/",
    ]
    seen = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        seen[path] = page.evaluate("window.__violations")
    assert seen == {path: [] for path in paths}
