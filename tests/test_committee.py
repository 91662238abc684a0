"""The committee at the top is data: every title comes from it, as of the day asked for."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from recruitment import stats
from recruitment.committee import current_committee
from recruitment.models import Organisation

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def province(city, make_city):
    """The province committee that took over on 01/07/2025, the city ending the day before."""
    city.active_to = date(2025, 6, 30)
    city.save()
    return make_city(
        name="Đảng bộ tỉnh Ninh Bình",
        level=Organisation.Level.PROVINCE,
        committee_name="Tỉnh ủy Ninh Bình",
        place_name="Ninh Bình",
        organisation_board_name="Ban Tổ chức Tỉnh ủy Ninh Bình",
        standing_board_name="Ban Thường vụ Tỉnh ủy Ninh Bình",
        active_from=date(2025, 7, 1),
    )


def test_the_committee_of_a_day_is_the_one_active_that_day(city, province):
    assert current_committee(on=date(2024, 3, 26)).title == "Thành ủy Phủ Lý"
    assert current_committee(on=date(2025, 6, 30)).title == "Thành ủy Phủ Lý"
    assert current_committee(on=date(2025, 7, 1)).title == "Tỉnh ủy Ninh Bình"
    assert current_committee(on=date(2026, 11, 29)).level == "province"
    # Before the first committee began, the first one.
    assert current_committee(on=date(1900, 1, 1)).title == "Thành ủy Phủ Lý"


def test_no_committee_at_all_is_none(db):
    assert current_committee(on=date(2024, 1, 1)) is None


def test_place_and_date_line_follows_the_party_style(city):
    city.place_name = "Phủ Lý"
    city.save()
    committee = current_committee(on=date(2024, 3, 26))
    # Days under 10 and the months January and February with a leading zero.
    assert committee.place_and_date(date(2024, 3, 26)) == "Phủ Lý, ngày 26 tháng 3 năm 2024"
    assert committee.place_and_date(date(2024, 2, 5)) == "Phủ Lý, ngày 05 tháng 02 năm 2024"
    assert committee.place_and_date(date(2025, 12, 1)) == "Phủ Lý, ngày 01 tháng 12 năm 2025"


def test_pages_carry_todays_committee_and_a_rename_shows_at_once(
    client, committee_staff, city, province
):
    client.force_login(committee_staff)
    page = client.get(reverse("recruitment:home")).content.decode()
    assert "<title>Tổng quan · Tỉnh ủy Ninh Bình</title>" in page
    assert "Phủ Lý" not in page
    province.committee_name = "Tỉnh ủy Ninh Bình (mới)"
    province.save()
    page = client.get(reverse("recruitment:home")).content.decode()
    assert "Tỉnh ủy Ninh Bình (mới)</title>" in page


def test_log_in_page_names_the_organisation_board(client, province):
    page = client.get(reverse("login")).content.decode()
    assert "Ban Tổ chức Tỉnh ủy Ninh Bình" in page


def test_dashboard_and_workbook_carry_the_committee_of_the_as_of_date(
    client, board_head, city, province
):
    client.force_login(board_head)
    url = reverse("recruitment:dashboard")
    before = client.get(url, {"year": 2024, "as_of": "26/03/2024"}).content.decode()
    assert re.search(r'id="scope">\s*Thành ủy Phủ Lý', before)
    after = client.get(url, {"year": 2026, "as_of": "01/07/2026"}).content.decode()
    assert re.search(r'id="scope">\s*Tỉnh ủy Ninh Bình', after)
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
    assert board.committee.title == "Thành ủy Phủ Lý"
    data = client.get(reverse("recruitment:dashboard-json"), {"year": 2026}).json()
    assert data["committee"] == {"title": "Tỉnh ủy Ninh Bình", "level": "province"}
    response = client.get(
        reverse("recruitment:dashboard-xlsx"), {"year": 2026, "as_of": "01/07/2026"}
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.properties.creator == "Tỉnh ủy Ninh Bình"
    scope = {row[0].value: row[1].value for row in workbook["Tổng hợp"].iter_rows()}
    assert scope["Phạm vi"] == "Tỉnh ủy Ninh Bình"


def test_no_title_names_phu_ly_outside_the_demo():
    """Templates and code (the demo's data and the tests aside) name no committee."""
    offenders = []
    for folder in ("templates", "recruitment"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in (".py", ".html") or "demo" in path.parts:
                continue
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            if re.search(r"Phu Ly City|Thành ủy Phủ Lý|Thành uỷ Phủ Lý", text):
                offenders.append(str(path.relative_to(ROOT)))
    # The committee's module and model name it only as an example in docstrings and help.
    assert sorted(offenders) == ["recruitment/committee.py", "recruitment/models/organisations.py"]
