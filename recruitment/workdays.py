"""Working days in Vietnam: weekends and public holidays (Tết and the other lunar holidays,
substitute days off, and the Saturdays worked in exchange) from the ``holidays`` library,
corrected by the days off and working Saturdays staff enter (``WorkdayOverride``), which
the library may not know yet (the 2026 New Year swap of công văn 12729/VPCP-KGVX)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from time import monotonic
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

#: Where the staff's overrides come from (``{day: is a working day}``): set when the app is
#: ready (``calendar.connect``), so that this module needs no database of its own.
_loader: Callable[[], dict[date, bool]] | None = None
_overrides: dict[date, bool] | None = None
_loaded_at = 0.0
#: Another process's change is seen within this many seconds; this process's at once.
OVERRIDES_MAX_AGE = 300.0


def use_overrides(loader: Callable[[], dict[date, bool]] | None) -> None:
    global _loader
    _loader = loader
    forget_overrides()


def forget_overrides(**_signal) -> None:
    """Read the overrides again on the next call (after one is saved or deleted)."""
    global _overrides
    _overrides = None


def preload_overrides(overrides: dict[date, bool]) -> None:
    """Use these overrides until the next change (tests start from none)."""
    global _overrides, _loaded_at
    _overrides, _loaded_at = dict(overrides), monotonic()


def overrides() -> dict[date, bool]:
    """The staff's overrides, one query at most every ``OVERRIDES_MAX_AGE`` seconds."""
    global _overrides, _loaded_at
    if _loader is None:
        return {}
    if _overrides is None or monotonic() - _loaded_at > OVERRIDES_MAX_AGE:
        _overrides, _loaded_at = _loader(), monotonic()
    return _overrides


@cache
def _calendar(year: int) -> holidays.HolidayBase:
    # One year at a time, with its neighbours, so that a deadline crossing New Year and Tết
    # sees both years' holidays.
    # Late import: the library loads every calendar it has (0.03 s, most of it the Islamic
    # one); a process that counts no working day (import_roster, the other commands) is
    # spared it.
    import holidays

    return holidays.country_holidays("VN", years=range(year - 1, year + 3))


@cache
def _library_working_day(day: date) -> bool:
    """The holiday calendar's answer, kept: a deadline page steps through tens of thousands
    of days, each otherwise asked of the library again."""
    return _calendar(day.year).is_working_day(day)


def _working(day: date, found: dict[date, bool]) -> bool:
    """Whether ``day`` is worked: the staff's override (``found``) if there is one, else the
    holiday calendar."""
    override = found.get(day)
    if override is not None:
        return override
    return _library_working_day(day)


def is_working_day(day: date) -> bool:
    return _working(day, overrides())


def holiday_name(day: date) -> str | None:
    return _calendar(day.year).get(day)


def is_weekend_or_holiday(day: date) -> bool:
    """Off by the holiday calendar alone, before the staff's overrides."""
    return not _library_working_day(day)


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
    day = start
    remaining = count
    found = overrides()
    while remaining > 0:
        day += timedelta(days=1)
        if _working(day, found):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    count = 0
    day = start
    found = overrides()
    while day < end:
        day += timedelta(days=1)
        if _working(day, found):
            count += 1
    return count
