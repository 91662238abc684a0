"""What the dashboard counts, over which periods: the stages of the open pipeline, the date an
admission counts by, the periods compared, a count against its target, the share of the
year elapsed and the cumulative series by month."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date

from django.conf import settings

from ..models import Candidate
from ..stages import BEFORE_DECISION

Stage = Candidate.Stage

#: Stages a candidate can be counted in as "in the pipeline" (not yet admitted).
PIPELINE_STAGES = list(BEFORE_DECISION)


def admission_date_field() -> str:
    """The date that counts an admission against a year's quota (a setting)."""
    return "ceremony_date" if settings.QUOTA_COUNT_DATE == "ceremony" else "decision_date"


def same_day_last_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass
class Period:
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Figure:
    """A count against its target and against the same period last year."""

    value: int
    target: int | None = None
    last_year: int | None = None

    @property
    def percent(self) -> float | None:
        return round(100 * self.value / self.target, 1) if self.target else None

    @property
    def remaining(self) -> int | None:
        return max(self.target - self.value, 0) if self.target is not None else None

    @property
    def bar(self) -> int:
        """The progress bar's width in whole percent, at most 100."""
        return min(int(self.percent or 0), 100)

    def as_dict(self) -> dict:
        return {**asdict(self), "percent": self.percent, "remaining": self.remaining}


def year_fraction(year: int, as_of: date) -> float:
    """Share of the year elapsed on ``as_of`` (1 after the year, 0 before it)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if as_of >= end:
        return 1.0
    if as_of < start:
        return 0.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def monthly_series(
    this_by_month: Counter, last_by_month: Counter, year: int, period: Period, target: int | None
) -> list[dict]:
    """Cumulative admissions at the end of each month, this year (up to the as-of date) and
    last year, beside the even pace of the quota, from the admissions of each month."""
    series = []
    running_this = running_last = 0
    for month in range(1, 13):
        running_this += this_by_month.get(month, 0)
        running_last += last_by_month.get(month, 0)
        month_started = date(year, month, 1) <= period.end
        series.append(
            {
                "month": month,
                "cumulative": running_this if month_started else None,
                "cumulative_last_year": running_last
                if date(year - 1, month, 1) <= same_day_last_year(period.end)
                else None,
                "even_pace": round(target * month / 12, 1) if target else None,
            }
        )
    return series
