"""The working-day calendar: the staff's overrides fed to ``workdays``, and a year's months
as the calendar page shows them."""

import calendar as months_calendar
from dataclasses import dataclass
from datetime import date

from django.db.models.signals import post_delete, post_save

from . import datacache, workdays
from .models import WorkdayOverride


def load_overrides() -> dict[date, bool]:
    """Every override as {day: is a working day}. One query."""
    return {
        day: kind == WorkdayOverride.Kind.WORKING_DAY
        for day, kind in WorkdayOverride.objects.values_list("date", "kind")
    }


def connect() -> None:
    """Called once the app is ready: deadlines read the overrides, and forget them when one
    is saved or deleted, or once another process has changed the data (``datacache``)."""
    workdays.use_overrides(load_overrides)
    datacache.when_data_changes(workdays.forget_overrides)
    for signal in (post_save, post_delete):
        signal.connect(
            workdays.forget_overrides,
            sender=WorkdayOverride,
            dispatch_uid=f"recruitment.workday_overrides.{signal is post_save}",
        )


@dataclass(frozen=True)
class Day:
    day: date | None
    working: bool = False
    holiday: str = ""
    override: WorkdayOverride | None = None


def year_months(year: int, changes: list[WorkdayOverride]) -> list[tuple[int, list[list[Day]]]]:
    """Each month of ``year`` as weeks (Monday first) of days, with what makes each day off
    or worked (``changes``: the year's overrides)."""
    changes_by_day = {item.date: item for item in changes}
    weeks_calendar = months_calendar.Calendar(firstweekday=0)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in weeks_calendar.monthdatescalendar(year, month):
            weeks.append(
                [
                    Day(
                        day=day,
                        working=workdays.is_working_day(day),
                        holiday=workdays.holiday_name(day) or "",
                        override=changes_by_day.get(day),
                    )
                    if day.month == month
                    else Day(day=None)
                    for day in week
                ]
            )
        months.append((month, weeks))
    return months
