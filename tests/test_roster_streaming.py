"""Rows checked while the file is still being read: the reading child sends its rows in
parts (roster/sandbox.py), the worker checks each as it comes (service.roster_read with an
organisation) without holding the child up, and the preview and the import take those
checks only while what they depend on holds."""

import io
import time
from datetime import date

import pytest
from django.core.management import call_command

from recruitment.models import Cell, Member
from recruitment.roster import service
from recruitment.roster.plan import CheckContext
from recruitment.roster.read import Roster, read
from recruitment.roster.sandbox import run_limited
from tests.test_roster_import import HEADER, person, roster_file
from tests.test_roster_read import workbook_bytes


def _rows(part: int) -> list:
    return [(part * 10 + n, {"full_name": f"Người {part}.{n}"}) for n in range(3)]


def _roster() -> Roster:
    return Roster(sheet="Danh sách", header_row=3, columns={"full_name": 1}, ignored=[])


def _reads_a_summary_then_the_roster(*, emit) -> Roster:
    emit(_rows(0))
    emit(None)  # that sheet was a summary: its rows are forgotten
    emit(_rows(1))
    emit(_rows(2))
    return _roster()


def test_parts_arrive_in_order_and_a_discarded_sheets_rows_are_forgotten():
    calls = []
    roster = run_limited(_reads_a_summary_then_the_roster, on_part=calls.append)
    assert calls == [_rows(0), None, _rows(1), _rows(2)]
    assert roster.sheet == "Danh sách" and roster.rows == []


def _large_parts_at_once(path: str, *, emit) -> Roster:
    """Twelve parts of 400 KB (several times what the pipe holds), then when it ended."""
    for part in range(12):
        emit([(part * 1000 + n, {"full_name": f"{part}{n:0400d}"}) for n in range(1000)])
    with open(path, "w") as ended:
        ended.write(str(time.monotonic()))
    return _roster()


def test_the_child_is_not_held_up_by_a_slow_worker(tmp_path):
    """The worker takes 0.3 s a part; the child writes 4.8 MB of parts at once, several
    times what the pipe holds. The worker takes in all that is written as it is written,
    so the child has finished (and its memory is free) before the third part is even
    looked at."""
    arrived = []

    def slow(rows):
        arrived.append(time.monotonic())
        time.sleep(0.3)

    ended = tmp_path / "ended"
    run_limited(_large_parts_at_once, str(ended), on_part=slow)
    assert len(arrived) == 12
    assert float(ended.read_text()) < arrived[2]


def _four_parts_slowly(*, emit) -> Roster:
    for part in range(4):
        emit(_rows(part))
        time.sleep(0.15)
    return _roster()


def test_the_time_the_worker_spends_on_parts_is_not_counted_against_the_reader(settings):
    """The child reads for 0.6 s, within its second; the worker spends 1.6 s on the parts.
    Only the child's time counts towards ``ROSTER_PARSE_SECONDS``."""
    settings.ROSTER_PARSE_SECONDS = 1
    run_limited(_four_parts_slowly, on_part=lambda rows: time.sleep(0.4))


def _checks(checked) -> list:
    return [(c.row, c.values, c.problems, c.warnings) for c in checked]


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of two rows, so that a small file crosses in several (the child, forked,
    inherits the setting)."""
    monkeypatch.setattr("recruitment.roster.read.PART_ROWS", 2)


def test_rows_checked_as_read_are_those_a_check_afterwards_gives(organisation, small_parts):
    rows = [
        person(1),
        person(2, c4=35085000002),  # lost its zero: restored, with a warning
        person(3, c5="Chi bộ không có"),  # no such cell: refused
        person(4, c1="Phạm Thị Ánh Dương"),
        person(5),
    ]
    roster = service.roster_read(
        data=roster_file(*rows), file_name="ds.xlsx", organisation=organisation, for_import=True
    )
    assert [number for number, _values in roster.rows] == [4, 5, 6, 7, 8]
    again = CheckContext.of(organisation).check(roster.rows)
    assert _checks(roster.checked) == _checks(again)
    assert [c.keys is None for c in roster.checked] == [False, False, True, False, False]
    assert roster.checked[3].keys[0] == "pham thi anh duong"


def test_a_preview_works_out_no_name_keys(organisation):
    roster = service.roster_read(
        data=roster_file(person(1)), file_name="ds.xlsx", organisation=organisation
    )
    assert roster.checked[0].keys is None


def test_a_summary_sheet_before_the_roster_leaves_no_rows_behind(organisation, small_parts):
    summary = [["TỔNG HỢP"], ["Họ và tên", "Chi bộ"]] + [
        [f"Người {n}", "Chi bộ số 1"] for n in range(5)
    ]
    data = workbook_bytes(
        [["ĐẢNG BỘ PHƯỜNG MINH KHAI"], ["DANH SÁCH ĐẢNG VIÊN"], HEADER, person(1), person(2)],
        before=summary,
    )
    roster = service.roster_read(data=data, file_name="ds.xlsx", organisation=organisation)
    assert roster.sheet == "Danh sach"
    assert [number for number, _values in roster.rows] == [4, 5]
    assert [c.values["citizen_id"] for c in roster.checked] == ["035085000001", "035085000002"]


def test_checks_made_while_reading_are_not_taken_once_the_cells_changed(
    organisation, committee_staff
):
    """Read while the organisation has no "Chi bộ số 3", the row is refused; the cell
    created before the import, the import checks the rows again and takes it."""
    data = roster_file(person(1, c5="Chi bộ số 3"))
    roster = service.roster_read(data=data, file_name="ds.xlsx", organisation=organisation)
    preview = service.roster_preview(organisation=organisation, roster=roster)
    assert preview.counts["rejected"] == 1
    Cell.objects.create(organisation=organisation, name="Chi bộ số 3", active_from=date(2000, 1, 1))
    imported = service.roster_import(
        user=committee_staff, organisation=organisation, roster=roster, file_name="ds.xlsx"
    )
    assert imported.counts["new"] == 1
    assert Member.objects.get().cell.name == "Chi bộ số 3"


def test_the_command_lists_twenty_warnings_then_says_how_many_more(organisation, tmp_path):
    """25 citizen IDs that lost their zero: 25 warnings, 20 listed, all from verbosity 2."""
    path = tmp_path / "ds.xlsx"
    path.write_bytes(roster_file(*(person(n, c4=35085000000 + n) for n in range(1, 26))))
    command = ["import_roster", str(path), "--organisation", "MK", "--dry-run"]
    out = io.StringIO()
    call_command(*command, stdout=out)
    lines = out.getvalue().splitlines()
    assert sum("(warning)" in line for line in lines) == 20
    assert lines[-2] == (
        "  … and 5 more warnings (--verbosity 2 lists them all; the import page lists them too)."
    )
    out = io.StringIO()
    call_command(*command, verbosity=2, stdout=out)
    assert sum("(warning)" in line for line in out.getvalue().splitlines()) == 25


def test_a_roster_that_starts_in_column_b_with_a_cell_merged_down_reads_whole():
    """The rows are made one at a time from the reader's cells: a sheet whose first column
    is empty keeps its columns where they are, and a cell's name merged down over its
    members reaches each of them."""
    rows = [[None, "ĐẢNG BỘ PHƯỜNG MINH KHAI"], [None, "DANH SÁCH ĐẢNG VIÊN"]]
    rows.append([None, *HEADER])
    rows += [[None, *person(n, cell=None)] for n in range(1, 4)]
    rows[3][6] = "Chi bộ số 2"  # the cell's name, merged over the three rows (G4:G6)
    data = workbook_bytes(rows, merges=["G4:G6"])
    roster = read(data, filename="ds.xlsx")
    assert roster.columns["full_name"] == 2
    assert [values["cell"] for _number, values in roster.rows] == ["Chi bộ số 2"] * 3
    assert [values["full_name"] for _number, values in roster.rows] == [
        "Trần Văn A",
        "Trần Văn B",
        "Trần Văn C",
    ]


def test_names_derived_in_the_reading_child_are_those_a_member_gets(
    organisation, tmp_path, make_member
):
    """The import's names are worked out in the reading child, from the name as the checks
    keep it: the same search and sort keys as a member saved through the model."""
    path = tmp_path / "ds.xlsx"
    path.write_bytes(roster_file(person(1, c1="  Phạm Thị Ánh  Dương ")))
    call_command("import_roster", str(path), "--organisation", "MK", stdout=io.StringIO())
    imported = Member.objects.get()
    assert imported.full_name == "Phạm Thị Ánh  Dương"
    assert imported.name_key == "pham thi anh duong"
    saved = make_member(full_name="Phạm Thị Ánh  Dương", citizen_id="001190000002")
    assert imported.sort_key == saved.sort_key
