"""More of the roster row checks, from the mutants that ``make mutate`` left alive in
``roster/check.py``: the formula refusal and the values read after it, text lengths on the
limit, a word kept as typed up to its field's length, blank values, the two columns of the
decision date, the rules' own messages, and which row each problem and warning names."""

import pytest

from recruitment.roster.check import check_row
from tests.test_roster_check import CELLS, PERSON, TODAY

pytestmark = pytest.mark.usefixtures("vietnamese")

ROW = {**PERSON, "decision_date": "15/03/2015", "ceremony_date": "20/03/2015"}


def check(**changes):
    return check_row(9, {**ROW, **changes}, cells=CELLS, today=TODAY)


def problems(**changes):
    return [(p.row, p.column, p.message) for p in check(**changes).problems]


def test_a_formula_is_refused_and_the_rest_of_the_row_still_read():
    result = check(full_name='=HYPERLINK("http://x")', hometown="Phủ Lý")
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (9, "Họ và tên", "bắt đầu bằng '=', bảng tính sẽ coi là công thức")
    ]
    assert result.values["hometown"] == "Phủ Lý"
    assert result.values["citizen_id"] == "035190012345"  # read after the refused name


@pytest.mark.parametrize(("length", "refused"), [(120, False), (121, True)])
def test_a_name_on_its_length_limit(length, refused):
    expected = [(9, "Họ và tên", "dài quá 120 ký tự")] if refused else []
    assert problems(full_name="Nguyễn " + "A" * (length - 7)) == expected


@pytest.mark.parametrize(("length", "refused"), [(30, False), (31, True)])
def test_an_occupation_kept_as_typed_up_to_its_fields_length(length, refused):
    typed = "Nghề " + "x" * (length - 5)
    result = check(occupation=typed)
    if refused:
        assert [(p.column, p.message) for p in result.problems] == [
            ("Nghề nghiệp", "dài quá 30 ký tự")
        ]
    else:
        assert result.values["occupation"] == typed
        assert [(w.row, w.column, w.message) for w in result.warnings] == [
            (
                9,
                "Nghề nghiệp",
                f"{typed} không phải giá trị đã biết: giữ như đã viết, tính vào mục khác",
            )
        ]


def test_blank_words_are_not_given_and_blank_text_is_empty():
    result = check(religion="", occupation=None, hometown=None, residence="  ")
    assert result.ok, result.problems
    assert "religion" not in result.values and "occupation" not in result.values
    assert (result.values["hometown"], result.values["residence"]) == ("", "")
    assert result.warnings == []


def test_the_decisions_own_date_stands_for_ngay_vao_dang_when_that_is_blank():
    result = check(decision_date="", decision_date_given="15/03/2015")
    assert result.ok, result.problems
    assert str(result.values["decision_date"]) == "2015-03-15"
    assert "decision_date_given" not in result.values


def test_a_blank_decisions_own_date_leaves_ngay_vao_dang_alone():
    result = check(decision_date_given="")
    assert result.ok, result.problems
    assert str(result.values["decision_date"]) == "2015-03-15"


def test_the_two_decision_dates_must_agree():
    assert problems(decision_date_given="16/03/2015") == [
        (
            9,
            "Ngày quyết định kết nạp",
            "16/03/2015 không khớp với Ngày vào Đảng (15/03/2015): đó là cùng một ngày",
        )
    ]


def test_a_date_that_does_not_exist_is_refused_with_its_text():
    assert problems(date_of_birth="31/02/1990") == [
        (9, "Ngày sinh", "không có ngày này (31/02/1990)")
    ]


def test_a_ceremony_before_the_decision_is_refused():
    assert problems(ceremony_date="14/03/2015") == [
        (9, "Ngày tổ chức lễ kết nạp", "trước ngày quyết định kết nạp")
    ]


def test_a_citizen_id_contradicting_the_gender_names_the_row():
    # The fourth digit is 0 for a man born in the 1900s, 1 for a woman: 035 1 90… is a woman.
    assert problems(gender="Nam") == [
        (
            9,
            "Số CCCD",
            "Chữ số thứ 4 của số CCCD (1) không khớp với giới tính và thế kỷ sinh (phải là 0).",
        )
    ]


def test_the_minimum_age_is_asked_for_the_decision_day():
    asked = []

    def minimum(day):
        asked.append(day)
        return 18

    check_row(9, ROW, cells=CELLS, today=TODAY, min_age_years=minimum)
    assert [str(day) for day in asked] == ["2015-03-15"]


def test_a_warning_names_its_row():
    result = check_row(12, {**ROW, "citizen_id": 35190012345.0}, cells=CELLS, today=TODAY)
    assert [(w.row, w.column) for w in result.warnings] == [(12, "Số CCCD")]


def test_a_control_character_is_refused_naming_its_column_and_the_rest_still_read():
    result = check(full_name="Trần\x07 Văn A")
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (9, "Họ và tên", "chứa ký tự điều khiển vô hình (U+0007): hãy gõ lại giá trị này")
    ]
    assert result.values["citizen_id"] == "035190012345"  # read after the refused name


def test_an_invisible_character_is_removed_with_a_warning_naming_its_column():
    result = check(full_name="Trần\u200b Văn A")
    assert result.ok, result.problems
    assert result.values["full_name"] == "Trần Văn A"
    assert [(w.row, w.column, w.message) for w in result.warnings] == [
        (9, "Họ và tên", "đã xóa các ký tự định dạng vô hình (U+200B)")
    ]


def test_repeated_values_read_once_per_file_and_past_the_kept_ones_read_again(monkeypatch):
    """A file's values that repeat are read once (kept in ``words``, the place, the cell
    and the words here; not the name, the ID or a date); past ``KEPT_READINGS`` of them a
    value is read again on each row, alike."""
    words: dict = {}
    row = {**ROW, "hometown": " Phủ Lý\u200b", "occupation": "Bác sỹ"}
    first = check_row(9, row, cells=CELLS, today=TODAY, words=words)
    assert {key[0] for key in words} == {"hometown", "cell", "gender", "occupation"}
    monkeypatch.setattr("recruitment.roster.check.KEPT_READINGS", 4)
    second = check_row(10, {**row, "hometown": "Kim Bảng"}, cells=CELLS, today=TODAY, words=words)
    assert len(words) == 4
    assert first.values["hometown"] == "Phủ Lý"
    assert [(w.row, w.column) for w in first.warnings] == [(9, "Quê quán")]
    assert second.values["hometown"] == "Kim Bảng" and second.warnings == []
    assert second.values["occupation"] == first.values["occupation"] == "health_worker"
    assert second.values["cell_id"] == 11
