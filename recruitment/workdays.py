"""Working days in Vietnam: weekends and public holidays (Tết and the other lunar holidays,
substitute days off, and the Saturdays worked in exchange) from the ``holidays`` library,
corrected by the days off and working Saturdays staff enter (``WorkdayOverride``), which
the library may not know yet (the 2026 New Year swap of công văn 12729/VPCP-KGVX)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date
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
#: No overrides (no loader): always the same object, so that the year index is kept.
_NO_OVERRIDES: dict[date, bool] = {}
#: The overrides the year index was built with, and the index (year → working-day ordinals).
_index: tuple[dict[date, bool] | None, dict[int, list[int]]] = (None, {})


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
        return _NO_OVERRIDES
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
    """The holiday calendar's answer, kept: the calendar page and the year index ask again."""
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


def _year_index(year: int, found: dict[date, bool]) -> list[int]:
    """The working days of ``year`` as ordinals, in order, under the overrides ``found``.
    Built once per year and kept until the overrides change (a new ``found``): a deadline is
    then a binary search instead of a walk of forty-odd days, each asked of the calendar."""
    global _index
    index = _index
    if index[0] is not found:
        # A new index for the new overrides; a thread still on the old ones fills the old.
        index = _index = (found, {})
    days = index[1].get(year)
    if days is None:
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        days = [
            ordinal
            for ordinal in range(first, last + 1)
            if _working(date.fromordinal(ordinal), found)
        ]
        index[1][year] = days
    return days


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
    if count <= 0:
        return start
    found = overrides()
    after = start.toordinal()
    year = start.year
    while True:
        days = _year_index(year, found)
        position = bisect_right(days, after) + count - 1
        if position < len(days):
            return date.fromordinal(days[position])
        count = position - len(days) + 1
        year += 1


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    found = overrides()
    first, last = start.toordinal(), end.toordinal()
    return sum(
        bisect_right(days, last) - bisect_right(days, first)
        for days in (_year_index(year, found) for year in range(start.year, end.year + 1))
    )
