"""The forecast: how many admissions the open pipeline can still deliver by 31 December,
from the committee's own history of how long candidates took from each stage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    When,
)

from ..models import Candidate
from .figures import PIPELINE_STAGES

Stage = Candidate.Stage

#: How far back the forecast looks for the committee's own stage-to-admission history.
FORECAST_HISTORY_YEARS = 3


def forecast_history(records, *, as_of: date, days_left: int) -> dict[str, dict]:
    """Per stage, over the last FORECAST_HISTORY_YEARS years up to ``as_of``: how many stage
    records there were, how many of those candidates were admitted by ``as_of``, how many
    within ``days_left`` days of the stage, and the average days it took. One query.

    A candidate's admission date is the decision date of the member they became, unless the
    decision was cancelled."""
    decided = Case(
        When(candidate__stage=Stage.CANCELLED, then=None),
        default=F("candidate__member__decision_date"),
        output_field=DateField(),
    )
    delay = ExpressionWrapper(F("decided") - F("date"), output_field=DurationField())
    admitted = Q(decided__isnull=False, decided__lte=as_of)
    rows = (
        records.filter(
            date__range=(date(as_of.year - FORECAST_HISTORY_YEARS, 1, 1), as_of),
            stage__in=PIPELINE_STAGES,
        )
        .annotate(decided=decided)
        .annotate(delay=delay)
        .values("stage")
        .annotate(
            observed=Count("id"),
            admitted=Count("id", filter=admitted),
            admitted_within=Count("id", filter=admitted & Q(delay__lte=timedelta(days=days_left))),
            average_delay=Avg("delay", filter=admitted),
        )
        .order_by()
    )
    return {row["stage"]: row for row in rows}


def build_forecast(
    *, history: dict, pipeline: Mapping[str, int], days_left: int, admitted: int, target
) -> dict:
    """How many admissions the open pipeline can still deliver by 31 December.

    For each stage, the committee's own history gives the share of candidates recorded at
    that stage who were admitted within the days left in the year (decision date minus the
    stage's date). Expected admissions = candidates now at the stage × that share.
    """
    stages = []
    expected_total = 0.0
    for stage in PIPELINE_STAGES:
        observed = history.get(stage, {})
        count = observed.get("observed", 0)
        within = observed.get("admitted_within", 0)
        average = observed.get("average_delay")
        rate = within / count if count else 0.0
        now = pipeline.get(stage, 0)
        expected = now * rate
        expected_total += expected
        stages.append(
            {
                "stage": stage,
                "label": str(Stage(stage).label),
                "candidates": now,
                "observed": count,
                "admitted": observed.get("admitted", 0),
                "admitted_within": within,
                "rate": round(rate, 3),
                "average_days": round(average.total_seconds() / 86400) if average else None,
                "expected": round(expected, 1),
            }
        )
    projected = admitted + round(expected_total)
    return {
        "days_left": days_left,
        "stages": stages,
        "expected": round(expected_total, 1),
        "projected_total": projected,
        "target": target,
        "will_meet": None if target is None else projected >= target,
    }
