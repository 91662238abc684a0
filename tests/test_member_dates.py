""" "Ngày vào Đảng" is the date the admission decision was signed, the date Party age counts
from (domain: party cards, rosters and the member list book); the ceremony is its own date."""

import re
from datetime import date

from django.urls import reverse


def cells_of(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", page)]


def test_the_member_list_and_page_give_the_decision_date_as_the_date_of_joining(
    client, committee_staff, make_cell, make_member
):
    member = make_member(
        cell=make_cell(),
        full_name="Trần Thị Mai",
        decision_date=date(2015, 3, 2),
        ceremony_date=date(2015, 3, 20),
    )
    client.force_login(committee_staff)
    listed = client.get(reverse("recruitment:member-list")).content.decode()
    assert "<th>Ngày vào Đảng</th>" in listed
    assert "02/03/2015" in cells_of(listed) and "20/03/2015" not in cells_of(listed)
    page = client.get(reverse("recruitment:member-detail", args=[member.pk])).content.decode()
    terms = dict(re.findall(r'<dt class="col-6">([^<]+)</dt><dd class="col-6">([^<]+)</dd>', page))
    assert terms["Ngày vào Đảng"] == "02/03/2015"
    assert terms["Ngày tổ chức lễ kết nạp"] == "20/03/2015"
