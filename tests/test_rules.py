from datetime import date

from recruitment import rules
from recruitment.text import search_key


def test_age_in_months_turns_over_on_the_birthday_not_before():
    born = date(2006, 3, 26)
    assert rules.age_in_years(born, date(2024, 3, 25)) == 17
    assert rules.age_in_years(born, date(2024, 3, 26)) == 18
    assert rules.age_in_months(born, date(2024, 3, 25)) == 18 * 12 - 1


def test_age_of_someone_born_on_29_february():
    born = date(2004, 2, 29)
    assert rules.age_in_years(born, date(2022, 2, 27)) == 17
    assert rules.age_in_years(born, date(2022, 2, 28)) == 18


def test_add_months_clamps_to_month_end():
    assert rules.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert rules.add_months(date(2023, 3, 15), 12) == date(2024, 3, 15)
    assert rules.add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


def test_citizen_id_matching_birth_and_gender_passes():
    assert (
        rules.citizen_id_problems("035190000123", date_of_birth=date(1990, 1, 1), gender="female")
        == []
    )
    assert (
        rules.citizen_id_problems("035203000123", date_of_birth=date(2003, 1, 1), gender="male")
        == []
    )


def test_citizen_id_with_wrong_gender_digit_is_refused():
    problems = rules.citizen_id_problems(
        "035090000123", date_of_birth=date(1990, 1, 1), gender="female"
    )
    assert len(problems) == 1 and "(0)" in problems[0] and "1" in problems[0]


def test_citizen_id_with_wrong_birth_year_is_refused():
    problems = rules.citizen_id_problems(
        "035191000123", date_of_birth=date(1990, 1, 1), gender="female"
    )
    assert len(problems) == 1 and "1990" in problems[0]


def test_citizen_id_with_lost_leading_zero_is_refused():
    assert rules.citizen_id_problems("35190000123", date_of_birth=date(1990, 1, 1), gender="female")


def test_search_key_ignores_diacritics_case_and_spacing():
    assert search_key("Nguyễn  Thị Huế") == "nguyen thi hue"
    assert search_key("ĐẶNG Văn Đức") == "dang van duc"
    # The same name typed in decomposed Unicode (NFD) gives the same key.
    import unicodedata

    assert search_key(unicodedata.normalize("NFD", "Nguyễn Thị Huế")) == "nguyen thi hue"
