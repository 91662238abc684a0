"""Rosters as organisations keep them (issue 12): "Ngày vào Đảng" is the admission decision's
date, template furniture is skipped, and the files are read as they are."""

import importlib
import io
from datetime import date

import openpyxl
import pytest
import xlwt
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from benchmarks import roster_import
from recruitment.models import Member, RosterWord
from recruitment.roster import read
from recruitment.roster.check import check_row
from recruitment.roster.origin import other_organisation
from recruitment.roster.plan import apply_plan, make_plan
from recruitment.states import Role
from recruitment.stats.composition import tally
from tests.test_roster_check import CELLS, PERSON, TODAY
from tests.test_roster_read import workbook_bytes

pytestmark = pytest.mark.usefixtures("vietnamese")

ROW = {
    **PERSON,
}


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

MIGRATION = importlib.import_module("recruitment.migrations.0009_real_rosters")


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


# --- 3. vocabularies that accept what people type -------------------------------------------


@pytest.mark.parametrize(
    ("column", "typed", "stored"),
    [
        ("gender", "NỮ", "female"),
        ("gender", "nu", "female"),
        ("occupation", "Bác sỹ", "health_worker"),
        ("occupation", "BÁC SĨ", "health_worker"),
        ("occupation", "Kinh doanh", "business_owner"),
        ("occupation", "Kỹ sư", "enterprise_employee"),
        ("occupation", "Kĩ sư", "enterprise_employee"),
        ("religion", "Thiên chúa giáo", "catholic"),
        ("religion", "Công giáo", "catholic"),
        ("religion", "Phật", "buddhist"),
        ("religion", "Phật giáo", "buddhist"),
        ("religion", "Không", "none"),
        ("religion", "Không có", "none"),
        ("professional_level", "ĐH", "university"),
        ("professional_level", "Đại học", "university"),
        ("professional_level", "CĐ", "college"),
        ("professional_level", "TC", "intermediate"),
        ("professional_level", "ThS", "master"),
        ("professional_level", "Th.S", "master"),
        ("professional_level", "TS", "doctorate"),
        ("professional_level", "CN", "university"),
        ("political_theory", "SC", "elementary"),
        ("political_theory", "TC", "intermediate"),
        ("political_theory", "CC", "advanced"),
        ("political_theory", "CN", "advanced"),
        ("political_theory", "Cao cấp", "advanced"),
        ("political_theory", "Sơ cấp", "elementary"),
        ("youth_union_member", "x", True),
        ("youth_union_member", "Không", False),
        ("ethnicity", "MƯỜNG", "Mường"),
        ("general_education", "12/12", "12/12"),
        ("general_education", "12", "12/12"),
        ("general_education", 12.0, "12/12"),
        ("general_education", "Lớp 12", "12/12"),
        ("general_education", "10/10", "10/10"),
        ("general_education", "9/10", "9/10"),
    ],
)
def test_coded_fields_accept_what_people_type(column, typed, stored):
    result = check(decision_date="15/03/2015", **{column: typed})
    assert result.ok, result.problems
    assert result.values[column] == stored
    assert result.warnings == []


def test_a_lost_word_kept_as_typed_with_a_warning_not_a_refusal():
    result = check(decision_date="15/03/2015", occupation="Thợ may", religion="Bà La Môn")
    assert result.ok
    assert (result.values["occupation"], result.values["religion"]) == ("Thợ may", "Bà La Môn")
    assert [(w.row, w.column, w.message) for w in result.warnings] == [
        (
            4,
            "Nghề nghiệp",
            "Thợ may không phải giá trị đã biết: giữ như đã viết, tính vào mục khác",
        ),
        (4, "Tôn giáo", "Bà La Môn không phải giá trị đã biết: giữ như đã viết, tính vào mục khác"),
    ]


def test_gender_the_rules_need_is_still_refused_when_unknown():
    result = check(decision_date="15/03/2015", gender="Khác")
    assert [(p.column, p.message) for p in result.problems] == [
        ("Giới tính", "Khác không phải là giá trị hợp lệ")
    ]


def test_general_education_that_is_no_grade_is_left_out_with_a_warning():
    result = check(decision_date="15/03/2015", general_education="Bổ túc")
    assert result.ok and "general_education" not in result.values
    assert [w.message for w in result.warnings] == [
        "Bổ túc không phải lớp/hệ như 12/12: bỏ qua, hãy kiểm tra"
    ]


def test_words_the_administrator_adds_are_read_by_the_next_import(organisation):
    RosterWord.objects.create(column="occupation", written="Thợ may", value="worker")
    RosterWord.objects.create(column="youth_union_member", written="ĐVTN", value="yes")
    data = workbook_bytes(
        [
            ["Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"]
            + ["Nghề nghiệp", "Đoàn viên"],
            ["Lê Thị Mai", "035190000123", "Nữ", "01/04/1990", "Chi bộ số 1", "15/03/2015"]
            + ["THỢ MAY", "đvtn"],
        ]
    )
    plan = make_plan(read.read(data, filename="ds.xlsx"), organisation)
    (row,) = plan.rows
    assert row.values["occupation"] == "worker"
    assert row.values["youth_union_member"] is True


def test_a_roster_word_must_name_a_value_of_its_column(db):
    word = RosterWord(column="religion", written="Đạo ông bà", value="ancestor")
    with pytest.raises(ValidationError) as error:
        word.full_clean()
    assert "value" in error.value.message_dict


def test_reports_count_a_word_kept_as_typed_as_other():
    # admitted on, born, gender, ethnicity, religion, Youth Union, occupation, education,
    # professional level, political theory
    row = (date(2024, 5, 2), date(1994, 5, 3), "male", "Kinh", "Bà La Môn", False)
    counts = tally([(*row, "Thợ may", "12/12", "none", "none")]).counts
    assert counts["religion", "other"] == 1 and counts["occupation", "other"] == 1
    assert counts["age", (18, 30)] == 1 and counts["total"] == 1


def test_the_preview_shows_what_each_unusual_value_was_read_as(client, make_user, organisation):
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=organisation))
    header = ["Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"]
    data = workbook_bytes(
        [
            [*header, "Nghề nghiệp", "Tôn giáo"],
            ["Lê Thị Mai", "035190000123", "Nữ", "01/04/1990", "Chi bộ số 1", "15/03/2015"]
            + ["Bác sỹ", "Thiên chúa giáo"],
            ["Lê Thị Lan", "035190000124", "nữ", "01/05/1990", "Chi bộ số 1", "15/03/2015"]
            + ["Bác sỹ", "Không"],
        ]
    )
    response = client.post(
        reverse("recruitment:roster-import"),
        {"organisation": organisation.pk, "file": SimpleUploadedFile("ds.xlsx", data)},
    )
    preview = client.get(response.url)
    assert preview.context["result"].readings == [
        ("Nghề nghiệp", "Bác sỹ", "Bác sĩ, nhân viên y tế", 2),
        ("Tôn giáo", "Thiên chúa giáo", "Công giáo", 1),
    ]
    assert "Thiên chúa giáo" in preview.content.decode()


# --- 4. files as offices have them: .xls, .ods, the right sheet, hidden sheets --------------

XLS_ROWS = [
    ["ĐẢNG BỘ PHƯỜNG MINH KHAI"],
    ["STT", "Họ và tên", "Giới tính", "Số CCCD", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    [1, "Lê Thị Mai", "Nữ", 35190000123, "01/04/1990", "15/03/2015", "Chi bộ số 1"],
]


def xls_bytes(sheets):
    """An Excel 97–2003 workbook written by xlwt: (name, rows, hidden) per sheet."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows, hidden in sheets:
        sheet = book.add_sheet(name)
        sheet.visibility = 1 if hidden else 0
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows):
    """An OpenDocument spreadsheet written by odfpy."""
    document = OpenDocumentSpreadsheet()
    table = Table(name="Danh sách")
    for row in rows:
        line = TableRow()
        for value in row:
            if isinstance(value, int):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text="" if value is None else str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def test_an_xls_workbook_is_read_with_the_same_checks(organisation):
    data = xls_bytes([("Danh sach", XLS_ROWS, False)])
    roster = read.read(data, filename="danh-sach.xls")
    assert [(n, v["full_name"], v["citizen_id"]) for n, v in roster.rows] == [
        (4, "Lê Thị Mai", 35190000123)
    ]
    plan = make_plan(roster, organisation)
    (row,) = plan.rows
    assert row.values["citizen_id"] == "035190000123"  # its leading zero restored
    assert [w.column for w in row.warnings] == ["Số CCCD"]


def test_an_ods_spreadsheet_is_read_with_the_same_checks(organisation):
    data = ods_bytes(XLS_ROWS)
    roster = read.read(data, filename="danh-sach.ods")
    plan = make_plan(roster, organisation)
    assert plan.counts == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    assert plan.rows[0].values["decision_date"] == date(2015, 3, 15)


def test_hidden_sheets_are_ignored_and_the_roster_is_found_past_a_summary_sheet():
    summary = [["TỔNG HỢP"], ["Họ và tên", "Chi bộ"], ["Cộng", 1]]  # a header, short of columns
    hidden_roster = [XLS_ROWS[1], [2, "Ẩn Danh", "Nam", "035085000001", "02/01/1985"]]
    data = xls_bytes(
        [("Tong hop", summary, False), ("Cu", hidden_roster, True), ("Danh sach", XLS_ROWS, False)]
    )
    roster = read.read(data, filename="danh-sach.xls")
    assert (roster.sheet, roster.hidden_sheets) == ("Danh sach", ["Cu"])
    assert [v["full_name"] for _n, v in roster.rows] == ["Lê Thị Mai"]


def test_the_preview_says_which_sheets_were_hidden(client, make_user, organisation):
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=organisation))
    data = xls_bytes([("Cu", XLS_ROWS, True), ("Danh sach", XLS_ROWS, False)])
    response = client.post(
        reverse("recruitment:roster-import"),
        {"organisation": organisation.pk, "file": SimpleUploadedFile("ds.xls", data)},
    )
    page = client.get(response.url).content.decode()
    assert "Trang tính ẩn, không đọc: Cu" in page


# --- 6. the right organisation ------------------------------------------------------------


@pytest.fixture
def other(make_organisation, make_cell):
    lam_ha = make_organisation(code="LH", name="Đảng bộ phường Lam Hạ")
    make_cell(organisation=lam_ha, name="Chi bộ Tổ dân phố số 3")
    return lam_ha


def lam_ha_file(title="ĐẢNG BỘ PHƯỜNG LAM HẠ", cell="Chi bộ số 1"):
    return workbook_bytes(
        [
            [title],
            ["DANH SÁCH ĐẢNG VIÊN"],
            ["Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"],
            ["Lê Thị Mai", "035190000123", "Nữ", "01/04/1990", cell, "15/03/2015"],
        ]
    )


def roster_of(data):
    return read.read(data, filename="ds.xlsx")


def test_a_title_naming_another_organisation_points_to_it(organisation, other):
    assert other_organisation(organisation=organisation, roster=roster_of(lam_ha_file())) == other
    own = roster_of(lam_ha_file(title="ĐẢNG BỘ PHƯỜNG MINH KHAI - THÀNH PHỐ PHỦ LÝ"))
    assert other_organisation(organisation=organisation, roster=own) is None


def test_cells_of_another_organisation_point_to_it_when_no_title_names_one(organisation, other):
    file = lam_ha_file(title="DANH SÁCH ĐẢNG VIÊN", cell="Chi bộ Tổ dân phố số 3")
    assert other_organisation(organisation=organisation, roster=roster_of(file)) == other
    own = lam_ha_file(title="DANH SÁCH ĐẢNG VIÊN", cell="Chi bộ số 1")
    assert other_organisation(organisation=organisation, roster=roster_of(own)) is None


def test_the_preview_warns_and_the_import_needs_an_explicit_tick(
    client, make_user, organisation, other
):
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=organisation))
    response = client.post(
        reverse("recruitment:roster-import"),
        {"organisation": organisation.pk, "file": SimpleUploadedFile("ds.xlsx", lam_ha_file())},
    )
    preview = client.get(response.url)
    page = preview.content.decode()
    assert "danh sách của Đảng bộ phường Lam Hạ, không phải của Đảng bộ phường Minh Khai" in page
    fingerprint = preview.context["result"].fingerprint
    refused = client.post(response.url, {"fingerprint": fingerprint})
    assert refused.status_code == 200 and not Member.objects.exists()
    assert "hãy đánh dấu ô xác nhận" in refused.content.decode()
    done = client.post(response.url, {"fingerprint": fingerprint, "other_organisation": other.pk})
    assert done.status_code == 302
    assert Member.objects.get().cell.organisation == organisation


def test_the_command_refuses_another_organisations_file_unless_forced(
    organisation, other, tmp_path
):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(lam_ha_file())
    with pytest.raises(CommandError, match="LH"):
        call_command("import_roster", str(path), "--organisation", "MK")
    assert not Member.objects.exists()
    call_command("import_roster", str(path), "--organisation", "MK", "--force")
    assert Member.objects.get().cell.organisation == organisation


# --- 7. reconciliation --------------------------------------------------------------------


def test_the_preview_lists_members_absent_from_the_file_and_changes_none(
    client, make_user, organisation, make_member, make_organisation, make_cell
):
    first = organisation.cells.get(name="Chi bộ số 1")
    make_member(
        cell=first,
        citizen_id="035190000123",
        full_name="Lê Thị Mai",
        gender="female",
        date_of_birth=date(1990, 4, 1),
        decision_date=date(2015, 3, 15),
    )
    gone = make_member(cell=first, citizen_id="035085000777", full_name="Phạm Văn Vắng")
    make_member(
        cell=first,
        citizen_id="035085000778",
        full_name="Đã Chuyển Đi",
        status=Member.Status.TRANSFERRED_OUT,
    )
    make_member(cell=make_cell(organisation=make_organisation()), citizen_id="035085000779")
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=organisation))
    response = client.post(
        reverse("recruitment:roster-import"),
        {
            "organisation": organisation.pk,
            "file": SimpleUploadedFile("ds.xlsx", lam_ha_file(title="ĐẢNG BỘ PHƯỜNG MINH KHAI")),
        },
    )
    preview = client.get(response.url)
    assert [m.full_name for m in preview.context["absent"]] == ["Phạm Văn Vắng"]
    assert "Phạm Văn Vắng" in preview.content.decode()
    download = client.get(reverse("recruitment:roster-reconciliation", args=[token(response)]))
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    rows = [list(row) for row in book.active.iter_rows(min_row=5, values_only=True)]
    assert rows == [
        ["không đổi", 4, "Lê Thị Mai", "035190000123", "Chi bộ số 1", None],
        ["không có trong tệp", None, "Phạm Văn Vắng", "035085000777", "Chi bộ số 1", "Chính thức"],
    ]
    gone.refresh_from_db()
    assert gone.status == Member.Status.OFFICIAL


def test_the_reconciliation_of_another_organisations_upload_is_not_found(
    client, make_user, organisation, other
):
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=organisation))
    response = client.post(
        reverse("recruitment:roster-import"),
        {"organisation": organisation.pk, "file": SimpleUploadedFile("ds.xlsx", lam_ha_file())},
    )
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=other))
    download = client.get(reverse("recruitment:roster-reconciliation", args=[token(response)]))
    assert download.status_code == 404


def token(response):
    return response.url.rstrip("/").split("/")[-1]


# --- 5. legacy Vietnamese encodings -------------------------------------------------------

#: The roster as a .VnTime font stores it: "Họ và tên", "Giới tính", "Ngày sinh", "Chi bộ",
#: "Ngày vào Đảng", a name "Nguyễn Văn Thành", "Nam", "Chi bộ số 1".
TCVN3_ROWS = [
    ["§¶ng bé ph­êng Minh Khai"],
    ["Hä vµ tªn", "Sè CCCD", "Giíi tÝnh", "Ngµy sinh", "Chi bé", "Ngµy vµo §¶ng"],
    ["NguyÔn V¨n Thµnh", "035085000123", "Nam", "02/01/1985", "Chi bé sè 1", "15/03/2015"],
]


def test_a_roster_typed_in_tcvn3_is_converted_to_unicode_and_imported(
    organisation, committee_staff
):
    roster = read.read(workbook_bytes(TCVN3_ROWS), filename="ds.xlsx")
    assert roster.converted == {"TCVN3 (.VnTime)": 9}  # the title, 6 headers, 2 values
    ((number, values),) = roster.rows
    assert (values["full_name"], values["cell"]) == ("Nguyễn Văn Thành", "Chi bộ số 1")
    plan = make_plan(roster, organisation)
    assert plan.counts == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    apply_plan(
        roster,
        organisation,
        user=committee_staff,
        file_name="ds.xlsx",
        sha256=roster.sha256,
        expected=plan.fingerprint(),
    )
    assert Member.objects.get().full_name == "Nguyễn Văn Thành"


def test_tcvn3_values_under_a_unicode_header_are_converted_one_by_one():
    rows = [
        ["Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"],
        ["NguyÔn V¨n Thµnh", "035085000123", "Nam", "02/01/1985", "Chi bộ số 1", "15/03/2015"],
        ["Lê Thị Mai", "035190000124", "Nữ", "01/04/1990", "Chi bộ số 1", "15/03/2015"],
    ]
    roster = read.read(workbook_bytes(rows), filename="ds.xlsx")
    assert [values["full_name"] for _n, values in roster.rows] == [
        "Nguyễn Văn Thành",
        "Lê Thị Mai",
    ]
    assert roster.converted == {"TCVN3 (.VnTime)": 1}


def test_the_preview_names_the_legacy_encoding(client, make_user, organisation):
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=organisation))
    response = client.post(
        reverse("recruitment:roster-import"),
        {
            "organisation": organisation.pk,
            "file": SimpleUploadedFile("ds.xlsx", workbook_bytes(TCVN3_ROWS)),
        },
    )
    page = client.get(response.url).content.decode()
    assert "bảng mã cũ TCVN3 (.VnTime) và đã được chuyển sang Unicode" in page
    assert "NguyÔn" not in page and "Nguyễn Văn Thành" in page


# --- 8. the benchmark's roster is in the messy shape and reads whole ------------------------


def test_the_benchmarks_messy_roster_reads_whole_with_no_rejection(
    tmp_path, make_organisation, make_cell
):
    bench = make_organisation(code="BENCH", name="Đảng bộ phường Đo Hiệu Năng")
    for n in range(1, 11):
        make_cell(organisation=bench, name=f"Chi bộ số {n}")
    path = tmp_path / "so-danh-sach.xlsx"
    roster_import.write_messy_roster(path, 40)
    roster = read.read(path.read_bytes(), filename=path.name)
    assert len(roster.rows) == 40
    assert "cell" not in roster.columns  # the cells come from the section rows
    plan = make_plan(roster, bench, today=date(2026, 11, 29))
    assert plan.counts == {"new": 40, "updated": 0, "unchanged": 0, "rejected": 0}
    assert other_organisation(organisation=bench, roster=roster) is None
    lost_zeros = [w for row in plan.rows for w in row.warnings if w.column == "Số CCCD"]
    assert len(lost_zeros) == 40


#: The same roster as the VNI-Times fonts store it.
VNI_ROWS = [
    ["Ñaûng boä phöôøng Minh Khai"],
    ["Hoï vaø teân", "Soá CCCD", "Giôùi tính", "Ngaøy sinh", "Chi boä", "Ngaøy vaøo Ñaûng"],
    ["Nguyeãn Vaên Thaønh", "035085000123", "Nam", "02/01/1985", "Chi boä soá 1", "15/03/2015"],
]


def test_a_roster_typed_in_vni_is_converted_to_unicode():
    roster = read.read(workbook_bytes(VNI_ROWS), filename="ds.xlsx")
    assert roster.converted == {"VNI (VNI-Times)": 9}  # the title, 6 headers, 2 values
    ((_number, values),) = roster.rows
    assert (values["full_name"], values["cell"]) == ("Nguyễn Văn Thành", "Chi bộ số 1")
    assert roster.titles == ["Đảng bộ phường Minh Khai"]


@pytest.mark.parametrize(
    ("typed", "encoding", "unicode"),
    [
        ("Phaïm Thò Höông", "VNI (VNI-Times)", "Phạm Thị Hương"),
        ("TRÖÔØNG", "VNI (VNI-Times)", "TRƯỜNG"),
        ("Ph¹m ThÞ H­¬ng", "TCVN3 (.VnTime)", "Phạm Thị Hương"),
    ],
)
def test_a_name_in_a_legacy_encoding_under_a_unicode_header_is_converted(typed, encoding, unicode):
    rows = [
        ["Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"],
        [typed, "035190000124", "Nữ", "01/04/1990", "Chi bộ số 1", "15/03/2015"],
    ]
    roster = read.read(workbook_bytes(rows), filename="ds.xlsx")
    assert roster.rows[0][1]["full_name"] == unicode
    assert roster.converted == {encoding: 1}


def test_the_administrator_adds_a_roster_word_in_the_admin(admin_client):
    add = reverse("admin:recruitment_rosterword_add")
    refused = admin_client.post(add, {"column": "religion", "written": "Đạo ông bà", "value": "x"})
    assert refused.status_code == 200 and not RosterWord.objects.exists()
    done = admin_client.post(
        add, {"column": "occupation", "written": "Kinh doanh tự do", "value": "business_owner"}
    )
    assert done.status_code == 302
    assert RosterWord.objects.get().value == "business_owner"
    assert admin_client.get(reverse("admin:recruitment_rosterword_changelist")).status_code == 200


def test_a_word_kept_as_typed_longer_than_its_field_is_refused_not_cut():
    typed = "Thợ sửa chữa điện tử dân dụng tại nhà"  # 37 characters; the field holds 30
    result = check(decision_date="15/03/2015", occupation=typed)
    assert [(p.column, p.message) for p in result.problems] == [("Nghề nghiệp", "dài quá 30 ký tự")]
