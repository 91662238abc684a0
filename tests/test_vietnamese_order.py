"""Lists in Vietnamese order: people by given name, then middle and family name; letters in
the Vietnamese alphabet (a ă â b c d đ e ê …) with tones after letters; numbers by value.
The same on SQLite and PostgreSQL (the suite runs on both), without extra queries."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from recruitment.roles import Role
from recruitment.text import vietnamese_sort_key


def in_order(items, *, person=False):
    return sorted(items, key=lambda text: vietnamese_sort_key(text, person=person))


def test_the_key_orders_the_way_a_vietnamese_list_does():
    assert in_order(
        ["Hoàng Đức Định", "Hà Văn Dũng", "Hoàng Thị Yến", "Hoàng Thị Ánh"], person=True
    ) == ["Hoàng Thị Ánh", "Hà Văn Dũng", "Hoàng Đức Định", "Hoàng Thị Yến"]
    assert in_order(["Tiên Hiệp", "Tiên Hải"]) == ["Tiên Hải", "Tiên Hiệp"]
    assert in_order(["số 1", "số 10", "số 11", "số 12", "số 2"]) == [
        "số 1",
        "số 2",
        "số 10",
        "số 11",
        "số 12",
    ]
    assert in_order(["Đảng bộ xã Đinh Xá", "Đảng bộ xã Dinh Xá", "Đảng bộ xã Em"]) == [
        "Đảng bộ xã Dinh Xá",
        "Đảng bộ xã Đinh Xá",
        "Đảng bộ xã Em",
    ]
    # Tones only after the letters: level, grave, hook, tilde, acute, dot below.
    assert in_order(["Hai", "Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]) == [
        "Ha",
        "Hà",
        "Hả",
        "Hã",
        "Há",
        "Hạ",
        "Hai",
    ]
    assert in_order(["ư", "u", "ơ", "ô", "o", "ê", "e", "â", "ă", "a"]) == [
        "a",
        "ă",
        "â",
        "e",
        "ê",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
    ]
    # Case does not count.
    assert vietnamese_sort_key("ĐINH") == vietnamese_sort_key("đinh")


NAMES = ["Hoàng Đức Định", "Hà Văn Dũng", "Hoàng Thị Yến", "Hoàng Thị Ánh"]
IN_ORDER = ["Hoàng Thị Ánh", "Hà Văn Dũng", "Hoàng Đức Định", "Hoàng Thị Yến"]


def names_on(page: str, names: list[str]) -> list[str]:
    found = [(page.index(name), name) for name in names if name in page]
    return [name for _, name in sorted(found)]


@pytest.fixture
def ward(make_organisation, make_cell, make_member):
    ward = make_organisation(name="Đảng bộ phường Lam Hạ")
    cells = [make_cell(organisation=ward, name=f"Chi bộ số {n}") for n in (1, 10, 11, 12, 2)]
    for name in NAMES:
        make_member(cell=cells[0], full_name=name)
    return ward


def test_the_member_list_and_the_roster_export_are_in_vietnamese_order(client, make_user, ward):
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=ward)
    client.force_login(clerk)
    page = client.get(reverse("recruitment:member-list")).content.decode()
    assert names_on(page, NAMES) == IN_ORDER
    content = client.get(reverse("recruitment:roster-export", args=[ward.pk])).content

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    exported = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell in NAMES]
    assert exported == IN_ORDER


def test_pickers_list_cells_and_organisations_in_vietnamese_order(
    client, committee_staff, ward, make_organisation
):
    make_organisation(name="Đảng bộ xã Đinh Xá")
    make_organisation(name="Đảng bộ xã Em")
    make_organisation(name="Chi bộ Trường Mầm non Lam Hạ")
    client.force_login(committee_staff)
    page = client.get(reverse("recruitment:candidate-list")).content.decode()
    cells = re.findall(r"<option value=\"\d+\">(Chi bộ số \d+)</option>", page)
    assert cells == ["Chi bộ số 1", "Chi bộ số 2", "Chi bộ số 10", "Chi bộ số 11", "Chi bộ số 12"]
    organisations = re.findall(r"<option value=\"\d+\">((?:Đảng|Chi) bộ [^<]*)</option>", page)
    assert [name for name in organisations if not name.startswith("Chi bộ số")] == [
        "Chi bộ Trường Mầm non Lam Hạ",
        "Đảng bộ phường Lam Hạ",
        "Đảng bộ xã Đinh Xá",
        "Đảng bộ xã Em",
    ]


def test_the_admin_lists_members_in_vietnamese_order(client, committee_staff, ward):
    client.force_login(committee_staff)
    page = client.get(reverse("admin:recruitment_member_changelist")).content.decode()
    assert names_on(page, NAMES) == IN_ORDER
