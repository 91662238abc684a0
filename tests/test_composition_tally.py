"""The composition's age at admission, counted a column at a time, is the rules' age."""

from datetime import date, timedelta

from recruitment import rules
from recruitment.stats.composition import AGE_BANDS, age_in_years, tally


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


def test_the_tally_counts_each_admission_at_the_rules_age():
    # admitted on, born, then the person's other fields (any values).
    other = ("male", "Kinh", "none", False, "worker", "12/12", "none", "none")
    births = [date(2000, 2, 29), date(1996, 2, 28), date(1990, 3, 1), date(2007, 12, 31)]
    days = [date(2025, 2, 28) + timedelta(days=offset) for offset in range(-2, 300, 7)]
    days += [date(2024, 2, 28), date(2024, 2, 29), date(2018, 2, 28)]
    rows = [(day, born, *other) for born in births for day in days]
    found = tally(rows)
    assert found.age_total == sum(rules.age_in_years(row[1], row[0]) for row in rows)
    # Each one 18 or more counts in one band; the 17-year-olds (born 31/12/2007) in none.
    banded = sum(found.counts["age", band] for band in AGE_BANDS)
    assert banded == sum(1 for row in rows if rules.age_in_years(row[1], row[0]) >= 18)
    assert banded < len(rows)
