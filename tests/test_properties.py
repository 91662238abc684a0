"""Property tests (Hypothesis) of the arithmetic the rules rest on, each against a simple
reference written here: age in whole months, month-counted validity, working days, votes
needed."""

from datetime import date, timedelta
from fractions import Fraction
from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from recruitment import rules, workdays

PARAMS = SimpleNamespace(vote_numerator=2, vote_denominator=3, certificate_valid_months=60)
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
# The holidays library knows Vietnam's calendar from 1995 on; keep the deadlines near today.
WORK_DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


def reference_age_in_months(born: date, on: date) -> int:
    """Count the month-birthdays one by one: the n-th falls on the same day-of-month n
    months later, or on the month's last day when that month is shorter."""
    months = 0
    while True:
        month_index = born.month - 1 + months + 1
        year, month = born.year + month_index // 12, month_index % 12 + 1
        last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
        if date(year, month, min(born.day, last)) > on:
            return months
        months += 1


@given(born=DAYS, lived=st.integers(min_value=0, max_value=100 * 366))
@settings(max_examples=200, deadline=None)
def test_age_in_months_agrees_with_counting_month_birthdays(born, lived):
    on = born + timedelta(days=lived)
    if on > date(9999, 1, 1):
        return
    assert rules.age_in_months(born, on) == reference_age_in_months(born, on)
    assert rules.age_in_years(born, on) == reference_age_in_months(born, on) // 12


@given(born=DAYS, lived=st.integers(min_value=0, max_value=100 * 366))
def test_age_is_never_reached_before_the_birthday(born, lived):
    on = born + timedelta(days=lived)
    years = rules.age_in_years(born, on)
    # The day of the next birthday has not come (29 February: the 28th in common years).
    try:
        next_birthday = born.replace(year=born.year + years + 1)
    except ValueError:
        next_birthday = date(born.year + years + 1, 2, 28)
    assert on < next_birthday


@given(day=DAYS, months=st.integers(min_value=0, max_value=1200))
@example(day=date(2024, 3, 31), months=1)  # into a 30-day month
@example(day=date(2024, 1, 30), months=1)  # into February of a leap year
def test_add_months_lands_in_the_right_month_and_never_past_the_day(day, months):
    later = rules.add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day <= day.day
    # Clamped only when the month is too short: the next day is in the following month.
    if later.day < day.day:
        assert (later + timedelta(days=1)).day == 1


@given(issued=DAYS.filter(lambda d: d.year < 2090))
def test_a_certificate_is_valid_through_the_same_day_sixty_months_on(issued):
    until = rules.certificate_valid_until(issued, PARAMS)
    # The Civil Code's months: the same-numbered day five years on, or the last day of that
    # month when it has no such day (29/02 -> 28/02).
    year, month = issued.year + 5, issued.month
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    assert until == date(year, month, min(issued.day, last))
    assert rules.check_certificate(certificate_date=issued, on=until, params=PARAMS) == []
    assert rules.check_certificate(
        certificate_date=issued, on=until + timedelta(days=1), params=PARAMS
    )


@given(start=WORK_DAYS, count=st.integers(min_value=0, max_value=120))
@settings(max_examples=150, deadline=None)
def test_adding_working_days_is_undone_by_counting_them(start, count):
    due = workdays.add_working_days(start, count)
    assert workdays.working_days_between(start, due) == count
    if count:
        assert workdays.is_working_day(due)  # never lands on a day off
        assert workdays.working_days_between(start, due - timedelta(days=1)) == count - 1


@given(
    start=WORK_DAYS,
    count=st.integers(min_value=0, max_value=600),
    swapped=st.lists(st.integers(min_value=-30, max_value=900), max_size=6),
)
@settings(max_examples=150, deadline=None)
def test_adding_working_days_agrees_with_a_day_by_day_walk(start, count, swapped):
    """Across New Year and several years, with staff overrides turning days over."""
    overrides = {}
    for offset in swapped:
        day = start + timedelta(days=offset)
        overrides[day] = workdays.is_weekend_or_holiday(day)  # a day off worked, and back
    workdays.preload_overrides(overrides)
    try:
        day, left = start, count
        while left:
            day += timedelta(days=1)
            worked = overrides.get(day)
            if worked is None:
                worked = not workdays.is_weekend_or_holiday(day)
            left -= worked
        assert workdays.add_working_days(start, count) == day
        assert workdays.working_days_between(start, day) == count
    finally:
        workdays.preload_overrides({})


@given(start=WORK_DAYS, days=st.integers(min_value=0, max_value=200))
@settings(max_examples=150, deadline=None)
def test_counting_working_days_agrees_with_a_day_by_day_count(start, days):
    end = start + timedelta(days=days)
    expected = sum(
        1 for n in range(1, days + 1) if workdays.is_working_day(start + timedelta(days=n))
    )
    assert workdays.working_days_between(start, end) == expected
    assert workdays.working_days_between(end, start) == 0


@given(day=WORK_DAYS)
def test_weekdays_and_weekends(day):
    # A Sunday is never a working day; a Saturday is one only when worked in exchange.
    if day.weekday() == 6:
        assert not workdays.is_working_day(day)


@given(eligible=st.integers(min_value=1, max_value=2000))
def test_votes_needed_is_the_smallest_number_reaching_two_thirds(eligible):
    needed = rules.votes_needed(eligible=eligible, params=PARAMS)
    smallest = next(n for n in range(eligible + 1) if Fraction(n, eligible) >= Fraction(2, 3))
    assert needed == smallest
    assert rules.vote_passes(votes_for=needed, eligible=eligible, params=PARAMS)
    assert not rules.vote_passes(votes_for=needed - 1, eligible=eligible, params=PARAMS)
