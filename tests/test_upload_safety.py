"""No 500 and no personal data in the log for any file or value (forged zip sizes, NUL and
control characters, two organisations importing the same people at once), and the text
hygiene of imported and typed values (formulas after spaces, invisible characters, floods
of combining marks, only .xlsx, .xls, .ods and .csv, judged by content)."""

import logging
import threading
import time
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from recruitment.exports import safe_text
from recruitment.forms import MemberForm
from recruitment.models import ImportBatch, Member
from recruitment.roles import Role
from recruitment.roster.plan import ImportChanged
from recruitment.roster.read import RosterFileError
from recruitment.roster.service import roster_import, roster_read
from tests.support import hostile_files
from tests.test_roster_import import person, roster_file

pytestmark = pytest.mark.usefixtures("vietnamese")
#: The citizen ID of ``person(1)``.
CITIZEN_ID = "035085000001"


@pytest.fixture
def clerk(make_user, organisation, client):
    user = make_user(Role.GRASSROOTS_STAFF, organisation=organisation)
    client.force_login(user)
    return user


def post_file(client, organisation, data, name="ds.xlsx"):
    return client.post(
        reverse("recruitment:roster-import"),
        {"organisation": organisation.pk, "file": SimpleUploadedFile(name, data)},
    )


def preview_of(client, organisation, data, name="ds.xlsx"):
    response = post_file(client, organisation, data, name)
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(response.url), response.url


def inline_row(number: int, values: list[str]) -> str:
    """A sheet row of inline texts (which may hold what openpyxl refuses to write)."""
    cells = "".join(
        f'<c r="{"ABCDEFG"[i]}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def test_a_forged_zip_entry_size_is_a_clear_message(client, clerk, organisation):
    rows = [hostile_files.header_row(), inline_row(2, ["1", "Trần Văn A" * 50])]
    response = post_file(client, organisation, hostile_files.forged_size_xlsx(rows))
    assert response.status_code == 200
    (message,) = response.context["form"].errors["file"]
    assert "Tệp Excel bị hỏng: phần xl/worksheets/sheet1.xml khi giải nén không khớp" in message


@pytest.mark.parametrize("typed", ["Trần_x0000_Văn A", "Trần_x0001_Văn A", "Trần_x001B_Văn A"])
def test_a_control_character_is_refused_at_the_preview_naming_row_and_column(
    client, clerk, organisation, typed
):
    header = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Chi bộ", "Ngày vào Đảng"]
    values = ["1", typed, "Nam", "01/01/1985", CITIZEN_ID, "Chi bộ số 1", "01/03/2010"]
    data = hostile_files.minimal_xlsx([inline_row(1, header), inline_row(2, values)])
    preview, url = preview_of(client, organisation, data)
    (problem,) = preview.context["rejected"]
    assert (problem.row, problem.column) == (2, "Họ và tên")
    assert problem.message.startswith("chứa ký tự điều khiển vô hình (U+00")
    confirmed = client.post(url, {"fingerprint": preview.context["result"].fingerprint})
    assert confirmed.status_code == 200 and not Member.objects.exists()


def test_a_nul_in_a_csv_cell_is_that_rows_problem(client, clerk, organisation):
    text = (
        "STT;Họ và tên;Giới tính;Ngày sinh;Số CCCD;Chi bộ;Ngày vào Đảng\n"
        f"1;Trần\x00Văn A;Nam;01/01/1985;{CITIZEN_ID};Chi bộ số 1;01/03/2010\n"
    )
    preview, _url = preview_of(client, organisation, text.encode(), name="ds.csv")
    (problem,) = preview.context["rejected"]
    assert (problem.row, problem.column, problem.message) == (
        2,
        "Họ và tên",
        "chứa ký tự điều khiển vô hình (U+0000): hãy gõ lại giá trị này",
    )


def test_a_formula_after_spaces_is_refused_like_one_without(client, clerk, organisation):
    data = roster_file(person(1, c1=' =HYPERLINK("http://x","A")'), person(2, c1="\xa0@SUM(1)"))
    preview, _url = preview_of(client, organisation, data)
    messages = {(p.row, p.message) for p in preview.context["rejected"]}
    assert messages == {
        (4, "bắt đầu bằng '=', bảng tính sẽ coi là công thức"),
        (5, "bắt đầu bằng '@', bảng tính sẽ coi là công thức"),
    }


def test_an_export_escapes_a_formula_after_spaces():
    assert safe_text(' =HYPERLINK("http://x")') == '\' =HYPERLINK("http://x")'
    assert safe_text("Nguyễn Văn An") == "Nguyễn Văn An"


def test_bidi_and_zero_width_characters_are_removed_with_a_warning(client, clerk, organisation):
    data = roster_file(person(1, c1="Trần\u202eVăn A"), person(2, c1="Trần\u200b Văn B"))
    preview, url = preview_of(client, organisation, data)
    warnings = {(w.row, w.column, w.message) for w in preview.context["warnings"]}
    assert warnings == {
        (4, "Họ và tên", "đã xóa các ký tự định dạng vô hình (U+202E)"),
        (5, "Họ và tên", "đã xóa các ký tự định dạng vô hình (U+200B)"),
    }
    client.post(url, {"fingerprint": preview.context["result"].fingerprint})
    names = set(Member.objects.values_list("full_name", flat=True))
    assert names == {"TrầnVăn A", "Trần Văn B"}


def test_a_flood_of_combining_marks_is_refused(client, clerk, organisation):
    flood = "Tra\u0302\u0300" + "\u0301" * 40 + "n Văn A"
    data = roster_file(person(1, c1=flood), person(2, c1="Nguye\u0302\u0303n Văn B"))
    preview, _url = preview_of(client, organisation, data)
    (problem,) = preview.context["rejected"]
    assert (problem.row, problem.message) == (4, "có hơn 2 dấu trên một chữ cái")


def test_an_xlsm_is_refused_even_when_named_xlsx(client, clerk, organisation):
    for name in ("ds.xlsx", "ds.xlsm"):
        response = post_file(client, organisation, hostile_files.macro_xlsm(), name)
        (message,) = response.context["form"].errors["file"]
        if name == "ds.xlsm":
            assert message == "Hãy tải lên tệp Excel (.xlsx, .xls), tệp .ods hoặc tệp CSV."
        else:
            assert message.startswith("Tệp Excel có chứa macro (tệp .xlsm)")


def test_a_workbook_whose_content_types_are_not_a_workbooks_is_refused():
    data = hostile_files.minimal_xlsx(
        [hostile_files.header_row()], main="application/vnd.ms-word.document.main+xml"
    )
    with pytest.raises(RosterFileError, match=r"Tệp không phải là bảng tính Excel \(\.xlsx\)"):
        roster_read(data=data, file_name="ds.xlsx")


@pytest.mark.parametrize("name", ["ds.txt", "ds.xlsb", "ds.pdf", "ds"])
def test_only_the_four_kinds_are_accepted_by_name(name):
    with pytest.raises(RosterFileError, match="Hãy tải lên tệp Excel"):
        roster_read(data=roster_file(person(1)), file_name=name)


def test_staff_forms_refuse_control_invisible_and_formula_text(make_member, organisation):
    cells = organisation.cells.all()
    member = make_member(cell=cells[0], hometown="Phủ Lý", residence="Phủ Lý")
    base = {
        name: value
        for name, value in model_to_dict(member).items()
        if name in MemberForm._meta.fields and value is not None
    }
    base.update(date_of_birth=f"{member.date_of_birth:%d/%m/%Y}", version=member.version)
    assert MemberForm(base, cells=cells).is_valid()
    for field, value, message in [
        ("full_name", "Trần\x01Văn A", "chứa ký tự điều khiển vô hình (U+0001)"),
        ("hometown", "Phủ\u202eLý", "chứa ký tự định dạng vô hình"),
        ("residence", " =HYPERLINK(1)", "bắt đầu bằng '='"),
        ("full_name", "Tra\u0302\u0300\u0301\u0301n Văn A", "có hơn 2 dấu trên một chữ cái"),
    ]:
        form = MemberForm({**base, field: value}, cells=cells)
        assert not form.is_valid()
        assert any(message in error for error in form.errors[field]), form.errors
    form = MemberForm({**base, "full_name": "  Trần Văn A "}, cells=cells)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["full_name"] == "Trần Văn A"


# --- two organisations importing the same people at once -------------------------------------


def test_the_loser_of_a_race_is_told_to_preview_again_and_nothing_is_logged(
    client, clerk, organisation, make_organisation, make_cell, caplog
):
    """The other organisation's import writes the same citizen ID just before this one's
    rows go in (forced here by inserting it at the moment this import's insert runs): the
    database refuses it; the clerk is told, nothing is imported, no log line holds the ID."""
    other_cell = make_cell(organisation=make_organisation(code="KHAC", name="Đảng bộ khác"))
    preview, url = preview_of(client, organisation, roster_file(person(1), person(2)))
    inserted = []

    def other_import_first(execute, sql, params, many, context):
        if not inserted and sql.startswith('INSERT INTO "recruitment_member" '):
            inserted.append(True)
            Member.objects.create(
                cell=other_cell,
                full_name="Trần Văn A",
                gender="male",
                date_of_birth=date(1985, 1, 2),
                citizen_id=CITIZEN_ID,
                decision_date=date(2010, 3, 2),
            )
        return execute(sql, params, many, context)

    caplog.set_level(logging.DEBUG)
    with connection.execute_wrapper(other_import_first):
        if connection.vendor == "postgresql":
            pytest.skip("PostgreSQL copies the rows in: see the two-connection test")
        response = client.post(
            url, {"fingerprint": preview.context["result"].fingerprint}, follow=True
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Người khác vừa nhập một số người trong danh sách này" in page
    assert "Hãy xem trước lại tệp" in page
    assert not Member.objects.filter(cell__organisation=organisation).exists()
    assert not ImportBatch.objects.exists()
    assert CITIZEN_ID not in caplog.text and "35085000001" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_two_organisations_confirming_the_same_people_at_once(
    organisation, make_organisation, make_cell, committee_staff, caplog
):
    """Two connections (PostgreSQL): the other organisation's import has written the person
    and not yet committed when this one's rows go in; this one waits for it, then is told."""
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: PostgreSQL")
    other_cell = make_cell(organisation=make_organisation(code="KHAC", name="Đảng bộ khác"))
    roster = roster_read(data=roster_file(person(1)), file_name="ds.xlsx")
    written, done = threading.Event(), threading.Event()

    def other_import():
        try:
            with transaction.atomic():
                Member.objects.create(
                    cell=other_cell,
                    full_name="Trần Văn A",
                    gender="male",
                    date_of_birth=date(1985, 1, 2),
                    citizen_id=CITIZEN_ID,
                    decision_date=date(2010, 3, 2),
                )
                written.set()
                time.sleep(1)
        finally:
            connection.close()
            done.set()

    caplog.set_level(logging.DEBUG)
    thread = threading.Thread(target=other_import)
    thread.start()
    assert written.wait(10)
    with pytest.raises(ImportChanged) as error:
        roster_import(
            user=committee_staff, organisation=organisation, roster=roster, file_name="ds.xlsx"
        )
    thread.join()
    assert str(error.value).startswith("Người khác vừa nhập một số người trong danh sách này")
    assert Member.objects.get().cell == other_cell
    assert CITIZEN_ID not in caplog.text
