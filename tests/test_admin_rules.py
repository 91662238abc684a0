"""The admin is no back door: staff only read members, candidates and the pipeline's rows
there; the administrator's corrections go through the staff pages' services with the
version check; the admin import confirms only the session's own upload, whose file goes at
log-out; no citizen-ID lookups in admin URLs."""

import os
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from recruitment import services
from recruitment.models import Candidate, ImportBatch, Member
from recruitment.roles import Role
from tests.pipeline import new_candidate
from tests.test_roster_import import person, roster_file

CITIZEN_ID = "035080012345"


@pytest.fixture
def world(make_organisation, make_cell, make_member, make_candidate):
    organisation = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    cell = make_cell(organisation=organisation, name="Chi bộ số 1")
    member = make_member(
        cell=cell,
        full_name="Lê Văn Nam",
        gender="male",
        date_of_birth=date(1980, 5, 5),
        citizen_id=CITIZEN_ID,
    )
    candidate = make_candidate(cell=cell, full_name="Trần Thị Hoa", stage=Candidate.Stage.SOURCE)
    return {"organisation": organisation, "cell": cell, "member": member, "candidate": candidate}


@pytest.fixture
def clerk(make_user, world):
    return make_user(Role.GRASSROOTS_STAFF, organisation=world["organisation"])


def change_url(obj):
    return reverse(f"admin:recruitment_{obj._meta.model_name}_change", args=[obj.pk])


def form_data(client, obj, **changes):
    """What the admin's change form would send back, with ``changes``."""
    form = client.get(change_url(obj)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(changes)
    for inline in ("events", "stage_records"):  # the read-only inlines' management forms
        for key in ("TOTAL_FORMS", "INITIAL_FORMS"):
            data.setdefault(f"{inline}-{key}", "0")
    return data


# --- adding and changing ----------------------------------------------------------------


def test_a_clerk_cannot_add_an_official_member_admitted_at_fourteen(client, clerk, world):
    """The back door of the issue: an official member admitted at 14, made official one day
    after the ceremony, counted on the dashboard."""
    client.force_login(clerk)
    url = reverse("admin:recruitment_member_add")
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "full_name": "Nguyễn Văn Nhỏ",
            "gender": "male",
            "date_of_birth": "01/01/2010",
            "citizen_id": "035210000001",
            "cell": world["cell"].pk,
            "status": "official",
            "decision_date": "02/01/2024",
            "ceremony_date": "02/01/2024",
            "official_date": "03/01/2024",
        },
    )
    assert response.status_code == 403
    assert not Member.objects.filter(full_name="Nguyễn Văn Nhỏ").exists()


@pytest.mark.parametrize("model", ["member", "candidate", "stagerecord", "memberevent"])
def test_nobody_adds_pipeline_records_in_the_admin(client, admin_user, model):
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:recruitment_{model}_add")).status_code == 403


@pytest.mark.parametrize("who", ["clerk", "committee_staff"])
@pytest.mark.parametrize("kind", ["member", "candidate"])
def test_staff_only_read_people_in_the_admin(client, request, world, who, kind):
    client.force_login(request.getfixturevalue(who))
    person = world[kind]
    response = client.get(change_url(person))
    assert response.status_code == 200
    assert 'name="full_name"' not in response.content.decode()
    assert client.post(change_url(person), {"full_name": "Đổi tên"}).status_code == 403
    person.refresh_from_db()
    assert person.full_name != "Đổi tên" and person.version == 1


@pytest.mark.parametrize("kind", ["member", "candidate"])
def test_the_administrator_corrects_through_the_service(client, admin_user, world, kind):
    person = world[kind]
    client.force_login(admin_user)
    response = client.post(change_url(person), form_data(client, person, hometown="Liêm Tuyền"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert (person.hometown, person.version) == ("Liêm Tuyền", 2)


def test_status_and_admission_dates_are_not_editable_in_the_admin(client, admin_user, world):
    member = world["member"]
    client.force_login(admin_user)
    data = form_data(client, member, status="probationary", decision_date="01/01/2024")
    assert client.post(change_url(member), data).status_code == 302
    member.refresh_from_db()
    assert (member.status, member.decision_date) == ("official", date(2015, 3, 2))


def test_an_admin_correction_breaking_a_rule_is_refused(client, admin_user, world):
    """The citizen ID says male, born 1980: the record cannot say female."""
    member = world["member"]
    client.force_login(admin_user)
    response = client.post(change_url(member), form_data(client, member, gender="female"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    member.refresh_from_db()
    assert (member.gender, member.version) == ("male", 1)


def test_an_admin_save_over_a_newer_staff_save_is_refused(
    client, admin_user, committee_staff, world
):
    member = world["member"]
    client.force_login(admin_user)
    data = form_data(client, member, hometown="Từ trang quản trị")  # opened at version 1
    services.member_update(
        user=committee_staff, member=member, expected_version=1, hometown="Từ trang cán bộ"
    )
    response = client.post(change_url(member), data)
    assert response.status_code == 200
    assert "Bản ghi này đã được người khác sửa sau khi mở" in response.content.decode()
    member.refresh_from_db()
    assert (member.hometown, member.version) == ("Từ trang cán bộ", 2)


def test_a_staff_save_over_a_newer_admin_save_is_refused(
    client, admin_user, committee_staff, world
):
    member = world["member"]
    staff = Client()
    staff.force_login(committee_staff)
    edit = reverse("recruitment:member-edit", args=[member.pk])
    staff_form = staff.get(edit).context["form"]  # opened at version 1
    client.force_login(admin_user)
    client.post(change_url(member), form_data(client, member, hometown="Từ trang quản trị"))
    data = {name: value for name, value in staff_form.initial.items() if value is not None}
    data.update(
        cell=world["cell"].pk,
        date_of_birth="05/05/1980",
        hometown="Từ trang cán bộ",
        exempt_from_activity="",
    )
    response = staff.post(edit, data)
    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.hometown, member.version) == ("Từ trang quản trị", 2)


def test_the_pipelines_rows_are_not_deleted_in_the_admin(
    client, admin_user, committee_staff, world
):
    candidate = new_candidate(world["cell"], world["member"], committee_staff)
    record = candidate.stage_records.get()
    client.force_login(admin_user)
    url = reverse("admin:recruitment_stagerecord_delete", args=[record.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert candidate.stage_records.count() == 1
    changelist = client.get(reverse("admin:recruitment_stagerecord_changelist"))
    assert 'value="delete_selected"' not in changelist.content.decode()


# --- citizen IDs in URLs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        ("member", "citizen_id"),
        ("member", "citizen_id__startswith"),
        ("candidate", "citizen_id__endswith"),
        ("stagerecord", "candidate__citizen_id"),
        ("memberevent", "member__citizen_id__contains"),
        ("candidate", "member__citizen_id"),
    ],
)
def test_the_admin_refuses_citizen_id_lookups(client, admin_user, world, model, lookup):
    client.force_login(admin_user)
    url = reverse(f"admin:recruitment_{model}_changelist")
    response = client.get(url, {lookup: CITIZEN_ID})
    assert response.status_code == 400
    assert CITIZEN_ID not in response.content.decode()


def test_other_admin_lookups_still_work(client, admin_user, world):
    client.force_login(admin_user)
    url = reverse("admin:recruitment_member_changelist")
    assert client.get(url, {"status__exact": "official"}).status_code == 200


# --- the admin import -------------------------------------------------------------------


def admin_upload(client, organisation, *people):
    return client.post(
        reverse("admin:recruitment_member_import"),
        {
            "resource": "0",
            "format": "0",
            "organisation": organisation.pk,
            "import_file": SimpleUploadedFile("ds.xlsx", roster_file(*people)),
        },
    )


def confirm(client, form, **changes):
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(changes)
    return client.post(reverse("admin:recruitment_member_process_import"), data, follow=True)


@pytest.fixture
def two_clerks(make_user, world):
    victim, attacker = Client(), Client()
    victim.force_login(make_user(Role.COMMITTEE_STAFF))
    attacker.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=world["organisation"]))
    return victim, attacker


def test_the_admin_import_confirms_only_the_sessions_own_upload(two_clerks, world, roster_uploads):
    victim, attacker = two_clerks
    theirs = admin_upload(victim, world["organisation"], person(1)).context["confirm_form"]
    name = theirs.initial["import_file_name"]
    mine = admin_upload(attacker, world["organisation"], person(2)).context["confirm_form"]
    # The attacker sends the victim's upload name with their own confirmation.
    response = confirm(attacker, mine, import_file_name=name)
    assert "không phải tệp bạn đã xem trước" in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert name in os.listdir(roster_uploads)  # the victim's file is untouched
    # The victim still confirms their own.
    confirm(victim, theirs)
    assert ImportBatch.objects.count() == 1 and name not in os.listdir(roster_uploads)


def test_a_wrong_fingerprint_never_deletes_another_users_file(two_clerks, world, roster_uploads):
    victim, attacker = two_clerks
    theirs = admin_upload(victim, world["organisation"], person(1)).context["confirm_form"]
    name = theirs.initial["import_file_name"]
    mine = admin_upload(attacker, world["organisation"], person(2)).context["confirm_form"]
    confirm(attacker, mine, import_file_name=name, fingerprint="0" * 64)
    assert name in os.listdir(roster_uploads)
    confirm(victim, theirs)
    assert Member.objects.filter(full_name=person(1)[1]).exists()


def test_an_upload_cannot_be_confirmed_into_another_organisation(
    client, admin_user, world, make_organisation, roster_uploads
):
    other = make_organisation(code="LH")
    client.force_login(admin_user)
    form = admin_upload(client, world["organisation"], person(1)).context["confirm_form"]
    response = confirm(client, form, organisation=other.pk)
    assert "không phải tệp bạn đã xem trước" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_admin_preview_files_go_at_log_out(client, clerk, world, roster_uploads):
    client.force_login(clerk)
    admin_upload(client, world["organisation"], person(1))
    admin_upload(client, world["organisation"], person(2))
    assert len(os.listdir(roster_uploads)) == 2
    client.post(reverse("logout"))
    assert os.listdir(roster_uploads) == []


def test_an_unreadable_admin_upload_is_not_kept(client, clerk, world, roster_uploads):
    client.force_login(clerk)
    response = client.post(
        reverse("admin:recruitment_member_import"),
        {
            "resource": "0",
            "format": "0",
            "organisation": world["organisation"].pk,
            "import_file": SimpleUploadedFile("ds.xlsx", b"not a workbook"),
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not os.path.exists(roster_uploads) or os.listdir(roster_uploads) == []


# --- logged -----------------------------------------------------------------------------


def test_admin_lists_and_previews_are_logged(client, committee_staff, world, roster_uploads):
    from recruitment.models import ProcessingRecord

    client.force_login(committee_staff)
    client.get(reverse("admin:recruitment_member_changelist"), {"q": "Le Van"})
    entry = ProcessingRecord.objects.order_by("-id").first()
    assert (entry.action, entry.count, entry.actor) == ("view", 1, committee_staff.username)
    assert entry.description == "Đảng viên (trang quản trị) – tìm: Le Van"
    admin_upload(client, world["organisation"], person(1))
    entry = ProcessingRecord.objects.order_by("-id").first()
    assert entry.description == "Xem trước nhập danh sách (trang quản trị): ds.xlsx"
    assert (entry.subject_type, entry.subject_id) == ("organisation", world["organisation"].pk)
