"""A clerk's everyday slips: the page keeps what they asked for when part of it is wrong."""

from datetime import date

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from recruitment.models import Member
from recruitment.roles import Role


def test_a_bad_date_keeps_the_year_asked_for(client, board_head):
    client.force_login(board_head)
    response = client.get(reverse("recruitment:dashboard"), {"year": 2024, "as_of": "26/03/24"})
    assert response.status_code == 200
    assert "as_of" in response.context["form"].errors
    board = response.context["board"]
    # The year asked for, up to its last day (a past year), not today's year.
    assert board.year == 2024
    assert board.as_of == date(2024, 12, 31)


def test_a_bad_year_falls_back_to_the_date_given(client, board_head):
    client.force_login(board_head)
    response = client.get(
        reverse("recruitment:dashboard"), {"year": "hai nghìn", "as_of": "26/03/2024"}
    )
    assert "year" in response.context["form"].errors
    assert (response.context["board"].year, response.context["board"].as_of) == (
        2024,
        date(2024, 3, 26),
    )


def test_the_digits_the_list_shows_find_the_person_in_scope(
    client, make_user, make_organisation, make_cell, make_member
):
    own = make_organisation(name="Đảng bộ phường A")
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=own)
    make_member(cell=make_cell(organisation=own), full_name="Lê Văn Tám", citizen_id="035090002774")
    make_member(
        cell=make_cell(organisation=own), full_name="Lê Văn Chín", citizen_id="035090002775"
    )
    other = make_cell()  # another organisation's member with the same last digits
    make_member(cell=other, full_name="Trần Thị Mười", citizen_id="001190002774")
    client.force_login(clerk)
    url = reverse("recruitment:member-list")
    for typed in ("2774", "035•••••2774", "035*****2774"):
        page = client.get(client.post(url, {"q": typed})["Location"]).content.decode()
        assert "Lê Văn Tám" in page, typed
        assert "Lê Văn Chín" not in page and "Trần Thị Mười" not in page, typed


def test_a_short_citizen_id_is_refused_once(client, admin_user, make_member):
    """In the admin, where the administrator corrects members through the same service."""
    member = make_member(full_name="Lê Văn Tám")
    client.force_login(admin_user)
    url = reverse("admin:recruitment_member_change", args=[member.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(citizen_id="03509000", date_of_birth="17/05/1990", decision_date="02/03/2015")
    response = client.post(url, data)
    errors = response.context["adminform"].form.errors["citizen_id"]
    assert errors == ["Số CCCD phải gồm đúng 12 chữ số."]


def test_home_page_numbers_are_grouped_the_vietnamese_way(client, committee_staff, make_member):
    cell = make_member().cell
    Member.objects.bulk_create(
        Member(
            cell=cell,
            full_name=f"Đảng viên {n}",
            gender="male",
            date_of_birth=date(1980, 1, 1),
            citizen_id=f"0350800{n:05d}",
            occupation="teacher",
            decision_date=date(2010, 1, 1),
            ceremony_date=date(2010, 1, 1),
            official_date=date(2011, 1, 1),
            status="official",
        )
        for n in range(1000)
    )
    client.force_login(committee_staff)
    page = client.get(reverse("recruitment:home")).content.decode()
    assert '<div class="fs-2 fw-semibold" id="official-count">1.001</div>' in page
    # The site's icon is declared, so browsers do not ask for a missing /favicon.ico.
    assert 'rel="icon" href="/static/img/favicon.svg"' in page


def test_django_messages_read_as_vietnamese(client, committee_staff):
    class Number(forms.Form):
        n = forms.IntegerField(min_value=0)

    with translation.override("vi"):
        assert Number({"n": "1,5"}).errors["n"] == ["Nhập một số nguyên."]
        assert Number({"n": "-1"}).errors["n"] == ["Giá trị phải lớn hơn hoặc bằng 0."]


@pytest.fixture
def two_wards(make_organisation, make_cell, make_member):
    ward = make_organisation(name="Đảng bộ phường A")
    cells = [make_cell(organisation=ward, name=f"Chi bộ tổ dân phố số {n}") for n in (3, 7)]
    make_member(cell=cells[0], full_name="Lê Thị Oanh", date_of_birth=date(1975, 2, 1))
    make_member(cell=cells[1], full_name="Lê Thị Oanh", date_of_birth=date(1988, 6, 9))
    make_member(
        cell=cells[1],
        full_name="Lê Thị Oanh Dự Bị",
        status="probationary",
        official_date=None,
        decision_date=date(2024, 1, 5),
    )
    other = make_organisation(name="Đảng bộ phường B")
    make_member(cell=make_cell(organisation=other), full_name="Lê Thị Oanh Khác")
    return ward, other


def test_the_member_picker_finds_official_members_of_the_organisation_by_name(
    client, make_user, two_wards
):
    ward, other = two_wards
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=ward)
    client.force_login(clerk)
    url = reverse("recruitment:member-choices")
    results = client.post(url, {"organisation": ward.pk, "q": "le thi oanh"}).json()["results"]
    # Two members of the same name told apart by cell and year of birth; not the
    # probationary member, not another organisation's.
    assert sorted(result["label"] for result in results) == [
        "Lê Thị Oanh – Chi bộ tổ dân phố số 3 – 1975",
        "Lê Thị Oanh – Chi bộ tổ dân phố số 7 – 1988",
    ]
    assert client.post(url, {"organisation": other.pk, "q": "oanh"}).status_code == 404
    assert client.post(url, {"organisation": "x", "q": "oanh"}).status_code == 404
    # The name searched is never put in a URL.
    assert client.get(url, {"organisation": ward.pk, "q": "oanh"}).status_code == 405


def test_the_log_in_throttling_records_read_in_vietnamese_in_the_admin(client, make_user):
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "lượt đăng nhập sai" in page.lower()
    assert "access attempt" not in page.lower()


def test_forms_say_what_they_want(client, committee_staff, make_member, make_cell):
    member = make_member(
        status="probationary",
        decision_date=date(2024, 3, 15),
        ceremony_date=date(2024, 3, 26),
        official_date=None,
    )
    client.force_login(committee_staff)
    page = client.get(reverse("recruitment:member-recognise", args=[member.pk])).content
    # Probation is 12 months from the ceremony of 26/03/2024.
    assert "Thời gian dự bị kết thúc ngày 26/03/2025" in page.decode()
    page = client.get(reverse("recruitment:member-edit", args=[member.pk])).content.decode()
    assert 'placeholder="12/12"' in page and "Lớp/hệ, ví dụ 12/12" in page
