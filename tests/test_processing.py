"""The processing log: who viewed, exported, imported or changed which personal records,
append-only, for the administrator; and the export of everything held about one person."""

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from recruitment.models import Candidate, ProcessingRecord
from recruitment.roles import Role
from recruitment.states import ProcessingAction as Action
from tests.test_roster_import import person, roster_file


@pytest.fixture
def world(make_organisation, make_cell, make_member, make_candidate):
    organisation = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    cell = make_cell(organisation=organisation, name="Chi bộ số 1")
    member = make_member(cell=cell, full_name="Lê Văn Nam", date_of_birth=date(1980, 5, 5))
    candidate = make_candidate(cell=cell, stage=Candidate.Stage.SOURCE, member=None)
    return {"organisation": organisation, "cell": cell, "member": member, "candidate": candidate}


def last(action):
    return ProcessingRecord.objects.filter(action=action).first()


def test_views_exports_imports_and_changes_are_logged(client, committee_staff, world):
    client.force_login(committee_staff)
    member, candidate = world["member"], world["candidate"]

    client.get(member.get_absolute_url())
    entry = last(Action.VIEW)
    assert (entry.user, entry.subject_type, entry.subject_id) == (
        committee_staff,
        "member",
        member.pk,
    )
    client.get(candidate.get_absolute_url())
    assert last(Action.VIEW).subject_type == "candidate"
    client.get(reverse("admin:recruitment_member_change", args=[member.pk]))
    assert last(Action.VIEW).description == "Mở trong trang quản trị"

    client.get(reverse("recruitment:roster-export", args=[world["organisation"].pk]))
    entry = last(Action.EXPORT)
    assert (entry.subject_type, entry.count) == ("organisation", 1)

    upload = client.post(
        reverse("recruitment:roster-import"),
        {
            "organisation": world["organisation"].pk,
            "file": SimpleUploadedFile("ds.xlsx", roster_file(person(1), person(2))),
        },
    )
    preview = client.get(upload.url)
    client.post(upload.url, {"fingerprint": preview.context["result"].fingerprint})
    entry = last(Action.IMPORT)
    assert (entry.user, entry.count, entry.subject_id) == (
        committee_staff,
        2,
        world["organisation"].pk,
    )
    assert "ds.xlsx" in entry.description

    edit = client.get(reverse("recruitment:member-edit", args=[member.pk])).context["form"]
    data = {name: value for name, value in edit.initial.items() if value is not None}
    data.update(
        {
            "cell": world["cell"].pk,
            "date_of_birth": "05/05/1980",
            "hometown": "Liêm Chính",
            "exempt_from_activity": "",
        }
    )
    response = client.post(reverse("recruitment:member-edit", args=[member.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    entry = last(Action.CHANGE)
    assert (entry.user, entry.subject_type, entry.subject_id) == (
        committee_staff,
        "member",
        member.pk,
    )


def test_the_log_is_append_only(committee_staff, world):
    entry = ProcessingRecord.objects.create(
        user=committee_staff, action=Action.VIEW, subject_type="member", description="x"
    )
    entry.description = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    assert ProcessingRecord.objects.get().description == "x"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the database's own refusal is a PostgreSQL trigger (migration 0005); "
    "on SQLite only the model refuses, tested above",
)
def test_the_database_refuses_to_change_the_log(committee_staff):
    ProcessingRecord.objects.create(
        user=committee_staff, action=Action.VIEW, subject_type="member", description="x"
    )
    for statement in (
        "UPDATE recruitment_processingrecord SET description = 'y'",
        "DELETE FROM recruitment_processingrecord",
    ):
        with (
            # The trigger (as the owner), or no privilege at all (as the application's role).
            pytest.raises(DatabaseError, match="append-only|permission denied"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert ProcessingRecord.objects.get().description == "x"


def test_only_the_administrator_reads_the_log(client, admin_user, committee_staff, board_head):
    url = reverse("admin:recruitment_processingrecord_changelist")
    ProcessingRecord.objects.create(
        user=committee_staff, action=Action.EXPORT, subject_type="member", description="Xuất"
    )
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:recruitment_processingrecord_add")).status_code == 403
    for user in (committee_staff, board_head):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_everything_held_about_one_person(
    client, committee_staff, world, make_user, make_organisation
):
    member = world["member"]
    client.force_login(committee_staff)
    client.get(member.get_absolute_url())
    response = client.get(reverse("recruitment:person-data", args=["member", member.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["member"]["full_name"] == "Lê Văn Nam"
    assert data["member"]["citizen_id"] == member.citizen_id
    assert data["member"]["organisation"] == "Đảng bộ phường Minh Khai"
    assert data["member"]["history"][0]["type"] == "created"
    assert [entry["action"] for entry in data["processing_log"]] == ["view"]
    entry = last(Action.EXPORT)
    assert (entry.subject_type, entry.subject_id) == ("member", member.pk)

    candidate = world["candidate"]
    data = client.get(reverse("recruitment:person-data", args=["candidate", candidate.pk])).json()
    assert data["candidate"]["full_name"] == candidate.full_name
    assert "member" not in data

    # Someone of another organisation cannot.
    other = make_user(Role.GRASSROOTS_STAFF, organisation=make_organisation(code="LH"))
    client.force_login(other)
    url = reverse("recruitment:person-data", args=["member", member.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("recruitment:person-data", args=["nobody", 1])).status_code == 404
