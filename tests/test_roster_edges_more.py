"""The roster import's corners that the page and command tests do not reach: the admin's
format and result when nothing was read, the admin's import refused without an
organisation or a roster, the changes an updated row shows in the admin; citizen IDs and dates
typed in ways the cleaning refuses; where uploads wait and when they are forgotten."""

from datetime import date

import pytest
import tablib
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from recruitment.models import Member
from recruitment.roster import cleaning
from recruitment.roster.plan import apply_plan
from recruitment.roster.read import RosterFileError
from recruitment.roster.resource import RosterImportResult, RosterResource, RosterXLSX
from recruitment.roster.service import roster_read
from recruitment.roster.uploads import RosterUploadStorage, forget_all
from tests.test_roster_import import person, plan_of, roster_file
from tests.test_roster_pages import admin_upload

pytestmark = pytest.mark.usefixtures("vietnamese")

SWEPT = "Tệp đã tải lên không còn được lưu (lần xem trước đã quá lâu); hãy tải lên lại."


def test_the_admins_roster_format_reads_files_and_writes_none():
    roster_format = RosterXLSX()
    assert (roster_format.get_title(), roster_format.get_extension()) == ("xlsx", "xlsx")
    assert roster_format.get_read_mode() == "rb" and roster_format.is_binary()
    assert roster_format.get_content_type() == "application/octet-stream"
    assert roster_format.can_import() and not roster_format.can_export()


def test_a_result_without_an_outcome_has_no_batch_fingerprint_or_warnings():
    result = RosterImportResult()
    assert (result.batch, result.fingerprint, result.warnings) == (None, "", [])
    assert RosterResource().get_result_class() is RosterImportResult


def base_errors(result) -> list[str]:
    return [str(error.error) for error in result.base_errors]


def test_the_admins_import_without_an_organisation_is_refused(organisation):
    dataset = tablib.Dataset()
    assert base_errors(RosterResource().import_data(dataset, dry_run=True)) == [
        "Hãy chọn tổ chức đảng để nhập vào."
    ]


def test_the_admins_import_of_data_that_is_no_roster_is_refused(organisation):
    dataset = tablib.Dataset(["Trần Văn A", "035085000001"], headers=["Tên", "CCCD"])
    result = RosterResource(organisation=organisation).import_data(dataset, dry_run=True)
    assert base_errors(result) == ["Dữ liệu không có các cột của danh sách đảng viên."]


def test_the_admins_preview_of_an_updated_row_shows_the_change(organisation, committee_staff):
    roster, _plan = plan_of(roster_file(person(1)), organisation)
    apply_plan(roster, organisation, user=committee_staff, file_name="a", sha256="x")
    moved = roster_file(person(1, c5="Chi bộ số 2"))
    dataset = RosterXLSX().create_dataset(moved)
    result = RosterResource(organisation=organisation).import_data(dataset, dry_run=True)
    (row,) = result.rows
    assert row.import_type == "update"
    assert str(row.diff[3]) == "<div>Chi bộ: <del>Chi bộ số 1</del> → <ins>Chi bộ số 2</ins></div>"
    assert roster_read(data=moved, file_name="ds.xlsx").rows  # the same file, read as is


@pytest.mark.parametrize(
    ("typed", "cleaned", "problem"),
    [
        (35190012345.0, "035190012345", None),  # a number that lost its zero: restored
        (135190012345, "135190012345", None),  # a number of 12 digits: as it is
        (35190012345.5, None, "không phải số nguyên"),
        (1351900123456, None, "có nhiều hơn 12 chữ số"),
    ],
)
def test_a_citizen_id_typed_as_a_number(typed, cleaned, problem):
    value, refused, _warning = cleaning.clean_citizen_id(typed)
    assert (value, refused) == (cleaned, problem)


@pytest.mark.parametrize(
    ("typed", "day", "problem"),
    [
        ("2015-03-02", date(2015, 3, 2), None),  # ISO, as some exports write it
        ("2015-13-02", None, "không phải ngày theo dạng dd/mm/yyyy (2015-13-02)"),
        ("tháng 3/2015", None, "không phải ngày theo dạng dd/mm/yyyy (tháng 3/2015)"),
    ],
)
def test_a_date_typed_as_text(typed, day, problem):
    assert cleaning.clean_date(typed) == (day, problem)


def test_an_upload_name_that_is_not_one_of_ours_is_refused():
    with pytest.raises(ValueError):
        RosterUploadStorage(name="../../etc/passwd")


def test_an_upload_is_kept_under_its_name_until_removed():
    storage = RosterUploadStorage(name="0123456789abcdef0123456789abcdef")
    storage.save(b"PK roster")
    assert storage.name == "0123456789abcdef0123456789abcdef"  # a name given is kept
    assert storage.exists() and storage.read() == b"PK roster"
    storage.remove()
    assert not storage.exists()


def test_log_out_without_a_session_forgets_nothing():
    request = RequestFactory().get("/")  # no session middleware ran
    forget_all(sender=None, request=request)
    forget_all(sender=None, request=None)


def test_the_admins_confirm_after_the_upload_was_swept_says_so(
    client, committee_staff, organisation
):
    client.force_login(committee_staff)
    preview = admin_upload(client, roster_file(person(1)), organisation)
    confirm = preview.context["confirm_form"]
    RosterUploadStorage(name=confirm.initial["import_file_name"]).remove()  # an hour later
    response = client.post(
        reverse("admin:recruitment_member_process_import"),
        {name: confirm.initial.get(name, "") for name in confirm.fields},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("admin:recruitment_member_import"), 302)]
    assert [str(message) for message in response.context["messages"]] == [SWEPT]
    assert not Member.objects.exists()


def test_the_admin_reports_a_file_it_cannot_read_for_another_reason_as_the_library_does(
    committee_staff,
):
    member_admin = admin.site._registry[Member]
    form = forms.Form()
    form.fields["import_file"] = forms.FileField()
    form.cleaned_data = {}
    member_admin.add_data_read_fail_error_to_form(form, ValueError("bad bytes"))
    assert form.errors["import_file"]  # the library's own message
    form = forms.Form()
    form.fields["import_file"] = forms.FileField()
    form.cleaned_data = {}
    member_admin.add_data_read_fail_error_to_form(form, RosterFileError("Tệp rỗng."))
    assert form.errors["import_file"] == ["Tệp rỗng."]
