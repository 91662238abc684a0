"""Working days in Vietnam: weekends and public holidays (Tết and the other lunar holidays,
substitute days off, and the Saturdays worked in exchange) from the ``holidays`` library."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _calendar(year: int) -> holidays.HolidayBase:
    # One year at a time, with its neighbours, so that a deadline crossing New Year and Tết
    # sees both years' holidays.
    return holidays.country_holidays("VN", years=range(year - 1, year + 3))


def is_working_day(day: date) -> bool:
    return _calendar(day.year).is_working_day(day)


def holiday_name(day: date) -> str | None:
    return _calendar(day.year).get(day)


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
