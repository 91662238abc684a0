"""Rosters as organisations keep them (issue 12): "Ngày vào Đảng" is the admission decision's
date, template furniture is skipped, and the files are read as they are."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.utils import translation

from recruitment.models import Member
from recruitment.roster import read
from recruitment.roster.check import check_row
from recruitment.roster.plan import apply_plan, make_plan
from tests.test_roster_read import workbook_bytes

TODAY = date(2024, 3, 26)
CELLS = {"chi bo so 1": 11}
ROW = {
    "full_name": "Nguyễn Thị Huế",
    "citizen_id": "035190012345",
    "gender": "Nữ",
    "date_of_birth": "17/05/1990",
    "cell": "Chi bộ số 1",
}


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def check(**values):
    return check_row(4, {**ROW, **values}, cells=CELLS, today=TODAY)


# --- 1. dates as rosters write them ---------------------------------------------------------


def test_ngay_vao_dang_is_the_decision_date_and_makes_a_roster_complete():
    data = workbook_bytes(
        [
            ["Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"],
            ["Nguyễn Thị Huế", "035190012345", "Nữ", "17/05/1990", "Chi bộ số 1", "15/03/2015"],
        ]
    )
    roster = read.read(data, filename="ds.xlsx")
    assert roster.columns["decision_date"] == 5
    result = check(**{"decision_date": roster.rows[0][1]["decision_date"]})
    assert result.ok, result.problems
    assert result.values["decision_date"] == date(2015, 3, 15)
    assert "ceremony_date" not in result.values


@pytest.mark.parametrize("header", ["Ngày kết nạp", "Ngày vào Đảng dự bị", "NGAY VAO DANG"])
def test_other_ways_of_writing_the_date_of_joining_are_the_decision_date(header):
    data = workbook_bytes(
        [["Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh", "Chi bộ", header], ["A"] * 6]
    )
    assert read.read(data, filename="ds.xlsx").columns["decision_date"] == 5


def test_the_ceremony_date_has_its_own_header_and_is_optional():
    data = workbook_bytes(
        [
            ["Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"]
            + ["Ngày tổ chức lễ kết nạp"],
            ["A"] * 7,
        ]
    )
    columns = read.read(data, filename="ds.xlsx").columns
    assert (columns["decision_date"], columns["ceremony_date"]) == (5, 6)
    result = check(decision_date="15/03/2015", ceremony_date="02/04/2015")
    assert result.ok and result.values["ceremony_date"] == date(2015, 4, 2)


def test_a_decision_column_alone_also_gives_the_decision_date():
    result = check(decision_date_given="15/03/2015")
    assert result.ok, result.problems
    assert result.values["decision_date"] == date(2015, 3, 15)
    assert "decision_date_given" not in result.values


def test_decision_and_vao_dang_columns_that_agree_are_accepted():
    result = check(decision_date="15/03/2015", decision_date_given=date(2015, 3, 15))
    assert result.ok, result.problems
    assert result.values["decision_date"] == date(2015, 3, 15)


def test_decision_and_vao_dang_columns_that_disagree_are_refused_naming_both():
    result = check(decision_date="15/03/2015", decision_date_given="20/03/2015")
    assert not result.ok
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (
            4,
            "Ngày quyết định kết nạp",
            "20/03/2015 không khớp với Ngày vào Đảng (15/03/2015): đó là cùng một ngày",
        )
    ]


def test_a_row_with_neither_date_is_refused_as_missing_the_date_of_joining():
    result = check(decision_date="")
    assert [(p.column, p.message) for p in result.problems] == [("Ngày vào Đảng", "là bắt buộc")]


# --- 1. the data migration of records stored under the old reading --------------------------

MIGRATION = importlib.import_module("recruitment.migrations.0006_i12_vao_dang_is_decision")


def test_migration_clears_ceremony_dates_that_were_a_rosters_vao_dang_and_reverses(
    make_member,
):
    copied = make_member(citizen_id="035190000001", decision_date=date(2015, 3, 2))
    real = make_member(citizen_id="035190000002", ceremony_date=date(2015, 3, 20))
    edited = make_member(citizen_id="035190000003", decision_date=date(2015, 3, 2))
    typed = make_member(citizen_id="035190000004", decision_date=date(2015, 3, 2))
    for member in (copied, real, edited):
        member.history.update(history_change_reason="Nhập danh sách: ds.xlsx")
    edited.full_name = "Sửa tay"
    edited.save()  # a later edit: its ceremony date is the staff's, not the roster's
    MIGRATION.correct_vao_dang(django_apps, None)
    dates = dict(Member.objects.values_list("citizen_id", "ceremony_date"))
    assert dates == {
        "035190000001": None,
        "035190000002": date(2015, 3, 20),
        "035190000003": date(2015, 3, 2),
        "035190000004": date(2015, 3, 2),
    }
    assert copied.history.latest().history_change_reason == (
        'Sửa: "Ngày vào Đảng" của danh sách là ngày quyết định, không phải ngày lễ'
    )
    assert typed.history.count() == 1
    MIGRATION.restore_vao_dang(django_apps, None)
    copied.refresh_from_db()
    assert copied.ceremony_date == date(2015, 3, 2)
    assert copied.history.count() == 1


# --- 1. a real roster, with no ceremony column, goes in whole ---------------------------------

REAL_HEADER = [
    ["ĐẢNG BỘ PHƯỜNG MINH KHAI"],
    ["SỔ DANH SÁCH ĐẢNG VIÊN"],
    ["STT", "Họ và tên", "Giới tính", "Số CCCD", "Ngày tháng năm", None, None, "Chi bộ"],
    [None, None, None, None, "Sinh", "Vào Đảng", "Chính thức", None],
]


def test_a_roster_with_vao_dang_and_official_dates_but_no_ceremony_imports(
    organisation, committee_staff
):
    data = workbook_bytes(
        [
            *REAL_HEADER,
            [1, "Lê Thị Mai", "Nữ", "035190000123", "01/04/1990", "15/03/2015", "15/03/2016"]
            + ["Chi bộ số 1"],
            [2, "Trần Văn Nam", "Nam", "035088000124", "02/01/1988", "01/06/2020", None]
            + ["Chi bộ số 2"],
        ]
    )
    roster = read.read(data, filename="so-danh-sach.xlsx")
    plan = make_plan(roster, organisation)
    assert plan.counts == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    apply_plan(
        roster,
        organisation,
        user=committee_staff,
        file_name="so-danh-sach.xlsx",
        sha256=roster.sha256,
        expected=plan.fingerprint(),
    )
    mai = Member.objects.get(citizen_id="035190000123")
    assert (mai.decision_date, mai.ceremony_date, mai.official_date) == (
        date(2015, 3, 15),
        None,
        date(2016, 3, 15),
    )
    assert mai.status == Member.Status.OFFICIAL
    nam = Member.objects.get(citizen_id="035088000124")
    assert (nam.decision_date, nam.ceremony_date, nam.status) == (
        date(2020, 6, 1),
        None,
        Member.Status.PROBATIONARY,
    )


def test_an_official_date_not_after_the_date_of_joining_is_refused_without_a_ceremony():
    result = check(decision_date="15/03/2015", official_date="15/03/2015")
    assert [(p.column, p.message) for p in result.problems] == [
        ("Ngày chính thức", "không sau ngày vào Đảng")
    ]


def test_the_database_refuses_an_official_date_before_the_decision_without_a_ceremony(
    make_member,
):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_member(
            decision_date=date(2015, 3, 2), ceremony_date=None, official_date=date(2015, 3, 1)
        )
    member = make_member(
        decision_date=date(2015, 3, 2), ceremony_date=None, official_date=date(2016, 3, 2)
    )
    assert member.ceremony_date is None


# --- 2. template furniture ----------------------------------------------------------------


def member_row(n):
    """STT, name, gender, citizen ID, date of birth (the dates and cell follow)."""
    return [n, f"Trần Văn {chr(64 + n)}", "Nam", f"0350850000{n:02d}", "02/01/1985"]


@pytest.mark.parametrize(
    "numbers",
    [
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        [1, 2, 3, 4, 5, 6, 7, 8],
        ["1", "2", "3", "4", "5", "6", "7", "8"],
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"],
        ["A", "B", "C", "D", "E", "F", "G", "H"],
    ],
)
def test_the_row_numbering_the_columns_under_the_header_is_skipped(numbers):
    data = workbook_bytes(
        [
            *REAL_HEADER,
            numbers,
            [*member_row(1), "15/03/2015", None, "Chi bộ số 1"],
        ],
        merges=["E3:G3"],
    )
    roster = read.read(data, filename="ds.xlsx")
    assert [number for number, _values in roster.rows] == [6]
    assert roster.rows[0][1]["full_name"] == "Trần Văn A"


def test_section_rows_give_their_cell_to_the_rows_below_and_subtotals_are_skipped(
    organisation,
):
    header = [["STT", "Họ và tên", "Giới tính", "Số CCCD", "Ngày sinh", "Ngày vào Đảng"]]
    data = workbook_bytes(
        [
            ["ĐẢNG BỘ PHƯỜNG MINH KHAI"],
            *header,
            ["I. Chi bộ số 1"],
            [*member_row(1), "15/03/2015"],
            [*member_row(2), "16/03/2015"],
            ["Cộng: 2 đồng chí"],
            ["Chi bộ số 2"],
            [*member_row(3), "17/03/2015"],
            [None, "Cộng", None, None, None, None],
            ["Tổng cộng: 3 đồng chí"],
        ],
        merges=["A3:F3", "A6:F6", "A7:F7"],
    )
    roster = read.read(data, filename="ds.xlsx")
    assert [(n, values["full_name"], values["cell"]) for n, values in roster.rows] == [
        (4, "Trần Văn A", "Chi bộ số 1"),
        (5, "Trần Văn B", "Chi bộ số 1"),
        (8, "Trần Văn C", "Chi bộ số 2"),
    ]
    plan = make_plan(roster, organisation)
    assert plan.counts == {"new": 3, "updated": 0, "unchanged": 0, "rejected": 0}


def test_without_a_cell_column_or_sections_the_cell_column_is_still_required():
    data = workbook_bytes(
        [
            ["STT", "Họ và tên", "Giới tính", "Số CCCD", "Ngày sinh", "Ngày vào Đảng"],
            [*member_row(1), "15/03/2015"],
        ]
    )
    with pytest.raises(read.RosterFileError) as error:
        read.read(data, filename="ds.xlsx")
    assert str(error.value) == "Thiếu các cột bắt buộc: Chi bộ."


def test_a_cell_name_merged_down_its_column_applies_to_every_row_of_the_merge():
    data = workbook_bytes(
        [
            *REAL_HEADER,
            [*member_row(1), "15/03/2015", None, "Chi bộ số 1"],
            [*member_row(2), "16/03/2015", None, None],
            [*member_row(3), "17/03/2015", None, None],
            [*member_row(4), "18/03/2015", None, "Chi bộ số 2"],
            [*member_row(5), "19/03/2015", None, None],
        ],
        merges=["E3:G3", "H5:H7"],
    )
    roster = read.read(data, filename="ds.xlsx")
    assert [values["cell"] for _n, values in roster.rows] == [
        "Chi bộ số 1",
        "Chi bộ số 1",
        "Chi bộ số 1",
        "Chi bộ số 2",
        "",  # not merged: a cell left empty is still refused as required
    ]
