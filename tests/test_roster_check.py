"""Checking roster rows: every value interpreted as a clerk would, or refused with a reason."""

from datetime import date, datetime

import pytest

from recruitment.roster.check import check_row
from recruitment.roster.cleaning import clean_citizen_id, clean_date

pytestmark = pytest.mark.usefixtures("vietnamese")

TODAY = date(2024, 3, 26)
CELLS = {"chi bo so 1": 11}
#: A person's columns as a roster row gives them (the other roster tests extend it).
PERSON = {
    "full_name": "Nguyễn Thị Huế",
    "citizen_id": "035190012345",
    "gender": "Nữ",
    "date_of_birth": "17/05/1990",
    "cell": "Chi bộ số 1",
}
ROW = {
    **PERSON,
    "decision_date": date(2015, 3, 15),
    "ceremony_date": datetime(2015, 3, 20),
    "youth_union_member": "Có",
    "religion": "Công giáo",
    "occupation": "Giáo viên",
    "ethnicity": "Muong",
}


def check(**changes):
    return check_row(7, {**ROW, **changes}, cells=CELLS, today=TODAY)


def test_a_good_row_is_cleaned():
    result = check()
    assert result.ok, result.problems
    assert result.values == {
        "full_name": "Nguyễn Thị Huế",
        "citizen_id": "035190012345",
        "gender": "female",
        "date_of_birth": date(1990, 5, 17),
        "cell_id": 11,
        "decision_date": date(2015, 3, 15),
        "ceremony_date": date(2015, 3, 20),
        "youth_union_member": True,
        "religion": "catholic",
        "occupation": "teacher",
        "ethnicity": "Mường",
    }


def test_citizen_id_stored_as_a_number_gets_its_zero_back_with_a_warning():
    result = check(citizen_id=35190012345.0)
    assert result.ok
    assert result.values["citizen_id"] == "035190012345"
    assert result.warnings and "035190012345" in result.warnings[0].message


@pytest.mark.parametrize(
    "value", ["3.5E+11", "3,5E+11", "03519001234", "0351900123456", "03519001234X"]
)
def test_bad_citizen_ids_are_refused(value):
    result = check(citizen_id=value)
    assert not result.ok
    assert result.problems[0].column == "Số CCCD" and result.problems[0].row == 7


def test_dates_are_never_read_month_first():
    assert clean_date("03/04/2024") == (date(2024, 4, 3), None)
    day, problem = clean_date("31/02/2024")
    assert day is None and "31/02/2024" in problem
    assert clean_date("2024-04-03") == (date(2024, 4, 3), None)
    assert clean_date(45000.0)[0] is None


def test_formula_text_is_refused():
    for value in ('=HYPERLINK("x")', "+cmd", "-1+1", "@SUM(A1)", ' =HYPERLINK("x")', "\t=1"):
        result = check(full_name=value)
        assert not result.ok and result.problems[0].column == "Họ và tên"
    # A tab or carriage return alone is whitespace, stripped: nothing runs.
    assert check(full_name="\tx\r").values["full_name"] == "x"


def test_unknown_labels_and_cells_are_named():
    result = check(gender="Khác", cell="Chi bộ lạ")
    columns = {problem.column for problem in result.problems}
    assert columns == {"Giới tính", "Chi bộ"}


def test_citizen_id_cross_checked_with_birth_year_and_gender():
    result = check(gender="Nam")
    assert not result.ok and result.problems[0].column == "Số CCCD"


def test_admitted_under_eighteen_and_future_dates_are_refused():
    assert not check(decision_date="01/01/2008").ok
    assert not check(ceremony_date="01/01/2030").ok
    assert not check(ceremony_date="01/01/2015").ok  # before the decision


def test_clean_citizen_id_keeps_text_as_text():
    assert clean_citizen_id("035190012345") == ("035190012345", None, None)
