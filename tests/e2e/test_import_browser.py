"""A grassroots clerk imports an Excel roster in the browser: upload → preview → confirm."""

import io
from datetime import date

import openpyxl
import pytest

from recruitment.models import ImportBatch, Member
from recruitment.roles import Role
from tests.test_roster_import import person, roster_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_clerk_uploads_previews_fixes_and_confirms_a_roster(
    page, live_server, log_in, make_user, make_organisation, make_cell, make_member, tmp_path
):
    organisation = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    first = make_cell(organisation=organisation, name="Chi bộ số 1")
    make_cell(organisation=organisation, name="Chi bộ số 2")
    make_member(
        cell=first,
        citizen_id="035085000001",
        gender="male",
        date_of_birth=date(1985, 1, 2),
        full_name="Trần Văn A",
        decision_date=date(2010, 3, 2),
        ceremony_date=date(2010, 3, 7),
        official_date=date(2011, 3, 7),
    )
    make_user(Role.GRASSROOTS_STAFF, organisation=organisation, username="coso.mk")
    log_in("coso.mk")

    # A file with a rejected row: the preview names it and there is no confirm button.
    bad = tmp_path / "danh-sach.xlsx"
    bad.write_bytes(roster_file(person(1, c5="Chi bộ số 2"), person(2), person(3, c4="12345")))
    page.click("#nav-imports")
    page.set_input_files("#id_file", str(bad))
    page.click("#submit")
    page.wait_for_selector("#import-counts")
    assert page.inner_text("#count-rejected") == "1"
    assert "Số CCCD" in page.inner_text("#rejected-rows")
    assert page.locator("#confirm").count() == 0

    # The corrected file: one update (with its change shown), one new member.
    good = tmp_path / "danh-sach-da-sua.xlsx"
    good.write_bytes(roster_file(person(1, c5="Chi bộ số 2"), person(2)))
    page.set_input_files("#id_file", str(good))
    page.click("text=Kiểm tra tệp")
    page.wait_for_selector("#confirm")
    assert (page.inner_text("#count-new"), page.inner_text("#count-updated")) == ("1", "1")
    assert "Chi bộ số 1" in page.inner_text("#updated-rows")
    assert "Chi bộ số 2" in page.inner_text("#updated-rows")
    assert not Member.objects.filter(citizen_id="035085000002").exists()

    page.click("#confirm")
    page.wait_for_selector("#batch")
    assert page.inner_text("#batch-new") == "1" and page.inner_text("#batch-updated") == "1"
    batch = ImportBatch.objects.get()
    assert batch.file_name == "danh-sach-da-sua.xlsx"
    assert Member.objects.get(citizen_id="035085000001").cell.name == "Chi bộ số 2"
    assert Member.objects.filter(cell__organisation=organisation).count() == 2


def test_clerk_downloads_the_reconciliation_with_the_members_absent_from_the_file(
    page, live_server, log_in, make_user, make_organisation, make_cell, make_member, tmp_path
):
    organisation = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    first = make_cell(organisation=organisation, name="Chi bộ số 1")
    make_member(cell=first, citizen_id="035085000777", full_name="Phạm Văn Vắng")
    make_user(Role.GRASSROOTS_STAFF, organisation=organisation, username="coso.mk")
    log_in("coso.mk")
    roster = tmp_path / "so-danh-sach.xlsx"
    roster.write_bytes(roster_file(person(1), person(2)))
    page.click("#nav-imports")
    page.set_input_files("#id_file", str(roster))
    page.click("#submit")
    page.wait_for_selector("#absent")
    assert "Phạm Văn Vắng" in page.inner_text("#absent")
    with page.expect_download() as download_info:
        page.click("#download-reconciliation")
    download = download_info.value
    assert download.suggested_filename == "so-danh-sach-doi-chieu.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()))
    outcomes = [row[0] for row in book.active.iter_rows(min_row=5, values_only=True)]
    assert outcomes == ["thêm mới", "thêm mới", "không có trong tệp"]
    assert Member.objects.get(citizen_id="035085000777").status == Member.Status.OFFICIAL
