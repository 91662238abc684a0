"""Working days before the app feeds the staff's overrides, and the calendar alone (before
the overrides): National Day, a weekend, the 2026 New Year swap's Friday."""

from datetime import date

from recruitment import calendar, workdays


def test_without_an_overrides_loader_there_are_none(db):
    workdays.use_overrides(None)
    try:
        assert workdays.overrides() == {}
        # Friday 02/01/2026 is a working day by the calendar alone.
        assert workdays.is_working_day(date(2026, 1, 2))
    finally:
        workdays.use_overrides(calendar.load_overrides)
        workdays.preload_overrides({})


def test_weekends_and_holidays_by_the_calendar_alone():
    assert workdays.is_weekend_or_holiday(date(2024, 9, 2))  # National Day, a Monday
    assert workdays.is_weekend_or_holiday(date(2024, 9, 7))  # a Saturday
    assert not workdays.is_weekend_or_holiday(date(2024, 9, 4))  # a Wednesday
    # The 2026 swap makes Friday 02/01 a day off, but only through the staff's overrides.
    workdays.preload_overrides({date(2026, 1, 2): False})
    assert not workdays.is_weekend_or_holiday(date(2026, 1, 2))
    assert not workdays.is_working_day(date(2026, 1, 2))


def test_the_overrides_come_from_the_loader_the_app_gives(db):
    swap = {date(2026, 1, 2): False, date(2026, 1, 10): True}
    workdays.use_overrides(lambda: swap)
    try:
        assert workdays.overrides() == swap
        assert not workdays.is_working_day(date(2026, 1, 2))
        assert workdays.is_working_day(date(2026, 1, 10))  # a Saturday worked
    finally:
        workdays.use_overrides(calendar.load_overrides)
        workdays.preload_overrides({})
