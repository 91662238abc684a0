"""The processing log is complete (edit forms, lists with their masked searches, command-line
imports with who ran them) and tamper-evident (a keyed hash chain that
``verify_processing_log`` checks; on PostgreSQL, TRUNCATE refused too)."""

import getpass
import io
import re
import threading
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.urls import reverse

from recruitment import processing
from recruitment.logchain import chain_hash
from recruitment.models import Candidate, ProcessingRecord
from recruitment.states import ProcessingAction as Action
from tests.test_roster_import import person, roster_file

TABLE = "recruitment_processingrecord"
CITIZEN_ID = "035080012345"


@pytest.fixture
def world(make_organisation, make_cell, make_member, make_candidate):
    organisation = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    cell = make_cell(organisation=organisation, name="Chi bộ số 1")
    member = make_member(
        cell=cell, full_name="Lê Văn Nam", date_of_birth=date(1980, 5, 5), citizen_id=CITIZEN_ID
    )
    candidate = make_candidate(cell=cell, stage=Candidate.Stage.SOURCE, member=None)
    return {"organisation": organisation, "member": member, "candidate": candidate}


def newest():
    return ProcessingRecord.objects.order_by("-id").first()


def verify(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_processing_log", *args, stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue() + err.getvalue() + str(error)
    return True, out.getvalue()


def log_three(user):
    for n in range(3):
        processing.record(user, Action.VIEW, None, f"Trang {n}")
    return list(ProcessingRecord.objects.order_by("id"))


# --- complete ---------------------------------------------------------------------------


def test_edit_forms_which_show_the_whole_citizen_id_are_logged(client, committee_staff, world):
    client.force_login(committee_staff)
    member, candidate = world["member"], world["candidate"]
    assert client.get(reverse("recruitment:member-edit", args=[member.pk])).status_code == 200
    entry = newest()
    assert (entry.user, entry.action, entry.subject_type, entry.subject_id) == (
        committee_staff,
        Action.VIEW,
        "member",
        member.pk,
    )
    assert entry.description == "Biểu mẫu sửa đảng viên"
    assert client.get(reverse("recruitment:candidate-edit", args=[candidate.pk])).status_code == 200
    assert (newest().subject_type, newest().subject_id) == ("candidate", candidate.pk)


def test_a_list_is_logged_with_its_search_masked(client, committee_staff, world):
    client.force_login(committee_staff)
    response = client.post(reverse("recruitment:member-list"), {"q": CITIZEN_ID}, follow=True)
    assert list(response.context["page"].object_list) == [world["member"]]
    entry = newest()
    assert (entry.action, entry.subject_type, entry.count) == (Action.VIEW, "", 1)
    assert entry.description == "Danh sách đảng viên – tìm: 035•••••2345"
    assert CITIZEN_ID not in entry.description and "080012" not in entry.description

    client.post(reverse("recruitment:candidate-list"), {"q": "Lê Văn"}, follow=True)
    assert newest().description == "Danh sách quần chúng ưu tú – tìm: Lê Văn"
    client.get(reverse("recruitment:candidate-list"))
    assert (newest().description, newest().count) == ("Danh sách quần chúng ưu tú", 1)
    client.get(reverse("recruitment:candidate-board"))
    assert (newest().description, newest().count) == ("Bảng quần chúng ưu tú theo bước", 1)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("035080012345", "035•••••2345"),
        ("0350800", "•••••••"),  # the first seven digits: masked whole
        ("2345", "2345"),  # what the lists show anyway
        ("Trần Thị Hoa", "Trần Thị Hoa"),
    ],
)
def test_search_texts_are_masked_in_the_log(typed, kept):
    assert processing.masked_search(typed) == kept


def test_a_command_line_import_is_logged_under_the_operating_system_user(tmp_path, world):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(roster_file(person(1)))
    call_command("import_roster", str(path), "--organisation", "MK", stdout=io.StringIO())
    entry = newest()
    assert (entry.action, entry.user, entry.actor) == (
        Action.IMPORT,
        None,
        f"os:{getpass.getuser()}",
    )


def test_a_command_line_import_is_logged_under_the_user_given(tmp_path, world, committee_staff):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(roster_file(person(1)))
    call_command(
        "import_roster",
        str(path),
        "--organisation",
        "MK",
        "--user",
        committee_staff.username,
        stdout=io.StringIO(),
    )
    assert (newest().user, newest().actor) == (committee_staff, committee_staff.username)


def test_a_command_line_import_refuses_a_user_of_another_organisation(
    tmp_path, world, make_organisation, make_user
):
    from recruitment.roles import Role

    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=make_organisation(code="LB"))
    path = tmp_path / "ds.xlsx"
    path.write_bytes(roster_file(person(1)))
    with pytest.raises(CommandError, match="may not import into MK"):
        call_command("import_roster", str(path), "--organisation", "MK", "--user", clerk.username)


# --- tamper-evident ---------------------------------------------------------------------


def test_each_record_carries_the_hash_of_the_one_before(committee_staff):
    before = newest()
    first, second, third = log_three(committee_staff)[-3:]
    assert first.previous_hash == (before.hash if before else "0" * 64)
    assert (second.previous_hash, third.previous_hash) == (first.hash, second.hash)
    assert re.fullmatch("[0-9a-f]{64}", third.hash)
    assert len({first.hash, second.hash, third.hash}) == 3
    assert first.actor == committee_staff.username


def test_an_intact_log_verifies(committee_staff):
    records = log_three(committee_staff)
    ok, output = verify()
    assert ok, output
    assert f"Head: {records[-1].id}:{records[-1].hash}" in output


def owner_or_superuser(cursor) -> bool:
    cursor.execute(
        "SELECT rolsuper OR pg_get_userbyid(relowner) = current_user"
        " FROM pg_roles, pg_class WHERE rolname = current_user AND relname = %s",
        [TABLE],
    )
    return cursor.fetchone()[0]


@contextmanager
def as_database_superuser():
    """What someone with the database's own rights can do, the triggers set aside."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if not owner_or_superuser(cursor):
                pytest.skip(
                    "needs the tables' owner or a superuser (CI runs these as the owner too); "
                    "the application's role cannot tamper"
                )
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
    with connection.cursor() as cursor:
        yield cursor
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")


def test_a_deleted_record_is_detected(committee_staff):
    first, second, third = log_three(committee_staff)[-3:]
    with as_database_superuser() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [second.id])
    ok, output = verify()
    assert not ok
    assert f"record {third.id} does not follow the record before it" in output


def test_a_changed_record_is_detected(committee_staff):
    first, second, third = log_three(committee_staff)[-3:]
    with as_database_superuser() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET description = 'Trang khác' WHERE id = %s", [second.id])
    ok, output = verify()
    assert not ok
    assert f"record {second.id} was changed after it was written" in output
    assert f"record {third.id}" not in output


def test_a_record_inserted_without_the_key_is_detected(committee_staff):
    *_, last = log_three(committee_staff)
    with as_database_superuser() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (at, user_id, actor, action, subject_type, description, "
            "count, previous_hash, hash) VALUES (%s, NULL, '', 'view', '', 'x', 1, %s, %s)",
            [last.at - timedelta(days=30), last.hash, "f" * 64],
        )
    ok, output = verify()
    assert not ok and "was changed after it was written" in output


def test_a_backdated_record_is_detected_even_with_a_right_hash(committee_staff, settings):
    """Someone who also stole the key still cannot date a record before its predecessor."""
    *_, last = log_three(committee_staff)
    at = last.at - timedelta(days=30)
    values = {
        "at": at,
        "user_id": None,
        "actor": "",
        "action": "view",
        "subject_type": "",
        "subject_id": None,
        "description": "x",
        "count": 1,
    }
    with as_database_superuser() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (at, user_id, actor, action, subject_type, description, "
            "count, previous_hash, hash) VALUES (%s, NULL, '', 'view', '', 'x', 1, %s, %s)",
            [at, last.hash, chain_hash(last.hash, values)],
        )
    ok, output = verify()
    assert not ok and "is dated before the record before it (backdated)" in output


def test_the_last_records_deleted_are_detected_with_the_head_of_an_earlier_run(committee_staff):
    *_, last = log_three(committee_staff)
    head = f"{last.id}:{last.hash}"
    assert verify("--head", head)[0]
    with as_database_superuser() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [last.id])
    ok, output = verify("--head", head)
    assert not ok and f"record {last.id}, the head of an earlier run, is missing" in output


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="TRUNCATE and its trigger are PostgreSQL's"
)
def test_the_database_refuses_to_truncate_the_log(committee_staff):
    log_three(committee_staff)
    with (
        pytest.raises(DatabaseError, match="append-only|permission denied"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"TRUNCATE {TABLE}")
    assert ProcessingRecord.objects.count() >= 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")
def test_the_applications_role_may_only_insert_and_select_the_log(committee_staff):
    """CI runs the PostgreSQL suite as the application's role (scripts/grant-app-role.sql)."""
    with connection.cursor() as cursor:
        if owner_or_superuser(cursor):
            pytest.skip("runs as the application's role (CI), not as the owner or a superuser")
        cursor.execute(
            "SELECT privilege FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE',"
            " 'TRUNCATE', 'TRIGGER']) AS privilege"
            " WHERE has_table_privilege(current_user, %s, privilege)",
            [TABLE],
        )
        assert [row[0] for row in cursor.fetchall()] == ["SELECT", "INSERT"]
    log_three(committee_staff)
    for statement in (
        f"ALTER TABLE {TABLE} DISABLE TRIGGER USER",
        f"DELETE FROM {TABLE}",
        f"TRUNCATE {TABLE}",
    ):
        with (
            pytest.raises(DatabaseError, match="must be owner|permission denied"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the advisory lock is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_appends_wait_for_each_other_and_the_chain_holds(make_user):
    """A record appended while another transaction's record is not yet committed waits for
    it, and follows it in the chain (without the lock both would follow the same record)."""
    user = make_user()
    done = threading.Event()

    def append_from_another_connection():
        try:
            processing.record(user, Action.VIEW, None, "Trang B")
        finally:
            connections.close_all()
            done.set()

    with transaction.atomic():
        processing.record(user, Action.VIEW, None, "Trang A")
        other = threading.Thread(target=append_from_another_connection)
        other.start()
        assert not done.wait(1.0)  # blocked behind this transaction's lock
    other.join(30)
    assert done.is_set()
    a, b = ProcessingRecord.objects.filter(user=user).order_by("id")
    assert (a.description, b.description) == ("Trang A", "Trang B")
    assert b.previous_hash == a.hash
    ok, output = verify()
    assert ok, output
