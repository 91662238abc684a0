"""The roster import as a clerk uses it: the import page (upload → preview → confirm →
result), the rejected rows to fix, the history, the template and the export, and the admin
import on the same resource. Real .xlsx files built by the tests."""

import io
import os
import time
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from recruitment.models import ImportBatch, Member, ProcessingRecord
from recruitment.roles import Role
from recruitment.roster.columns import COLUMNS
from recruitment.roster.read import read
from tests.pipeline import LOGGED
from tests.test_roster_import import official_before_held_ceremony, person, roster_file
from tests.test_roster_read import cp1258

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def clerk(make_user, organisation, client):
    user = make_user(Role.GRASSROOTS_STAFF, organisation=organisation)
    client.force_login(user)
    return user


def upload(client, data, organisation, name="ds.xlsx", **extra):
    return client.post(
        reverse("recruitment:roster-import"),
        {"organisation": organisation.pk, "file": SimpleUploadedFile(name, data), **extra},
    )


def uploads_on_disk(directory) -> list[str]:
    return sorted(os.listdir(directory)) if os.path.isdir(directory) else []


def token_of(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url.rstrip("/").split("/")[-1]


def sheet_rows(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return book, book.active


def test_upload_preview_confirm_result(client, clerk, organisation, roster_uploads):
    token = token_of(upload(client, roster_file(person(1), person(2)), organisation))
    assert uploads_on_disk(roster_uploads) == [token]
    preview = client.get(reverse("recruitment:roster-preview", args=[token]))
    page = preview.content.decode()
    assert preview.context["counts"] == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    assert "Trần Văn A" in page and 'id="confirm"' in page
    assert not Member.objects.exists()  # a preview writes nothing

    confirmed = client.post(
        reverse("recruitment:roster-preview", args=[token]),
        {"fingerprint": preview.context["result"].fingerprint},
    )
    batch = ImportBatch.objects.get()
    assert confirmed.url == reverse("recruitment:roster-batch", args=[batch.pk])
    assert Member.objects.count() == 2
    assert (batch.created, batch.imported_by, batch.organisation) == (2, clerk, organisation)
    assert uploads_on_disk(roster_uploads) == []  # the file is deleted after the import
    result = client.get(confirmed.url).content.decode()
    assert batch.sha256 in result and "ds.xlsx" in result
    # The member's history says who imported it, and from which file.
    record = Member.objects.get(citizen_id="035085000001").history.get()
    assert record.history_user == clerk and "ds.xlsx" in record.history_change_reason


def test_preview_shows_each_rejected_row_and_blocks_the_confirm(
    client, clerk, organisation, roster_uploads
):
    data = roster_file(person(1), person(2, c4="3.5E+11"), person(3, c3="31/02/1990"))
    token = token_of(upload(client, data, organisation))
    preview = client.get(reverse("recruitment:roster-preview", args=[token]))
    page = preview.content.decode()
    assert preview.context["counts"]["rejected"] == 2
    assert 'id="confirm"' not in page
    rejected = {(p.row, p.column) for p in preview.context["rejected"]}
    assert rejected == {(5, "Số CCCD"), (6, "Ngày sinh")}
    assert "số mũ" in page  # "written in scientific notation", in Vietnamese
    # Confirming anyway writes nothing and says so.
    response = client.post(
        reverse("recruitment:roster-preview", args=[token]),
        {"fingerprint": preview.context["result"].fingerprint},
        follow=True,
    )
    assert not Member.objects.exists()
    assert "Không có gì được nhập" in response.content.decode()


def test_rejected_rows_download_then_fixed_file_imports(client, clerk, organisation):
    data = roster_file(person(1), person(2, c4="3.5E+11"))
    token = token_of(upload(client, data, organisation))
    response = client.get(reverse("recruitment:roster-rejected", args=[token]))
    assert response["Content-Type"] == XLSX
    book, sheet = sheet_rows(response.content)
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows[3]
    assert header[0] == "Dòng trong tệp" and header[-1] == "Lý do"
    assert [row[0] for row in rows[4:]] == [5]  # only the rejected row, by its number
    assert "Số CCCD" in rows[4][-1]
    cid_column = header.index("Số CCCD") + 1
    assert sheet.cell(row=5, column=cid_column).number_format == "@"
    # Fixed in Excel and uploaded again (replacing the previewed file).
    sheet.cell(row=5, column=cid_column).value = "035085000002"
    fixed = io.BytesIO()
    book.save(fixed)
    second = token_of(upload(client, fixed.getvalue(), organisation, replaces=token))
    preview = client.get(reverse("recruitment:roster-preview", args=[second]))
    assert preview.context["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    assert "Dòng trong tệp" in preview.context["result"].info["ignored"]
    assert client.get(reverse("recruitment:roster-preview", args=[token])).status_code == 404


def test_updated_rows_show_their_changes(client, clerk, organisation):
    token = token_of(upload(client, roster_file(person(1)), organisation))
    fingerprint = (
        client.get(reverse("recruitment:roster-preview", args=[token]))
        .context["result"]
        .fingerprint
    )
    client.post(reverse("recruitment:roster-preview", args=[token]), {"fingerprint": fingerprint})
    changed = roster_file(person(1, c5="Chi bộ số 2", c1="Trần Văn Á"))
    token = token_of(upload(client, changed, organisation))
    preview = client.get(reverse("recruitment:roster-preview", args=[token]))
    assert preview.context["counts"]["updated"] == 1
    ((_row, lines),) = preview.context["updated"]
    assert ("Chi bộ", "Chi bộ số 1", "Chi bộ số 2") in lines
    assert ("Họ và tên", "Trần Văn A", "Trần Văn Á") in lines
    fingerprint = preview.context["result"].fingerprint
    client.post(reverse("recruitment:roster-preview", args=[token]), {"fingerprint": fingerprint})
    member = Member.objects.get(citizen_id="035085000001")
    assert (member.full_name, member.name_key, member.version) == ("Trần Văn Á", "tran van a", 2)
    latest = member.history.first()  # the change is in the member's history, by the clerk
    assert (latest.history_type, latest.history_user, latest.cell.name) == (
        "~",
        clerk,
        "Chi bộ số 2",
    )


def test_members_changing_after_the_preview_stop_the_confirm(
    client, clerk, organisation, make_member, make_cell
):
    token = token_of(upload(client, roster_file(person(1), person(2)), organisation))
    fingerprint = (
        client.get(reverse("recruitment:roster-preview", args=[token]))
        .context["result"]
        .fingerprint
    )
    # Someone enters member 2 by hand in the meantime.
    make_member(
        cell=organisation.cells.get(name="Chi bộ số 1"),
        citizen_id="035085000002",
        gender="male",
        date_of_birth=date(1985, 1, 3),
        full_name="Trần Văn B",
    )
    response = client.post(
        reverse("recruitment:roster-preview", args=[token]),
        {"fingerprint": fingerprint},
        follow=True,
    )
    page = response.content.decode()
    assert Member.objects.count() == 1 and not ImportBatch.objects.exists()
    assert "thay đổi" in page and "Không có gì được nhập" in page
    assert response.context["counts"]["updated"] + response.context["counts"]["unchanged"] == 1


def test_cancel_and_abandoned_previews_delete_the_file(
    client, clerk, organisation, roster_uploads, settings
):
    token = token_of(upload(client, roster_file(person(1)), organisation))
    client.post(reverse("recruitment:roster-cancel", args=[token]))
    assert uploads_on_disk(roster_uploads) == []
    abandoned = token_of(upload(client, roster_file(person(1)), organisation))
    old = time.time() - settings.ROSTER_UPLOAD_MAX_AGE - 60
    os.utime(roster_uploads / abandoned, (old, old))
    fresh = token_of(upload(client, roster_file(person(2)), organisation))
    assert uploads_on_disk(roster_uploads) == [fresh]
    response = client.get(reverse("recruitment:roster-preview", args=[abandoned]), follow=True)
    assert "tải lên lại" in response.content.decode()


def test_log_out_deletes_the_sessions_uploads(client, clerk, organisation, roster_uploads):
    first = token_of(upload(client, roster_file(person(1)), organisation))
    second = token_of(upload(client, roster_file(person(2)), organisation))
    assert sorted(uploads_on_disk(roster_uploads)) == sorted([first, second])
    client.post(reverse("logout"))
    assert uploads_on_disk(roster_uploads) == []


def test_abandoned_uploads_are_swept_by_the_page_and_the_command(
    client, clerk, organisation, roster_uploads, settings
):
    abandoned = token_of(upload(client, roster_file(person(1)), organisation))
    kept = token_of(upload(client, roster_file(person(2)), organisation))
    old = time.time() - settings.ROSTER_UPLOAD_MAX_AGE - 60
    os.utime(roster_uploads / abandoned, (old, old))
    client.get(reverse("recruitment:roster-import"))  # opening the page sweeps
    assert uploads_on_disk(roster_uploads) == [kept]
    os.utime(roster_uploads / kept, (old, old))
    out = io.StringIO()
    call_command("sweep_roster_uploads", stdout=out)
    assert uploads_on_disk(roster_uploads) == []
    assert out.getvalue().startswith("1 ")


def test_unreadable_files_are_refused_at_upload(
    client, clerk, organisation, roster_uploads, settings
):
    response = upload(client, b"%PDF-1.4 not a roster", organisation, name="ds.xlsx")
    assert "không phải là bảng tính Excel" in response.content.decode()
    settings.ROSTER_MAX_BYTES = 1000
    response = upload(client, roster_file(person(1)), organisation)
    assert "vượt giới hạn" in response.content.decode()
    assert uploads_on_disk(roster_uploads) == []


def test_a_clerk_imports_only_into_their_own_organisation(
    client, clerk, organisation, make_organisation, make_user
):
    other = make_organisation(code="LH", name="Đảng bộ phường Lam Hạ")
    form = client.get(reverse("recruitment:roster-import")).context["form"]
    assert list(form.fields["organisation"].queryset) == [organisation]
    response = upload(client, roster_file(person(1)), other)
    assert response.status_code == 200 and response.context["form"].errors["organisation"]
    # Another user's upload is not reachable with its name.
    token = token_of(upload(client, roster_file(person(1)), organisation))
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=other))
    assert client.get(reverse("recruitment:roster-preview", args=[token])).status_code == 404
    assert client.get(reverse("recruitment:roster-rejected", args=[token])).status_code == 404
    assert client.post(reverse("recruitment:roster-cancel", args=[token])).status_code == 404


def test_the_board_head_cannot_import(client, board_head, organisation):
    client.force_login(board_head)
    assert client.get(reverse("recruitment:roster-import")).status_code == 403
    assert upload(client, roster_file(person(1)), organisation).status_code == 403


def test_history_lists_who_imported_what_where(
    client, clerk, organisation, make_organisation, committee_staff
):
    other = make_organisation(code="LH", name="Đảng bộ phường Lam Hạ")
    mine = ImportBatch.objects.create(
        organisation=organisation,
        imported_by=clerk,
        file_name="mk.xlsx",
        sha256="a" * 64,
        status="applied",
        created=3,
    )
    ImportBatch.objects.create(
        organisation=other,
        imported_by=committee_staff,
        file_name="lh.xlsx",
        sha256="b" * 64,
        status="applied",
        created=4,
    )
    page = client.get(reverse("recruitment:roster-history")).content.decode()
    assert "mk.xlsx" in page and "lh.xlsx" not in page
    assert client.get(reverse("recruitment:roster-batch", args=[mine.pk])).status_code == 200
    others = ImportBatch.objects.get(file_name="lh.xlsx")
    assert client.get(reverse("recruitment:roster-batch", args=[others.pk])).status_code == 404
    client.force_login(committee_staff)
    page = client.get(reverse("recruitment:roster-history")).content.decode()
    assert "mk.xlsx" in page and "lh.xlsx" in page and clerk.username in page


def test_template_has_the_headers_and_a_text_citizen_id_column(client, clerk, organisation):
    response = client.get(reverse("recruitment:roster-template"))
    book, sheet = sheet_rows(response.content)
    header = [cell.value for cell in sheet[4]]
    assert header == ["STT", *(column.header for column in COLUMNS)]
    cid_column = header.index("Số CCCD") + 1
    assert sheet.cell(row=5, column=cid_column).number_format == "@"
    assert sheet["A1"].value == "ĐẢNG BỘ PHƯỜNG MINH KHAI"
    # Filled in as a clerk would (the ID typed into the text column) it imports.
    values = {
        "Họ và tên": "Lê Thị Mai",
        "Số CCCD": "035190000123",
        "Giới tính": "Nữ",
        "Ngày sinh": date(1990, 4, 1),
        "Chi bộ": "Chi bộ số 1",
        "Ngày vào Đảng": date(2015, 5, 1),
        "Ngày tổ chức lễ kết nạp": date(2015, 5, 19),
    }
    for name, value in values.items():
        sheet.cell(row=5, column=header.index(name) + 1).value = value
    filled = io.BytesIO()
    book.save(filled)
    token = token_of(upload(client, filled.getvalue(), organisation))
    preview = client.get(reverse("recruitment:roster-preview", args=[token]))
    assert preview.context["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 0}


def test_export_escapes_formulas_keeps_dates_and_imports_back_unchanged(
    client, clerk, organisation, make_member
):
    make_member(
        cell=organisation.cells.get(name="Chi bộ số 1"),
        citizen_id="035085000001",
        gender="male",
        date_of_birth=date(1985, 1, 2),
        full_name="Trần Văn A",
        hometown='=HYPERLINK("http://x")',
        residence="@SUM(1)",
        decision_date=date(2010, 3, 2),
        ceremony_date=date(2010, 3, 7),
    )
    response = client.get(reverse("recruitment:roster-export", args=[organisation.pk]))
    book, sheet = sheet_rows(response.content)
    header = [cell.value for cell in sheet[4]]
    row = dict(zip(header, sheet[5], strict=True))
    assert row["Quê quán"].value == '\'=HYPERLINK("http://x")'
    assert row["Nơi thường trú"].value == "'@SUM(1)"
    assert row["Quê quán"].data_type == "s"
    assert row["Ngày sinh"].is_date and row["Ngày sinh"].number_format == "DD/MM/YYYY"
    assert row["Số CCCD"].value == "035085000001" and row["Số CCCD"].number_format == "@"
    assert not any(
        isinstance(cell.value, str) and cell.value.startswith("=")
        for cells in sheet.iter_rows()
        for cell in cells
    )
    # The export of members without formula-like text imports back as unchanged.
    Member.objects.update(hometown="Phủ Lý", residence="Minh Khai")
    response = client.get(reverse("recruitment:roster-export", args=[organisation.pk]))
    token = token_of(upload(client, response.content, organisation))
    preview = client.get(reverse("recruitment:roster-preview", args=[token]))
    assert preview.context["counts"] == {"new": 0, "updated": 0, "unchanged": 1, "rejected": 0}


def test_export_of_another_organisation_is_refused(client, clerk, make_organisation):
    other = make_organisation(code="LH")
    assert client.get(reverse("recruitment:roster-export", args=[other.pk])).status_code == 404


def test_the_roster_as_held_is_offered_on_the_import_and_member_pages(
    client, clerk, organisation, make_organisation
):
    other = make_organisation(code="LH")
    export = reverse("recruitment:roster-export", args=[organisation.pk])
    page = client.get(reverse("recruitment:roster-import")).content.decode()
    assert 'id="export-roster"' in page and "Danh sách đang lưu" in page
    choice = reverse("recruitment:roster-export-choice")
    response = client.get(choice, {"export-organisation": organisation.pk})
    assert response.status_code == 302 and response["Location"] == export
    assert client.get(choice, {"export-organisation": other.pk}).status_code == 404
    assert client.get(choice).status_code == 404
    # The clerk's member list links to the same export.
    members = client.get(reverse("recruitment:member-list")).content.decode()
    assert f'href="{export}"' in members and "Xuất danh sách" in members


# --- the admin import ---------------------------------------------------------------------


def admin_upload(client, data, organisation, name="ds.xlsx"):
    return client.post(
        reverse("admin:recruitment_member_import"),
        {
            "resource": "0",
            "format": "0",
            "organisation": organisation.pk,
            "import_file": SimpleUploadedFile(name, data),
        },
    )


def test_admin_import_previews_then_confirms(client, committee_staff, organisation):
    client.force_login(committee_staff)
    preview = admin_upload(client, roster_file(person(1), person(2)), organisation)
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    assert confirm is not None and preview.context["result"].totals["new"] == 2
    assert not Member.objects.exists()
    response = client.post(
        reverse("admin:recruitment_member_process_import"),
        {name: confirm.initial.get(name, "") for name in confirm.fields},
        follow=True,
    )
    assert response.status_code == 200
    assert Member.objects.count() == 2
    assert ImportBatch.objects.get().imported_by == committee_staff


def test_admin_import_rejected_rows_block_the_confirm(client, committee_staff, organisation):
    client.force_login(committee_staff)
    preview = admin_upload(client, roster_file(person(1), person(2, c4="123")), organisation)
    assert preview.context.get("confirm_form") is None
    ((invalid),) = preview.context["result"].invalid_rows
    assert invalid.number == 5 and "Số CCCD" in invalid.field_specific_errors
    page = preview.content.decode()
    assert "<td>5</td><td>Số CCCD</td><td>phải gồm đúng 12 chữ số, không phải 3</td>" in page


def test_admin_import_stops_when_members_changed(client, committee_staff, organisation):
    client.force_login(committee_staff)
    preview = admin_upload(client, roster_file(person(1)), organisation)
    confirm = preview.context["confirm_form"]
    roster = read(roster_file(person(1, c1="Tên khác")), filename="x.xlsx")
    from recruitment.roster.plan import apply_plan

    apply_plan(roster, organisation, user=committee_staff, file_name="x", sha256="x")
    response = client.post(
        reverse("admin:recruitment_member_process_import"),
        {name: confirm.initial.get(name, "") for name in confirm.fields},
        follow=True,
    )
    assert "Không có gì được nhập" in response.content.decode()
    assert Member.objects.get().full_name == "Tên khác"
    assert ImportBatch.objects.count() == 1


def test_admin_import_offers_only_the_clerks_organisation(
    client, clerk, organisation, make_organisation
):
    other = make_organisation(code="LH")
    response = admin_upload(client, roster_file(person(1)), other)
    assert response.context["form"].errors["organisation"]
    assert not Member.objects.exists()


def test_a_csv_roster_goes_through_the_same_pages(client, clerk, organisation):
    text = (
        "DANH SÁCH ĐẢNG VIÊN\n"
        "STT;Họ và tên;Giới tính;Ngày sinh;Số CCCD;Chi bộ;Ngày quyết định kết nạp\n"
        "1;Trần Văn A;Nam;02/01/1985;035085000001;Chi bộ số 1;02/03/2010\n"
    )
    token = token_of(upload(client, cp1258(text), organisation, name="ds.csv"))
    preview = client.get(reverse("recruitment:roster-preview", args=[token]))
    assert preview.context["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    client.post(
        reverse("recruitment:roster-preview", args=[token]),
        {"fingerprint": preview.context["result"].fingerprint},
    )
    member = Member.objects.get()
    assert (member.full_name, member.date_of_birth) == ("Trần Văn A", date(1985, 1, 2))


# --- queries --------------------------------------------------------------------------------


def test_export_query_count_does_not_grow_with_members(
    client, clerk, organisation, make_member, django_assert_num_queries
):
    export = reverse("recruitment:roster-export", args=[organisation.pk])
    cells = list(organisation.cells.all())
    for count in (1, 6):
        while Member.objects.count() < count:
            make_member(cell=cells[Member.objects.count() % 2])
        # 1 session, 2 user, 3 staff profile (role), 4 the organisation (among those the user
        # sees), 5 the members with their cells, 6-7 the processing record of the export
        # (LOGGED); 8-10 the session saved (savepoint, update, release) to extend it.
        with django_assert_num_queries(10 + LOGGED):
            response = client.get(export)
        _book, sheet = sheet_rows(response.content)
        assert sheet.max_row == 4 + count


def test_history_and_batch_query_counts_do_not_grow_with_imports(
    client, clerk, organisation, django_assert_num_queries
):
    history = reverse("recruitment:roster-history")
    for count in (1, 4):
        while ImportBatch.objects.count() < count:
            batch = ImportBatch.objects.create(
                organisation=organisation,
                imported_by=clerk,
                file_name=f"{ImportBatch.objects.count()}.xlsx",
                sha256="a" * 64,
                status="applied",
                created=3,
            )
        # 1 session, 2 user, 3 staff profile (role), 4 the imports counted (for the pages),
        # 5 the page of imports with their organisations and importers; 6-8 the session
        # saved (savepoint, update, release) to extend it.
        with django_assert_num_queries(8):
            response = client.get(history)
        assert len(response.context["page"]) == count
        # 1 session, 2 user, 3 staff profile (role), 4 the import with its organisation and
        # importer (if the user sees the organisation); 5-7 the session saved.
        with django_assert_num_queries(7):
            response = client.get(reverse("recruitment:roster-batch", args=[batch.pk]))
        assert response.context["batch"] == batch


def test_a_row_the_database_refuses_is_a_message_not_a_500(
    client, clerk, organisation, make_member
):
    """The database refuses a row at the confirm (see ``official_before_held_ceremony``)."""
    held, data = official_before_held_ceremony(organisation, make_member)
    token = token_of(upload(client, data, organisation))
    url = reverse("recruitment:roster-preview", args=[token])
    preview = client.get(url)
    response = client.post(url, {"fingerprint": preview.context["result"].fingerprint})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cơ sở dữ liệu từ chối một dòng" in page and "035085000002" not in page
    assert list(Member.objects.values_list("citizen_id", flat=True)) == ["035085000002"]
    held.refresh_from_db()
    assert held.official_date == date(2011, 3, 8)
    assert not ImportBatch.objects.exists()


def test_a_preview_is_recorded_in_the_processing_log(client, clerk, organisation):
    # The preview shows what is held of the members the file names: it is a processing of
    # their data, recorded with the file's name and the number of rows.
    token = token_of(upload(client, roster_file(person(1), person(2)), organisation, "t.xlsx"))
    client.get(reverse("recruitment:roster-preview", args=[token]))
    record = ProcessingRecord.objects.filter(user=clerk).order_by("pk").last()
    assert (record.action, record.count) == ("view", 2)
    assert record.description == "Xem trước nhập danh sách: t.xlsx"
    assert (record.subject_type, record.subject_id) == ("organisation", organisation.pk)
