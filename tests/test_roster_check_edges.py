"""The roster row rules at their boundaries: a day either side of each limit (issue 18).

The existing tests use far-off values (admitted at 17, a ceremony in 2030), which pass
whether the check is ``<`` or ``<=`` or missing altogether; these sit on the limit itself.
"""

import unicodedata

import pytest

from recruitment.roster.check import check_row
from tests.test_roster_check import CELLS, PERSON, TODAY

pytestmark = pytest.mark.usefixtures("vietnamese")

# Born 17/05/1990, so 18 on 17/05/2008 (the minimum age of admission is 18).
ROW = {
    **PERSON,
    "decision_date": "15/03/2015",
    "ceremony_date": "20/03/2015",
}


def problems(**changes):
    result = check_row(7, {**ROW, **changes}, cells=CELLS, today=TODAY)
    return [(p.row, p.column, p.message) for p in result.problems]


def test_a_decision_on_the_eighteenth_birthday_is_accepted():
    assert problems(decision_date="17/05/2008", ceremony_date="17/05/2008") == []


def test_a_decision_the_day_before_the_eighteenth_birthday_is_refused():
    assert problems(decision_date="16/05/2008", ceremony_date="17/05/2008") == [
        (7, "Ngày vào Đảng", "kết nạp khi 17 tuổi, chưa đủ 18 tuổi")
    ]


def test_the_minimum_age_in_force_on_the_decision_date_is_used():
    row = {**ROW, "decision_date": "17/05/2008", "ceremony_date": "17/05/2008"}
    result = check_row(7, row, cells=CELLS, today=TODAY, min_age_years=lambda day: 19)
    assert [p.message for p in result.problems] == ["kết nạp khi 18 tuổi, chưa đủ 19 tuổi"]


def test_a_date_of_today_is_accepted():
    assert problems(official_date="26/03/2024") == []


@pytest.mark.parametrize(
    ("column", "header"),
    [
        ("decision_date", "Ngày vào Đảng"),
        ("ceremony_date", "Ngày tổ chức lễ kết nạp"),
        ("official_date", "Ngày chính thức"),
    ],
)
def test_a_date_of_tomorrow_is_in_the_future(column, header):
    dates = {"decision_date": "15/03/2015", "ceremony_date": "20/03/2015"}
    dates[column] = "27/03/2024"
    assert (7, header, "là ngày trong tương lai") in problems(**dates)


def test_a_birth_date_of_tomorrow_is_in_the_future():
    found = problems(date_of_birth="27/03/2024")
    assert (7, "Ngày sinh", "là ngày trong tương lai") in found


def test_the_official_date_the_day_after_the_ceremony_is_accepted():
    assert problems(official_date="21/03/2015") == []


def test_the_official_date_on_the_ceremony_day_is_refused():
    assert problems(official_date="20/03/2015") == [
        (7, "Ngày chính thức", "không sau ngày vào Đảng")
    ]


def test_the_official_date_before_the_ceremony_is_refused():
    assert problems(official_date="19/03/2015") == [
        (7, "Ngày chính thức", "không sau ngày vào Đảng")
    ]


def test_a_ceremony_on_the_decision_day_is_accepted():
    assert problems(ceremony_date="15/03/2015") == []


def test_text_in_decomposed_unicode_is_stored_composed():
    # Some spreadsheets (macOS) write "ễ" as "e" + two combining marks.
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Huế")
    assert decomposed != "Nguyễn Thị Huế"
    result = check_row(7, {**ROW, "full_name": decomposed}, cells=CELLS, today=TODAY)
    assert result.values["full_name"] == "Nguyễn Thị Huế"
