"""The list exports (as filtered and sorted, real dates, formula-safe, citizen IDs as text, in
scope, logged) and the central new-member statistics form (Biểu 2) against the dashboard."""

import io
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from recruitment import stats
from recruitment.models import Organisation, ProcessingRecord
from recruitment.roles import Role
from recruitment.states import Stage
from tests.pipeline import LOGGED

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_rows(response) -> list[list]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def two_organisations(make_organisation, make_cell, make_member, make_candidate):
    mine = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    theirs = make_organisation(code="LC", name="Đảng bộ phường Liêm Chính")
    cell = make_cell(organisation=mine, name="Chi bộ số 1")
    make_member(
        cell=cell,
        full_name='=HYPERLINK("http://x")',
        date_of_birth=date(1988, 4, 2),
        citizen_id="035188000123",
        gender="male",
        decision_date=date(2010, 5, 19),
    )
    make_member(cell=cell, full_name="An Văn Bình", decision_date=date(2012, 1, 3))
    make_member(cell=make_cell(organisation=theirs), full_name="Bùi Thị Cúc")
    make_candidate(cell=cell, full_name="Đỗ Văn Em", stage=Stage.APPLIED)
    make_candidate(cell=cell, full_name="Cao Thị Dung", stage=Stage.SOURCE)
    make_candidate(cell=make_cell(organisation=theirs), full_name="Hà Văn Gia")
    return mine, theirs


def test_member_list_export_as_filtered_and_sorted(client, committee_staff, two_organisations):
    mine, _theirs = two_organisations
    client.force_login(committee_staff)
    rows = workbook_rows(
        client.get(reverse("recruitment:member-list-xlsx"), {"organisation": mine.pk})
    )
    header, *body = rows
    assert header[:4] == ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD"]
    # Vietnamese order: "An" before the name that starts with "=" (kept as text, not run).
    names = [row[0] for row in body]
    assert names == ["An Văn Bình", '\'=HYPERLINK("http://x")']
    row = body[1]
    assert row[2] == datetime(1988, 4, 2)
    assert row[3] == "035188000123"
    assert row[header.index("Ngày quyết định kết nạp")] == datetime(2010, 5, 19)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("recruitment:member-list-xlsx")).content)
    ).active
    assert sheet["D2"].number_format == "@" and sheet["C2"].number_format == "DD/MM/YYYY"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_candidate_list_export_follows_the_filters_and_the_scope(
    client, make_user, two_organisations
):
    mine, _theirs = two_organisations
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=mine)
    client.force_login(clerk)
    url = reverse("recruitment:candidate-list-xlsx")
    _header, *body = workbook_rows(client.get(url))
    assert [row[0] for row in body] == ["Cao Thị Dung", "Đỗ Văn Em"]
    _header, *body = workbook_rows(client.get(url, {"stage": Stage.APPLIED}))
    assert [row[0] for row in body] == ["Đỗ Văn Em"]
    # Another organisation's members are not in the clerk's export either.
    _header, *body = workbook_rows(client.get(reverse("recruitment:member-list-xlsx")))
    assert "Bùi Thị Cúc" not in [row[0] for row in body] and len(body) == 2
    logged = ProcessingRecord.objects.filter(user=clerk, action="export").order_by("id")
    assert [entry.count for entry in logged] == [2, 1, 2]


def test_list_exports_query_counts_do_not_grow_with_rows(
    client, committee_staff, two_organisations, make_candidate, django_assert_num_queries
):
    client.force_login(committee_staff)
    # 1 session, 2 user, 3 staff profile, 4 the candidates with cell and organisation, 5 their
    # stage records, 6-7 the processing record (the last record's hash, the insert; LOGGED
    # more on PostgreSQL); 8-10 the session saved (savepoint, update, release). (No
    # organisation or cell chosen: the filter form reads neither list.)
    url = reverse("recruitment:candidate-list-xlsx") + "?stage="
    with django_assert_num_queries(10 + LOGGED):
        client.get(url)
    for _ in range(3):
        make_candidate(cell=Organisation.objects.get(code="MK").cells.first())
    with django_assert_num_queries(10 + LOGGED):
        client.get(url)
    # The same less the stage records.
    with django_assert_num_queries(9 + LOGGED):
        client.get(reverse("recruitment:member-list-xlsx") + "?status=")


# --- the statistics form on the demo committee ---------------------------------------------


@pytest.fixture
def head(demo_committee, db, client):
    client.force_login(get_user_model().objects.get(username="truongban"))
    return client


def form_lines(response) -> dict:
    rows = workbook_rows(response)
    start = next(i for i, row in enumerate(rows) if row[0] == "STT")
    assert rows[start] == ["STT", "Nhóm", "Chỉ tiêu thống kê", "Kỳ này", "Cùng kỳ năm trước", "%"]
    return {(row[1], row[2]): row[3:] for row in rows[start + 1 :]}


def test_statistics_form_of_2023_gives_the_published_figures_and_the_dashboards(head):
    response = head.get(
        reverse("recruitment:statistics-form"), {"start": "01/01/2023", "end": "31/12/2023"}
    )
    lines = form_lines(response)
    # The published figures: 201 admitted in 2023 (102 in 2022), 146 Youth Union members.
    assert lines[("Tổng số", "Kết nạp đảng viên mới")] == [201, 102, 197.1]
    assert lines[("Tổng số", "Đoàn viên")][0] == 146
    # Every line equals the dashboard's composition of 2023 seen at its year end.
    board = stats.dashboard(year=2023, as_of=date(2023, 12, 31))
    for line in board.composition:
        assert lines[(line["group"], line["label"])][:2] == [line["value"], line["last_year"]]
    assert len(lines) == len(board.composition)


def test_statistics_form_of_the_snapshot_period_and_of_one_organisation(head):
    url = reverse("recruitment:statistics-form")
    lines = form_lines(head.get(url, {"start": "01/01/2024", "end": "26/03/2024"}))
    # The dashboard of 26/03/2024: 47 admitted, 33 in the same period of 2023.
    assert lines[("Tổng số", "Kết nạp đảng viên mới")] == [47, 33, 142.4]
    organisation = Organisation.objects.get(code="CS05")
    lines = form_lines(
        head.get(
            url,
            {"start": "01/01/2024", "end": "26/03/2024", "organisation": organisation.pk},
        )
    )
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26), organisation=organisation)
    assert lines[("Tổng số", "Kết nạp đảng viên mới")][0] == board.admitted.value == 1
    for line in board.composition:
        assert lines[(line["group"], line["label"])][:2] == [line["value"], line["last_year"]]


def test_statistics_form_refuses_a_period_that_ends_before_it_starts(head):
    response = head.get(
        reverse("recruitment:statistics-form"), {"start": "31/12/2023", "end": "01/01/2023"}
    )
    assert response.status_code == 200
    assert "Kỳ báo cáo kết thúc (01/01/2023) trước khi bắt đầu (31/12/2023)." in (
        response.content.decode()
    )


# --- the member list book and the scope of the forms ---------------------------------------


def test_member_book_of_an_organisation(
    client, make_user, two_organisations, make_cell, make_member, django_assert_num_queries
):
    mine, theirs = two_organisations
    second = make_cell(organisation=mine, name="Chi bộ số 2")
    make_member(cell=second, full_name="Âu Thị Ánh", decision_date=date(2019, 6, 30))
    make_member(cell=second, full_name="Lý Văn Xuất", status="struck_off", official_date=None)
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=mine)
    client.force_login(clerk)
    url = reverse("recruitment:member-book")
    # 1 session, 2 user, 3 staff profile, 4 the organisation chosen (form validation), 5 the
    # members with cell and organisation, 6 the organisation's parent that day and 7 that
    # committee (the heading's upper line and place), 8-9 the processing record (LOGGED more
    # on PostgreSQL), 10 the organisations and 11 the cells of the form's choices; 12-14 the
    # session saved.
    with django_assert_num_queries(14 + LOGGED):
        response = client.get(url, {"organisation": mine.pk})
    names = [member.full_name for member in response.context["members"]]
    # By cell, then by name in Vietnamese order; active members only.
    assert names == ["An Văn Bình", '=HYPERLINK("http://x")', "Âu Thị Ánh"]
    content = response.content.decode()
    assert "ĐẢNG ỦY PHƯỜNG MINH KHAI" in content and "ĐẢNG BỘ THÀNH PHỐ PHỦ LÝ" in content
    assert "30/06/2019" in content  # "Ngày vào Đảng": the decision date
    assert content.count("<th") >= 14
    assert ProcessingRecord.objects.get(user=clerk).count == 3
    # Another organisation, or another organisation's cell: 404.
    assert client.get(url, {"organisation": theirs.pk}).status_code == 404
    assert client.get(url, {"cell": theirs.cells.first().pk}).status_code == 404
    # Without a choice: the form only.
    response = client.get(url)
    assert response.status_code == 200 and response.context["members"] == []


def test_statistics_form_is_of_the_users_own_organisation(client, make_user, two_organisations):
    mine, theirs = two_organisations
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=mine))
    url = reverse("recruitment:statistics-form")
    period = {"start": "01/01/2010", "end": "31/12/2010"}
    assert client.get(url, {**period, "organisation": theirs.pk}).status_code == 404
    lines = form_lines(client.get(url, period))
    # The clerk's organisation admitted one member in 2010 (19/05/2010), nobody in 2009.
    assert lines[("Tổng số", "Kết nạp đảng viên mới")][:2] == [1, 0]
