"""The composition's age at admission, counted a column at a time, is the rules' age."""

from datetime import date, timedelta

from recruitment import rules
from recruitment.stats.composition import age_in_years


def test_age_at_admission_is_the_rules_age_around_every_birthday():
    births = [date(2000, 2, 29), date(1996, 2, 28), date(1990, 3, 1), date(1985, 12, 31)]
    for born in births:
        for year in (2018, 2019, 2020, 2023, 2024):
            start = date(year, 2, 20)
            for offset in range(0, 320, 1):
                on = start + timedelta(days=offset)
                assert age_in_years(born, on) == rules.age_in_years(born, on), (born, on)


def test_a_birthday_of_29_february_is_reached_on_28_february_in_a_common_year():
    assert age_in_years(date(2000, 2, 29), date(2018, 2, 27)) == 17
    assert age_in_years(date(2000, 2, 29), date(2018, 2, 28)) == 18
    assert age_in_years(date(2000, 2, 29), date(2020, 2, 28)) == 19
    assert age_in_years(date(2000, 2, 29), date(2020, 2, 29)) == 20
