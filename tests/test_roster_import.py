"""Planning and applying roster imports against the database, and the command line."""

import hashlib
import io
import os
import threading
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from recruitment.models import ImportBatch, Member
from recruitment.roster.plan import ImportChanged, apply_plan, make_plan
from recruitment.roster.read import read
from tests.test_roster_read import workbook_bytes

HEADER = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Số CCCD",
    "Chi bộ",
    "Ngày quyết định kết nạp",
    "Ngày tổ chức lễ kết nạp",
    "Ngày chính thức",
]


def roster_file(*rows):
    return workbook_bytes([["ĐẢNG BỘ PHƯỜNG MINH KHAI"], ["DANH SÁCH ĐẢNG VIÊN"], HEADER, *rows])


def person(n, cell="Chi bộ số 1", **kw):
    day = n % 20 + 1
    row = [
        n,
        f"Trần Văn {chr(64 + n)}",
        "Nam",
        date(1985, 1, day),
        f"0350850000{n:02d}",
        cell,
        date(2010, 3, day),
        date(2010, 3, day + 5),
        date(2011, 3, day + 5),
    ]
    for index, value in kw.items():
        row[int(index[1:])] = value
    return row


def official_before_held_ceremony(organisation, make_member):
    """A member held with a ceremony of 08/03/2010, and a roster with no ceremony column whose
    row 4 is new and row 5 moves that member's official date to 05/03/2010, before the
    ceremony: the row checks cannot see it, the database's constraint refuses it, after row 4
    was written. Returns the member and the file."""
    held = make_member(
        cell=organisation.cells.get(name="Chi bộ số 1"),
        full_name="Trần Văn B",
        gender="male",
        date_of_birth=date(1985, 1, 3),
        citizen_id="035085000002",
        decision_date=date(2010, 3, 3),
        ceremony_date=date(2010, 3, 8),
        official_date=date(2011, 3, 8),
    )
    header = [title for title in HEADER if title != "Ngày tổ chức lễ kết nạp"]
    rows = [person(1), person(2, c8=date(2010, 3, 5))]
    return held, workbook_bytes(
        [["ĐẢNG BỘ PHƯỜNG MINH KHAI"], ["DANH SÁCH ĐẢNG VIÊN"], header]
        + [row[:7] + row[8:] for row in rows]
    )


def plan_of(data, organisation):
    roster = read(data, filename="ds.xlsx")
    return roster, make_plan(roster, organisation)


def test_new_rows_are_imported_all_at_once(organisation, committee_staff):
    data = roster_file(person(1), person(2), person(3, cell="Chi bộ số 2"))
    roster, plan = plan_of(data, organisation)
    assert plan.counts == {"new": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    batch, _applied = apply_plan(
        roster,
        organisation,
        user=committee_staff,
        file_name="ds.xlsx",
        sha256=hashlib.sha256(data).hexdigest(),
        expected=plan.fingerprint(),
    )
    assert (batch.created, batch.status) == (3, ImportBatch.Status.APPLIED)
    member = Member.objects.get(citizen_id="035085000001")
    assert member.status == Member.Status.OFFICIAL
    assert (member.decision_date, member.official_date) == (date(2010, 3, 2), date(2011, 3, 7))
    assert member.name_key == "tran van a"


def test_reimporting_the_same_file_finds_every_row_unchanged(organisation, committee_staff):
    data = roster_file(person(1), person(2))
    roster, plan = plan_of(data, organisation)
    apply_plan(roster, organisation, user=committee_staff, file_name="a", sha256="x")
    _roster, again = plan_of(data, organisation)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 2, "rejected": 0}


def test_a_changed_row_is_an_update_showing_its_changes(organisation, committee_staff):
    roster, _plan = plan_of(roster_file(person(1)), organisation)
    apply_plan(roster, organisation, user=committee_staff, file_name="a", sha256="x")
    roster, plan = plan_of(roster_file(person(1, c5="Chi bộ số 2")), organisation)
    assert plan.counts["updated"] == 1
    ((field, _old, _new),) = plan.rows[0].changes
    assert field == "cell_id"
    apply_plan(roster, organisation, user=committee_staff, file_name="b", sha256="y")
    assert Member.objects.get(citizen_id="035085000001").cell.name == "Chi bộ số 2"


def test_a_rejected_row_blocks_the_whole_import(organisation, committee_staff):
    roster, plan = plan_of(roster_file(person(1), person(2, c2="Khác")), organisation)
    assert plan.counts == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 1}
    with pytest.raises(ImportChanged):
        apply_plan(roster, organisation, user=committee_staff, file_name="a", sha256="x")
    assert not Member.objects.exists()


def test_duplicate_citizen_id_within_the_file_is_rejected(organisation):
    _roster, plan = plan_of(roster_file(person(1), person(1)), organisation)
    assert plan.rows[1].action == "rejected"
    assert "4" in plan.rows[1].problems[0].message  # names the first row (row 4)


def test_another_organisations_member_is_rejected_without_saying_where(
    organisation, make_member, make_cell
):
    other = make_member(
        cell=make_cell(name="Chi bộ ngoài"),
        citizen_id="035085000001",
        gender="male",
        date_of_birth=date(1985, 1, 1),
        full_name="Người khác",
    )
    _roster, plan = plan_of(roster_file(person(1)), organisation)
    problem = plan.rows[0].problems[0]
    assert plan.rows[0].action == "rejected"
    assert other.cell.organisation.name not in problem.message
    assert other.cell.name not in problem.message
    other.refresh_from_db()
    assert other.full_name == "Người khác"


def test_the_data_changing_after_the_preview_stops_the_import(organisation, committee_staff):
    roster, plan = plan_of(roster_file(person(1), person(2)), organisation)
    fingerprint = plan.fingerprint()
    # Someone adds member 2 by hand between the preview and the confirmation.
    apply_plan(
        read(roster_file(person(2)), filename="x.xlsx"),
        organisation,
        user=committee_staff,
        file_name="b",
        sha256="y",
    )
    with pytest.raises(ImportChanged):
        apply_plan(
            roster,
            organisation,
            user=committee_staff,
            file_name="a",
            sha256="x",
            expected=fingerprint,
        )
    assert Member.objects.count() == 1


def test_plan_query_count_does_not_grow_with_rows(organisation, django_assert_num_queries):
    small = read(roster_file(person(1)), filename="x.xlsx")
    large = read(roster_file(*[person(n) for n in range(1, 30)]), filename="x.xlsx")
    # The organisation's cells, the administrator's roster words, the rule sets, the members
    # with the file's citizen IDs, the organisation's sub-committees.
    with django_assert_num_queries(5):
        make_plan(small, organisation)
    with django_assert_num_queries(5):
        make_plan(large, organisation)


def test_command_finds_the_organisation_from_the_cells(organisation, tmp_path, make_cell):
    make_cell(name="Chi bộ số 1")  # another organisation has a cell of that name too
    path = tmp_path / "ds.xlsx"
    path.write_bytes(roster_file(person(1), person(2, cell="Chi bộ số 2")))
    call_command("import_roster", str(path))
    assert Member.objects.filter(cell__organisation=organisation).count() == 2
    path.write_bytes(roster_file(person(3)))  # "Chi bộ số 1" alone: two organisations have it
    with pytest.raises(CommandError, match="--organisation"):
        call_command("import_roster", str(path))


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="nice per thread: Linux")
def test_the_command_runs_below_the_web_server_unless_told_otherwise(organisation, tmp_path):
    """A large roster read and checked at the web server's priority would slow the staff's
    pages; the command runs at nice 10 unless given --priority normal."""
    thread = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, thread, 0)
    except PermissionError:  # pragma: no cover - CI runs as root, which may raise it again
        pytest.skip("this process may not raise its priority back to 0")
    good = tmp_path / "good.xlsx"
    good.write_bytes(roster_file(person(1)))
    out = io.StringIO()

    call_command(
        "import_roster",
        str(good),
        "--organisation",
        "MK",
        "--dry-run",
        "--priority",
        "normal",
        verbosity=2,
        stdout=out,
    )
    assert os.getpriority(os.PRIO_PROCESS, thread) == 0
    assert "nice" not in out.getvalue()

    call_command(
        "import_roster", str(good), "--organisation", "MK", "--dry-run", verbosity=2, stdout=out
    )
    assert os.getpriority(os.PRIO_PROCESS, thread) == 10
    assert "Running at nice 10 (--priority low)." in out.getvalue()


def test_command_imports_and_refuses(organisation, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(roster_file(person(1), person(2)))
    call_command("import_roster", str(good), "--organisation", "MK", "--dry-run")
    assert not Member.objects.exists()
    call_command("import_roster", str(good), "--organisation", "MK")
    assert Member.objects.count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(roster_file(person(3), person(4, c4="3.5E+11")))
    with pytest.raises(CommandError):
        call_command("import_roster", str(bad), "--organisation", "MK")
    assert Member.objects.count() == 2
    output = capsys.readouterr().out
    assert "row 5" in output and "Số CCCD" in output
    # A citizen ID in the output (which may end in a log) is masked.
    lost_zero = tmp_path / "zero.xlsx"
    lost_zero.write_bytes(roster_file(person(5, c4=35085000005)))
    call_command("import_roster", str(lost_zero), "--organisation", "MK", "--dry-run")
    output = capsys.readouterr().out
    assert "035•••••0005" in output and "035085000005" not in output


@pytest.mark.django_db(transaction=True)
def test_two_imports_into_one_organisation_are_serialised(organisation, committee_staff):
    """While one import holds the organisation, a second waits for it (PostgreSQL; SQLite
    lets one writer at a time anyway)."""
    from django.db import OperationalError, connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises every write")
    import psycopg2

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    first = psycopg2.connect(**params)
    try:
        with first.cursor() as cursor:  # the first import, in its transaction
            cursor.execute(
                "SELECT id FROM recruitment_organisation WHERE id = %s FOR UPDATE",
                [organisation.pk],
            )
        roster = read(roster_file(person(1)), filename="x.xlsx")
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        with pytest.raises(OperationalError, match="lock"):
            apply_plan(roster, organisation, user=committee_staff, file_name="b", sha256="y")
        assert not Member.objects.exists()
        first.rollback()  # the first import ends; the second goes through
        apply_plan(roster, organisation, user=committee_staff, file_name="b", sha256="y")
        assert Member.objects.count() == 1
    finally:
        first.close()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")


def test_command_query_counts_do_not_grow_with_rows(
    organisation, tmp_path, django_assert_num_queries
):
    """The counts the benchmark reports (a preview 8, an import 17, a re-import 16, on
    PostgreSQL), with the savepoint that the test's transaction puts around the import's."""
    for first, size in ((1, 1), (2, 30)):
        path = tmp_path / f"{size}.xlsx"
        path.write_bytes(roster_file(*(person(n) for n in range(first, first + size))))
        command = ["import_roster", str(path), "--organisation", "MK"]
        # 1 the organisation; what the rows are checked against as they are read: 2 the
        # organisation's cells, 3 the administrator's roster words, 4 the rule sets; 5 the
        # grassroots organisations' names (is the file theirs?); the plan, with the checks
        # made while reading: 6 the members with the file's citizen IDs, 7 the
        # organisation's sub-committees; 8 the cells' names.
        with django_assert_num_queries(8):
            call_command(*command, "--dry-run")
        # 1 the organisation, 2-4 what the rows are checked against, 5 the organisations'
        # names, 6 savepoint, 7 the organisation locked, 8-12 the plan (2-4 again, to see
        # that the checks made while reading still hold), 13 the new members (SQLite;
        # PostgreSQL copies them in, past Django's cursor), 14 their history rows, 15 the
        # batch, 16 the last processing record's hash (on PostgreSQL after the advisory
        # lock that orders the log), 17 the processing record, 18 release savepoint, 19 the
        # cells' names.
        with django_assert_num_queries(19):
            call_command(*command)
        # The same file again, every row unchanged: nothing to insert.
        with django_assert_num_queries(18 if connection.vendor == "postgresql" else 17):
            call_command(*command)
    assert Member.objects.count() == 31
