"""Access control as a matrix, generated from the URL configuration: every URL of the site
(pages, forms, exports, JSON, import, admin) × every role, aimed at the records of another
organisation. Anonymous users are sent to log in; users without a role and grassroots staff
of organisation A get 403 or 404 for B's records, and no page, export or JSON they can open
shows anything of B; the board head changes nothing. A URL whose parameters this test does
not know how to fill fails the test, so a new URL cannot escape it."""

import io
import re
import zipfile
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from docx import Document
from openpyxl import load_workbook

from recruitment.models import (
    Candidate,
    ImportBatch,
    Introducer,
    Member,
    MemberEvent,
    ProcessingRecord,
    Quota,
    StageRecord,
)
from recruitment.roles import Role
from tests.test_roster_import import person, roster_file

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
B_MARKERS = ("Bí-Mật-B", "035090099001", "035190099002")
#: Not organisation data, or the log-in machinery itself: open to everyone.
PUBLIC = {"login", "logout", "password_reset", "password_reset_done", "password_reset_complete"}
#: The pages of one's own account (password change): open to any signed-in user.
OWN_ACCOUNT = {
    "password_change",
    "password_change_done",
    "admin:password_change",
    "admin:password_change_done",
}
LOG_IN = ("/accounts/login/", "/admin/login/")


def refused(response) -> bool:
    """403, 404 or 405, or sent to log in."""
    if response.status_code in (403, 404, 405):
        return True
    chain = [url for url, _status in getattr(response, "redirect_chain", [])]
    return bool(chain) and chain[-1].startswith(LOG_IN) and response.status_code == 200


def url_patterns(patterns=None, prefix="", namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield name, route


@pytest.fixture
def world(make_organisation, make_cell, make_member, make_candidate, make_user, make_quota):
    """Organisations A and B; B has one of every record, marked so a leak can be seen."""
    a = make_organisation(code="A", name="Đảng bộ phường A")
    make_cell(organisation=a, name="Chi bộ A")
    b = make_organisation(code="B", name="Đảng bộ Bí-Mật-B")
    cell = make_cell(organisation=b, name="Chi bộ Bí-Mật-B")
    member = make_member(
        cell=cell,
        full_name="Đảng viên Bí-Mật-B",
        citizen_id="035090099001",
        gender="male",
        date_of_birth=date(1990, 1, 1),
        decision_date=date(2024, 2, 1),
        ceremony_date=date(2024, 2, 20),
    )
    candidate = make_candidate(
        cell=cell,
        full_name="Quần chúng Bí-Mật-B",
        citizen_id="035190099002",
        gender="female",
        date_of_birth=date(1990, 1, 1),
        stage=Candidate.Stage.SOURCE,
    )
    # A probationary member: a recognition deadline for the deadlines page to leak.
    make_member(
        cell=cell,
        full_name="Dự bị Bí-Mật-B",
        citizen_id="035091099003",
        gender="male",
        date_of_birth=date(1991, 1, 1),
        decision_date=date(2024, 2, 1),
        ceremony_date=date(2024, 2, 20),
        status=Member.Status.PROBATIONARY,
    )
    # A candidate awaiting the admission decision: a decision deadline, likewise.
    waiting = make_candidate(
        cell=cell,
        full_name="Chờ quyết định Bí-Mật-B",
        citizen_id="035192099004",
        gender="female",
        date_of_birth=date(1992, 1, 1),
        stage=Candidate.Stage.CELL_RESOLUTION,
    )
    StageRecord.objects.create(
        candidate=waiting, stage=Candidate.Stage.CELL_RESOLUTION, date=date(2024, 1, 31)
    )
    # An admission decision of B, later cancelled: a meeting of 01/02/2024 to leak.
    decided = make_candidate(
        cell=cell,
        full_name="Quyết định Bí-Mật-B",
        citizen_id="035193099005",
        gender="female",
        date_of_birth=date(1993, 1, 1),
        stage=Candidate.Stage.CANCELLED,
    )
    StageRecord.objects.create(
        candidate=decided, stage=Candidate.Stage.DECISION, date=date(2024, 2, 1)
    )
    clerk_b = make_user(Role.GRASSROOTS_STAFF, organisation=b, username="coso.b")
    stage = StageRecord.objects.create(
        candidate=candidate, stage=Candidate.Stage.SOURCE, date=date(2024, 1, 5)
    )
    introducer = Introducer.objects.create(
        record=stage, member=member, known_since=date(2020, 1, 1)
    )
    event = MemberEvent.objects.create(
        member=member, kind=MemberEvent.Kind.TRANSFERRED_OUT, date=date(2024, 3, 1)
    )
    batch = ImportBatch.objects.create(
        organisation=b, imported_by=clerk_b, file_name="Bí-Mật-B.xlsx", sha256="b" * 64,
        status="applied",
    )  # fmt: skip
    quota = make_quota(organisation=b, year=2024, target=7)
    record = ProcessingRecord.objects.create(
        user=clerk_b, action="view", subject_type="member", subject_id=member.pk,
        description="Bí-Mật-B",
    )  # fmt: skip
    # An upload of B's clerk, waiting for confirmation in B's session.
    client_b = Client()
    client_b.force_login(clerk_b)
    upload = client_b.post(
        reverse("recruitment:roster-import"),
        {"organisation": b.pk, "file": SimpleUploadedFile("b.xlsx", roster_file(person(1)))},
    )
    token = upload.url.rstrip("/").split("/")[-1]
    objects = {
        "organisation": b,
        "cell": cell,
        "member": member,
        "candidate": candidate,
        "stagerecord": stage,
        "introducer": introducer,
        "memberevent": event,
        "importbatch": batch,
        "quota": quota,
        "staffprofile": clerk_b.staff_profile,
        "processingrecord": record,
        "user": clerk_b,
    }
    return {"a": a, "b": b, "objects": objects, "token": token}


def fill(name: str, route: str, world) -> tuple[str, bool]:
    """The URL with B's records in it, and whether it names one of B's records."""
    objects = world["objects"]
    # The admin's one regular-expression URL: an app's list of models.
    route = re.sub(r"\^\(\?P<app_label>[^)]*\)/\$", "recruitment/", route)
    route = route.replace("(?P<url>.*)$", "recruitment/nothing/")  # the admin's catch-all
    values = {}
    names_b = False
    short = name.split(":")[-1]
    for match in PARAMETER.finditer(route):
        parameter = match.group("name")
        if parameter == "pk":
            kind = short.split("-")[0]
            key = {
                "candidate": "candidate",
                "member": "member",
                "person": "member",
                "dashboard": "organisation",
                "roster": "importbatch" if short == "roster-batch" else "organisation",
            }[kind]
            values[parameter] = objects[key].pk
            names_b = True
        elif parameter == "stage":
            values[parameter] = Candidate.Stage.TRAINED
        elif parameter == "kind":
            values[parameter] = {
                "person-data": "member",
                "candidate-document": "checklist",
                "member-document": "record",
            }.get(short, "transferred_out")
        elif parameter == "day":  # the day of B's admission decision (a meeting)
            values[parameter] = "2024-02-01"
            names_b = True
        elif parameter == "token":
            values[parameter] = world["token"]
            names_b = True
        elif parameter == "content_type_id":  # the admin's "view on site" shortcut
            values[parameter] = ContentType.objects.get_for_model(Member).pk
            values["object_id"] = objects["member"].pk
            names_b = True
        elif parameter == "object_id" and "object_id" in values:
            pass
        elif parameter == "object_id":
            model = re.search(r"admin/\w+/(\w+)/", route).group(1)
            values[parameter] = objects[model].pk if model in objects else 1
            names_b = model in objects
        elif parameter == "id" and "admin/auth/user/" in route:  # a password change
            values[parameter] = objects["user"].pk
            names_b = True
        elif parameter in ("uidb64", "token"):
            values[parameter] = "x"
        else:
            raise AssertionError(f"{name} ({route}): no value for <{parameter}>; add one")
    path = "/" + PARAMETER.sub(lambda m: str(values[m.group("name")]), route)
    return path, names_b


def urls(world):
    return [(name, *fill(name, route, world)) for name, route in url_patterns()]


def leaks(response) -> list[str]:
    """B's markers in a response: HTML, JSON or an .xlsx workbook."""
    content = response.content if not getattr(response, "streaming", False) else b""
    if (
        content[:2] == b"PK"
        and "word/document.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    ):
        text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)
        text += " ".join(
            cell.text
            for table in Document(io.BytesIO(content)).tables
            for row in table.rows
            for cell in row.cells
        )
    elif content[:2] == b"PK":
        workbook = load_workbook(io.BytesIO(content))
        text = " ".join(
            str(cell.value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    else:
        text = content.decode("utf-8", "replace")
    return [marker for marker in B_MARKERS if marker in text]


def fingerprint_b(world):
    member = Member.objects.get(pk=world["objects"]["member"].pk)
    candidate = Candidate.objects.get(pk=world["objects"]["candidate"].pk)
    return (
        member.version,
        member.full_name,
        member.status,
        candidate.version,
        candidate.stage,
        Quota.objects.get(pk=world["objects"]["quota"].pk).target,
        Member.objects.filter(cell__organisation=world["b"]).count(),
        StageRecord.objects.count(),
    )


def test_every_url_is_in_the_matrix(world):
    names = {name for name, _path, _names_b in urls(world)}
    assert {
        "recruitment:member-detail",
        "recruitment:roster-preview",
        "recruitment:person-data",
    } <= names
    assert "admin:recruitment_member_change" in names and len(names) > 60


def test_anonymous_users_are_sent_to_log_in(client, world):
    for name, path, _names_b in urls(world):
        if name in PUBLIC or name.endswith("password_reset_confirm"):
            continue
        response = client.get(path)
        assert response.status_code == 302, (name, path, response.status_code)
        assert response["Location"].startswith(LOG_IN), (name, path)


@pytest.mark.parametrize("role", [None, Role.GRASSROOTS_STAFF])
def test_users_outside_organisation_b_get_nothing_of_b(client, world, make_user, role):
    user = make_user(role, organisation=world["a"] if role else None, username="nguoi.a")
    client.force_login(user)
    before = fingerprint_b(world)
    problems = []
    for name, path, names_b in urls(world):
        if name in PUBLIC | OWN_ACCOUNT or name.endswith("password_reset_confirm"):
            continue
        response = client.get(path, follow=True)
        if names_b and not refused(response):
            problems.append(f"GET {path}: {response.status_code} {response.redirect_chain}")
        if found := leaks(response):
            problems.append(f"GET {path}: shows {found}")
        if names_b:
            posted = client.post(
                path, {"name": "x", "fingerprint": "x", "confirm": "1"}, follow=True
            )
            if not refused(posted):
                problems.append(f"POST {path}: {posted.status_code}")
    assert problems == []
    assert fingerprint_b(world) == before


def test_the_deadlines_page_has_something_of_b_to_leak(client, world):
    """The matrix above means something for the deadlines page only if B has a deadline."""
    client.force_login(world["objects"]["user"])
    response = client.get(reverse("recruitment:deadlines"), {"as_of": "15/03/2025"})
    content = response.content.decode()
    assert "Dự bị Bí-Mật-B" in content and "Chờ quyết định Bí-Mật-B" in content


def test_the_board_head_reads_but_changes_nothing(client, world, board_head):
    client.force_login(board_head)
    before = fingerprint_b(world)
    refused = []
    for name, path, _names_b in urls(world):
        short = name.split(":")[-1]
        changes = short in {
            "candidate-create",
            "candidate-edit",
            "candidate-reject",
            "candidate-stage",
            "member-edit",
            "member-recognise",
            "member-event",
            "roster-import",
            "roster-preview",
            "roster-cancel",
        } or re.search(r"_(add|change|delete|import|process_import)$", short)
        if not changes or name in OWN_ACCOUNT or re.search(r"recruitment_(quota|term)_", short):
            continue  # reading is the board head's job; quotas and terms are theirs
        status = client.post(path, {"name": "x"}).status_code
        if status not in (403, 404, 405):
            refused.append(f"POST {path}: {status}")
    assert refused == []
    assert fingerprint_b(world) == before
