"""The Content Security Policy: sent on every page, strict (this site only, nothing inline),
and no page, the admin and the import pages included, carries an inline script, style or
event handler that the policy would block."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recruitment.models import Candidate
from tests.test_roster_import import person, roster_file

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def inline_content(html: str) -> list[str]:
    found = []
    for pattern in (INLINE_SCRIPT, INLINE_STYLE, HANDLER):
        found += [match.group(0)[:80] for match in pattern.finditer(html)]
    return found


@pytest.fixture
def world(make_organisation, make_cell, make_member, make_candidate):
    organisation = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    cell = make_cell(organisation=organisation, name="Chi bộ số 1")
    return {
        "organisation": organisation,
        "member": make_member(cell=cell, citizen_id="035085000009", date_of_birth=date(1985, 1, 1)),
        "candidate": make_candidate(cell=cell, stage=Candidate.Stage.SOURCE),
    }


def test_the_policy_is_strict(client, committee_staff):
    client.force_login(committee_staff)
    policy = client.get(reverse("recruitment:home"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    # The log-in page too, before anyone is signed in.
    client.logout()
    assert client.get(reverse("login"))["Content-Security-Policy"] == policy


def test_no_page_has_inline_script_style_or_handler(client, admin_user, world):
    client.force_login(admin_user)
    member, candidate = world["member"], world["candidate"]
    upload = client.post(
        reverse("recruitment:roster-import"),
        {
            "organisation": world["organisation"].pk,
            "file": SimpleUploadedFile("ds.xlsx", roster_file(person(1), person(2, c4="1"))),
        },
    )
    admin_preview = client.post(
        reverse("admin:recruitment_member_import"),
        {
            "resource": "0",
            "format": "0",
            "organisation": world["organisation"].pk,
            "import_file": SimpleUploadedFile("ds.xlsx", roster_file(person(3))),
        },
    )
    urls = [
        reverse("login"),
        reverse("recruitment:home"),
        reverse("recruitment:dashboard") + "?year=2024",
        reverse("recruitment:dashboard-organisation", args=[world["organisation"].pk]),
        reverse("recruitment:quotas"),
        reverse("recruitment:candidate-list"),
        reverse("recruitment:candidate-board"),
        reverse("recruitment:candidate-create"),
        candidate.get_absolute_url(),
        reverse("recruitment:candidate-edit", args=[candidate.pk]),
        reverse("recruitment:member-list"),
        member.get_absolute_url(),
        reverse("recruitment:member-edit", args=[member.pk]),
        reverse("recruitment:deadlines"),
        reverse("recruitment:roster-import"),
        upload.url,
        reverse("recruitment:roster-history"),
        reverse("admin:index"),
        reverse("admin:recruitment_member_changelist"),
        reverse("admin:recruitment_member_change", args=[member.pk]),
        reverse("admin:recruitment_candidate_changelist"),
        reverse("admin:recruitment_member_import"),
        reverse("admin:recruitment_importbatch_changelist"),
    ]
    pages = {url: client.get(url) for url in urls}
    pages["admin import preview"] = admin_preview
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert inline_content(response.content.decode()) == [], name


def test_pages_with_personal_data_are_not_stored(client, committee_staff, world):
    client.force_login(committee_staff)
    for url in (
        world["member"].get_absolute_url(),
        reverse("recruitment:member-list"),
        reverse("recruitment:dashboard-json") + "?year=2024",
        reverse("recruitment:dashboard-xlsx") + "?year=2024",
        reverse("recruitment:roster-export", args=[world["organisation"].pk]),
        reverse("admin:recruitment_member_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_citizen_ids_are_masked_in_lists_and_whole_on_the_persons_page(
    client, committee_staff, world
):
    client.force_login(committee_staff)
    member, candidate = world["member"], world["candidate"]
    whole = candidate.citizen_id
    masked = whole[:3] + "•••••" + whole[-4:]
    page = client.get(reverse("recruitment:candidate-list")).content.decode()
    assert masked in page and whole not in page
    page = client.get(reverse("admin:recruitment_candidate_changelist")).content.decode()
    assert masked in page and whole not in page
    page = client.get(reverse("admin:recruitment_member_changelist")).content.decode()
    assert member.citizen_id not in page
    assert member.citizen_id in client.get(member.get_absolute_url()).content.decode()
    assert whole in client.get(candidate.get_absolute_url()).content.decode()


def test_the_admin_does_not_search_by_citizen_id(client, committee_staff, world):
    """Its search goes in the URL; the staff lists search by citizen ID instead."""
    client.force_login(committee_staff)
    url = reverse("admin:recruitment_member_changelist")
    member = world["member"]
    assert client.get(url, {"q": member.citizen_id}).context["cl"].result_count == 0
    assert client.get(url, {"q": member.full_name}).context["cl"].result_count == 1
