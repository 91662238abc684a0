"""No membership oracle: a roster naming people held by other organisations learns nothing
of where they are, is refused past a few of them, and each one is recorded in the processing
log, where the administrator finds them."""

from datetime import date

import pytest
from django.urls import reverse

from recruitment.models import Member, ProcessingRecord
from recruitment.roles import Role
from tests.test_roster_import import person, roster_file
from tests.test_roster_pages import admin_upload, upload

pytestmark = pytest.mark.usefixtures("vietnamese")
NOT_HERE = "không nhập được số CCCD này vào tổ chức này: hãy kiểm tra lại"


@pytest.fixture
def clerk(make_user, organisation, client):
    user = make_user(Role.GRASSROOTS_STAFF, organisation=organisation)
    client.force_login(user)
    return user


@pytest.fixture
def held_elsewhere(make_member, make_cell, make_organisation):
    """Members of persons 1 to 4 of the test roster, held by another organisation."""
    other = make_organisation(code="LH", name="Đảng bộ phường Lam Hạ")
    cell = make_cell(organisation=other, name="Chi bộ Lam Hạ 1")
    return [
        make_member(
            cell=cell,
            full_name=f"Người khác {n}",
            gender="male",
            date_of_birth=date(1985, 1, n % 20 + 1),
            citizen_id=f"0350850000{n:02d}",
        )
        for n in range(1, 5)
    ]


def preview(client, organisation, data):
    response = upload(client, data, organisation)
    assert response.status_code == 302
    return client.get(response.url, follow=True)


def test_a_member_of_another_organisation_is_refused_in_the_words_of_any_refusal(
    client, clerk, organisation, held_elsewhere
):
    page = preview(client, organisation, roster_file(person(1), person(9)))
    (problem,) = page.context["rejected"]
    assert (problem.row, problem.column, problem.message) == (4, "Số CCCD", NOT_HERE)
    text = page.content.decode()
    for secret in ("Lam Hạ", "Người khác", "tổ chức khác", "thuộc về"):
        assert secret not in text


def test_each_such_row_is_recorded_for_the_administrator(
    client, clerk, organisation, held_elsewhere, admin_client
):
    preview(client, organisation, roster_file(person(1), person(2), person(9)))
    records = ProcessingRecord.objects.filter(user=clerk, subject_type="member")
    assert sorted(records.values_list("subject_id", flat=True)) == [
        held_elsewhere[0].pk,
        held_elsewhere[1].pk,
    ]
    assert {r.action for r in records} == {"view"}
    assert "ds.xlsx" in records[0].description and "dòng" in records[0].description
    # The clerk looking at a member of their own organisation is not listed.
    own = Member.objects.create(
        cell=organisation.cells.first(),
        full_name="Người nhà",
        gender="male",
        date_of_birth=date(1980, 1, 1),
        citizen_id="035080000077",
        decision_date=date(2010, 1, 1),
    )
    client.get(reverse("recruitment:member-detail", args=[own.pk]))
    listed = admin_client.get(
        reverse("admin:recruitment_processingrecord_changelist"), {"other_organisation": "yes"}
    )
    assert listed.status_code == 200
    shown = list(listed.context["cl"].result_list)
    assert sorted(r.subject_id for r in shown) == sorted(h.pk for h in held_elsewhere[:2])


def test_past_the_limit_the_file_is_refused_without_a_word_on_any_row(
    client, clerk, organisation, held_elsewhere, settings
):
    settings.ROSTER_MAX_OTHER_ORGANISATION_HITS = 2
    data = roster_file(person(1), person(2), person(3), person(4), person(9))
    page = preview(client, organisation, data)
    assert page.redirect_chain[-1][0] == reverse("recruitment:roster-import")
    text = page.content.decode()
    assert "Tệp có hơn 2 người không thể nhập vào tổ chức này; tệp bị từ chối" in text
    for secret in ("Lam Hạ", "Người khác", "dòng 4", "dòng 5"):
        assert secret not in text
    hits = ProcessingRecord.objects.filter(user=clerk, subject_type="member")
    assert hits.count() == 3  # the limit and the one past it, each a record
    summary = ProcessingRecord.objects.get(user=clerk, subject_type="organisation")
    assert summary.count == 4
    assert not client.session.get("roster_uploads")  # the upload is gone


def test_the_admin_import_goes_through_the_same_limit(
    client, committee_staff, organisation, held_elsewhere, settings
):
    settings.ROSTER_MAX_OTHER_ORGANISATION_HITS = 1
    client.force_login(committee_staff)

    response = admin_upload(client, roster_file(person(1), person(2)), organisation)
    assert "Tệp có hơn 1 người không thể nhập vào tổ chức này" in response.content.decode()
    assert ProcessingRecord.objects.filter(user=committee_staff, subject_type="member").count() == 2
