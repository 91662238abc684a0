"""Figures kept between requests (``recruitment.datacache``): kept while the data is
unchanged, worked out again once any write to the application's tables has committed, never
handed to another scope, never kept by a transaction that has written."""

from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.urls import reverse

from recruitment import datacache
from recruitment.models import DataChange, Member, ProcessingRecord, RuleSet
from recruitment.roles import Role

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the data version is PostgreSQL's"
)
AS_OF = {"year": "2024", "as_of": "2024-03-26"}


@pytest.fixture(autouse=True)
def nothing_kept():
    datacache.forget()
    yield
    datacache.forget()


def admitted(client) -> int:
    response = client.get(reverse("recruitment:dashboard-json"), AS_OF)
    assert response.status_code == 200
    return response.json()["admitted"]["value"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's behaviour")
def test_on_sqlite_nothing_is_kept():
    calls = []
    assert datacache.data_version() is None
    assert datacache.cached(("k",), lambda: calls.append(1) or len(calls)) == 1
    assert datacache.cached(("k",), lambda: calls.append(1) or len(calls)) == 2


@postgresql
@pytest.mark.django_db(transaction=True)
def test_every_table_of_the_application_counts_its_writes():
    """A table added later without its trigger would let a page show figures older than
    its data: every table of the application has one, but the processing log and the change
    table."""
    tables = {
        model._meta.db_table
        for model in apps.get_app_config("recruitment").get_models(include_auto_created=True)
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s",
            [datacache.TRIGGER_NAME],
        )
        triggered = {row[0] for row in cursor.fetchall()}
    assert "recruitment_member" in triggered
    assert len(tables) >= 27
    assert triggered == tables - {"recruitment_processingrecord", "recruitment_datachange"}


@postgresql
@pytest.mark.django_db(transaction=True)
def test_the_version_moves_with_every_kind_of_write(make_member):
    member = make_member()
    before = datacache.data_version()
    Member.objects.filter(pk=member.pk).update(full_name="Lê Văn Tám")  # a bulk update
    after_update = datacache.data_version()
    assert after_update[0] == before[0] + 1
    with connection.cursor() as cursor:  # SQL of its own (as the roster's COPY is)
        cursor.execute("UPDATE recruitment_member SET full_name = 'Lê Văn Chín'")
    after_sql = datacache.data_version()
    assert after_sql[0] == after_update[0] + 1
    with transaction.atomic():  # one transaction, many statements: one change
        Member.objects.filter(pk=member.pk).update(full_name="Lê Văn Mười")
        Member.objects.filter(pk=member.pk).update(full_name="Lê Văn Một")
    assert datacache.data_version()[0] == after_sql[0] + 1
    # A write rolled back to its savepoint, then another in the same transaction: counted.
    with transaction.atomic():
        with transaction.atomic():
            Member.objects.filter(pk=member.pk).update(full_name="Lê Văn Ba")
            transaction.set_rollback(True)
        Member.objects.filter(pk=member.pk).update(full_name="Lê Văn Bốn")
    assert datacache.data_version()[0] == after_sql[0] + 2
    after_sql = (after_sql[0] + 1, *after_sql[1:])
    # A rolled-back write changes nothing.
    with transaction.atomic():
        Member.objects.filter(pk=member.pk).update(full_name="Lê Văn Hai")
        transaction.set_rollback(True)
    assert datacache.data_version()[0] == after_sql[0] + 1


@postgresql
@pytest.mark.django_db(transaction=True)
def test_writes_no_figure_reads_leave_the_version():
    before = datacache.data_version()
    # No user: the log outlives the test's users, which the next test's flush deletes.
    ProcessingRecord.objects.create(
        action=ProcessingRecord.Action.VIEW, subject_type="member", description="x"
    )
    Session.objects.create(
        session_key="k" * 32, session_data="", expire_date=datetime(2030, 1, 1, tzinfo=UTC)
    )
    assert datacache.data_version() == before


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_has_written_neither_reads_nor_keeps(make_member):
    make_member()
    assert datacache.data_version() is not None
    calls = []
    with transaction.atomic():
        assert datacache.data_version() is not None  # read only so far
        make_member(full_name="Chưa lưu")
        assert datacache.data_version() is None
        for _ in range(2):
            datacache.cached(("k",), lambda: calls.append(1))
        transaction.set_rollback(True)
    assert calls == [1, 1]
    assert datacache.cached(("k",), lambda: "after") == "after"


@postgresql
@pytest.mark.django_db(transaction=True)
def test_kept_until_a_write_commits():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert datacache.cached(("k", 1), compute) == 1
    assert datacache.cached(("k", 1), compute) == 1
    assert datacache.cached(("k", 2), compute) == 2  # another key
    DataChange.objects.create(txid=1)  # as the trigger would
    assert datacache.cached(("k", 1), compute) == 3
    assert datacache.cached(("k", 1), compute) == 3


@postgresql
@pytest.mark.django_db(transaction=True)
def test_the_change_table_is_folded_without_moving_the_version():
    DataChange.objects.bulk_create(
        DataChange(txid=txid) for txid in range(10, 10 + datacache.COMPACT_AT + 1)
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(weight), max(id), max(txid) FROM recruitment_datachange")
        before = tuple(cursor.fetchone())
    assert datacache.data_version() == before  # read, then folded
    assert DataChange.objects.count() == 2  # the fold and the newest
    assert datacache.data_version() == before
    assert before[0] >= datacache.COMPACT_AT + 1


@postgresql
@pytest.mark.django_db(transaction=True)
def test_an_emptied_change_table_is_not_taken_for_the_one_before(make_member):
    """A database emptied (or restored) and written to again the same number of times is
    another version: the newest transaction's id tells them apart."""
    member = make_member()
    before = datacache.data_version()
    DataChange.objects.all().delete()
    for n in range(before[0]):  # a transaction each
        Member.objects.filter(pk=member.pk).update(full_name=f"Mới {n}")
    after = datacache.data_version()
    assert after[0] == before[0]
    assert after != before


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_restored_table_of_another_server_still_counts_every_write(make_member):
    """A dump restored on another server brings rows whose transaction ids the new server
    gives again: a write is counted all the same (rows are numbered by the table's own
    sequence, which the dump carries on)."""
    member = make_member()
    with connection.cursor() as cursor:
        cursor.execute("SELECT txid_current()")
        now = cursor.fetchone()[0]
    DataChange.objects.bulk_create(DataChange(txid=now + n) for n in range(1, 200))
    before = datacache.data_version()
    Member.objects.filter(pk=member.pk).update(full_name="Phạm Văn Năm")
    assert datacache.data_version()[0] == before[0] + 1


@postgresql
@pytest.mark.django_db(transaction=True)
def test_the_dashboard_shows_an_admission_once_it_is_saved(
    client, committee_staff, make_cell, make_member, make_user, django_assert_num_queries
):
    cell = make_cell()
    make_member(cell=cell, decision_date=date(2024, 2, 1), status=Member.Status.PROBATIONARY)
    client.force_login(committee_staff)
    assert admitted(client) == 1
    # Kept: the session, the user, the role, the data version; the session saved (savepoint,
    # update, release: the tests push its expiry at every request). No figure is worked out
    # again (eight queries more).
    with django_assert_num_queries(7):
        assert admitted(client) == 1
    # Another organisation's staff get their own organisation's figures, not the committee's.
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=make_cell().organisation))
    assert admitted(client) == 0
    client.force_login(committee_staff)
    make_member(cell=cell, decision_date=date(2024, 3, 1), status=Member.Status.PROBATIONARY)
    assert admitted(client) == 2
    member = Member.objects.get(decision_date=date(2024, 3, 1))
    Member.objects.filter(pk=member.pk).update(decision_date=date(2023, 3, 1))
    assert admitted(client) == 1


@postgresql
@pytest.mark.django_db(transaction=True)
def test_each_scope_gets_its_own_deadlines(
    client, committee_staff, make_cell, make_member, make_user
):
    """The committee's list, kept, is never handed to an organisation's staff, nor the other
    way round."""
    # The rules in force (a test that commits finds the database emptied of the migrations'
    # rows by the one before).
    RuleSet.objects.get_or_create(effective_from=date(2021, 10, 1), reference="Quy định 24")
    ours, theirs = make_cell(), make_cell()
    for cell, name in ((ours, "Trần Văn Của Ta"), (theirs, "Lê Thị Của Họ")):
        make_member(
            cell=cell,
            full_name=name,
            status=Member.Status.PROBATIONARY,
            decision_date=date(2022, 6, 1),
            ceremony_date=date(2022, 6, 1),
        )
    grassroots = make_user(Role.GRASSROOTS_STAFF, organisation=ours.organisation)
    url = reverse("recruitment:deadlines")
    client.force_login(committee_staff)
    for _ in range(2):
        html = client.get(url, {"as_of": "26/03/2024"}).content.decode()
        assert "Trần Văn Của Ta" in html and "Lê Thị Của Họ" in html
    client.force_login(grassroots)
    for _ in range(2):
        html = client.get(url, {"as_of": "26/03/2024"}).content.decode()
        assert "Trần Văn Của Ta" in html
        assert "Lê Thị Của Họ" not in html
        assert 'id="overdue-count">1<' in html


@postgresql
@pytest.mark.django_db(transaction=True)
def test_the_processes_own_copies_are_read_again_once_the_data_has_changed(make_city):
    """The top committees and the working-day overrides each process keeps (for minutes) are
    read again before a figure is worked out under a new version: a committee renamed by
    another process is on the next dashboard worked out here."""
    from recruitment import committee, workdays

    make_city(name="Đảng bộ tỉnh Cũ", committee_name="Tỉnh ủy Cũ")
    datacache.cached(("k",), lambda: None)
    committee.preload(committee.load_committees())
    workdays.preload_overrides({date(2024, 1, 1): True})
    datacache.cached(("k",), lambda: None)  # the same version: the copies stay
    assert workdays.overrides() == {date(2024, 1, 1): True}
    with connection.cursor() as cursor:  # another process's change: no signal here
        cursor.execute("UPDATE recruitment_organisation SET committee_name = 'Tỉnh ủy Mới'")
    assert committee.current_committee(date(2024, 3, 26)).committee_name == "Tỉnh ủy Cũ"
    datacache.cached(("k",), lambda: None)
    assert committee.current_committee(date(2024, 3, 26)).committee_name == "Tỉnh ủy Mới"
    assert workdays.overrides() == {}


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_fold_that_cannot_run_leaves_the_rows_and_the_page(caplog):
    """Folding is housekeeping: when another session holds the table (here a lock, with a
    short lock timeout), the reader logs it and goes on; nothing is lost."""
    import psycopg2

    DataChange.objects.bulk_create(DataChange(txid=txid) for txid in range(10, 20))
    rows = DataChange.objects.count()  # with the previous test's flush, counted
    assert rows >= 10
    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    try:
        with other.cursor() as cursor:
            cursor.execute("LOCK TABLE recruitment_datachange IN ACCESS EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '50ms'")
        datacache._compact()
    finally:
        other.rollback()
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert "could not be folded" in caplog.text
    assert DataChange.objects.count() == rows
