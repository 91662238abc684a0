"""Dashboard figures: quota progress, forecast and the composition of admissions.

``dashboard(...)`` runs a fixed number of aggregate queries, whatever the number of
organisations, and returns plain data that the HTML page, the JSON and the workbook all
render, so the three can never disagree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    When,
)
from django.utils.translation import gettext_lazy

from . import rules
from .choices import KINH
from .models import Candidate, Member, Organisation, Quota, StageRecord, Term

Stage = Candidate.Stage

#: Stages a candidate can be counted in as "in the pipeline" (not yet admitted).
PIPELINE_STAGES = [stage for stage in Candidate.PIPELINE if stage not in ("decision", "ceremony")]
#: Age bands of the central form "Biểu 2": 18–30, 31–35, ..., 56–60, over 60.
AGE_BANDS = [(18, 30), (31, 35), (36, 40), (41, 45), (46, 50), (51, 55), (56, 60), (61, 200)]
#: How far back the forecast looks for the committee's own stage-to-admission history.
FORECAST_HISTORY_YEARS = 3


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


@dataclass
class OrganisationRow:
    id: int
    code: str
    name: str
    category: str
    category_label: str
    quota: int | None
    admitted: int
    admitted_last_year: int
    admitted_in_term: int
    trained: int
    pipeline: dict[str, int]
    status: str
    status_label: str = ""

    @property
    def percent(self) -> float | None:
        return round(100 * self.admitted / self.quota, 1) if self.quota else None

    @property
    def remaining(self) -> int | None:
        return max(self.quota - self.admitted, 0) if self.quota is not None else None

    @property
    def in_pipeline(self) -> int:
        return sum(self.pipeline.values())

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "percent": self.percent,
            "remaining": self.remaining,
            "in_pipeline": self.in_pipeline,
        }


@dataclass
class Dashboard:
    year: int
    as_of: date
    period: Period
    last_year_period: Period
    organisation: Organisation | None
    term_name: str | None
    term_period: Period | None
    admitted: Figure
    aspiration: int | None
    term: Figure | None
    trained: Figure
    organisations: list[OrganisationRow]
    behind_at_year_end: list[OrganisationRow]
    quotas_sum: int
    monthly: list[dict]
    forecast: dict
    composition: list[dict]
    pipeline: dict[str, int]
    year_fraction: float
    extra: dict = field(default_factory=dict)


STATUS_LABELS = {
    "met": gettext_lazy("Met"),
    "on_track": gettext_lazy("On track"),
    "behind": gettext_lazy("Behind"),
    "none": gettext_lazy("None admitted yet"),
    "no_quota": gettext_lazy("No quota"),
}


def organisation_status(admitted: int, quota: int | None, fraction: float) -> str:
    """met / on track (at or above the even pace) / behind / none admitted yet."""
    if quota is None or quota == 0:
        return "no_quota" if admitted == 0 else "met"
    if admitted >= quota:
        return "met"
    if admitted == 0:
        return "none"
    if admitted >= quota * fraction:
        return "on_track"
    return "behind"


def year_fraction(year: int, as_of: date) -> float:
    """Share of the year elapsed on ``as_of`` (1 after the year, 0 before it)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if as_of >= end:
        return 1.0
    if as_of < start:
        return 0.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def dashboard(*, year: int, as_of: date, organisation: Organisation | None = None) -> Dashboard:
    """Every figure of the dashboard for ``year`` as of ``as_of``, for the whole committee or
    one organisation. Runs eight queries, however many organisations there are."""

    date_field = admission_date_field()
    period = Period(date(year, 1, 1), min(as_of, date(year, 12, 31)))
    last_period = Period(date(year - 1, 1, 1), same_day_last_year(period.end))
    fraction = year_fraction(year, as_of)

    # Admissions whose decision was later cancelled do not count.
    cancelled = Candidate.objects.filter(member=OuterRef("pk"), stage=Stage.CANCELLED)
    members = Member.objects.exclude(Exists(cancelled))
    candidates = Candidate.objects.all()
    records = StageRecord.objects.all()
    if organisation is not None:
        members = members.filter(cell__organisation=organisation)
        candidates = candidates.filter(cell__organisation=organisation)
        records = records.filter(candidate__cell__organisation=organisation)

    # Query 1: the term that the year's period ends in.
    term = (
        Term.objects.filter(start_date__lte=period.end, end_date__gte=period.start)
        .order_by("-start_date")
        .first()
    )
    term_period = Period(term.start_date, min(as_of, term.end_date)) if term else None

    # Query 2: the quotas of the year and of the term, committee-wide and per organisation.
    quota_filter = Q(year=year) | (Q(term=term) if term else Q(pk__in=[]))
    quotas = list(
        Quota.objects.filter(quota_filter).values_list(
            "organisation_id", "kind", "basis", "year", "target"
        )
    )
    committee_quota = {
        (kind, basis, bool(q_year)): target
        for org_id, kind, basis, q_year, target in quotas
        if org_id is None
    }
    org_quotas = {
        org_id: target
        for org_id, kind, basis, q_year, target in quotas
        if org_id is not None and kind == "admissions" and basis == "assigned" and q_year
    }

    # Query 3: the grassroots organisations active in the year.
    organisations = Organisation.objects.grassroots().filter(
        Q(active_to__isnull=True) | Q(active_to__gte=period.start), active_from__lte=period.end
    )
    if organisation is not None:
        organisations = organisations.filter(pk=organisation.pk)
    org_list = list(organisations.order_by("code").values("id", "code", "name", "category"))

    # Query 4: this year's and last year's admissions in their periods, one row each, with what
    # the composition needs. Grouped in memory: by organisation, by month, by category.
    admission_rows = list(
        members.filter(
            Q(**{f"{date_field}__range": (period.start, period.end)})
            | Q(**{f"{date_field}__range": (last_period.start, last_period.end)})
        ).values_list(
            "cell__organisation_id",
            date_field,
            "date_of_birth",
            "gender",
            "ethnicity",
            "religion",
            "youth_union_member",
            "occupation",
            "general_education",
            "professional_level",
            "political_theory",
        )
    )
    this_year = [row for row in admission_rows if row[1] in period]
    last_year = [row for row in admission_rows if row[1] in last_period]
    by_org = Counter(row[0] for row in this_year)
    by_org_last = Counter(row[0] for row in last_year)

    # Query 5: admissions in the term so far, per organisation.
    term_by_org: dict[int, int] = {}
    if term_period:
        term_by_org = dict(
            members.filter(**{f"{date_field}__range": (term_period.start, term_period.end)})
            .values_list("cell__organisation_id")
            .annotate(n=Count("id"))
            .order_by()
        )

    # Query 6: open candidates by organisation and stage.
    pipeline_rows = (
        candidates.filter(stage__in=PIPELINE_STAGES)
        .values_list("cell__organisation_id", "stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    pipeline_by_org: dict[int, dict[str, int]] = defaultdict(dict)
    pipeline_total: Counter = Counter()
    for org_id, stage, n in pipeline_rows:
        pipeline_by_org[org_id][stage] = n
        pipeline_total[stage] += n

    # Query 7: elite candidates trained (awareness course completed) this period and the same
    # period last year, per organisation.
    trained_rows = (
        records.filter(stage=Stage.TRAINED, date__range=(last_period.start, period.end))
        .values_list("candidate__cell__organisation_id")
        .annotate(
            now=Count("id", filter=Q(date__range=(period.start, period.end))),
            before=Count("id", filter=Q(date__range=(last_period.start, last_period.end))),
        )
        .order_by()
    )
    trained_by_org = {}
    trained_last = 0
    for org_id, now, before in trained_rows:
        trained_by_org[org_id] = now
        trained_last += before

    # Query 8: the committee's own history, per stage, for the forecast.
    year_end = date(year, 12, 31)
    days_left = max((year_end - as_of).days, 0)
    history = forecast_history(records, as_of=as_of, days_left=days_left)

    category_labels = {value: str(label) for value, label in Organisation.Category.choices}
    status_labels = {key: str(label) for key, label in STATUS_LABELS.items()}
    rows = []
    for org in org_list:
        quota = org_quotas.get(org["id"])
        admitted = by_org.get(org["id"], 0)
        status = organisation_status(admitted, quota, fraction)
        rows.append(
            OrganisationRow(
                id=org["id"],
                code=org["code"],
                name=org["name"],
                category=org["category"],
                category_label=category_labels.get(org["category"], org["category"]),
                quota=quota,
                admitted=admitted,
                admitted_last_year=by_org_last.get(org["id"], 0),
                admitted_in_term=term_by_org.get(org["id"], 0),
                trained=trained_by_org.get(org["id"], 0),
                pipeline={
                    stage: pipeline_by_org[org["id"]].get(stage, 0) for stage in PIPELINE_STAGES
                },
                status=status,
                status_label=status_labels[status],
            )
        )

    if organisation is None:
        year_target = committee_quota.get(("admissions", "assigned", True))
        aspiration = committee_quota.get(("admissions", "aspiration", True))
        term_target = committee_quota.get(("admissions", "assigned", False))
        training_target = committee_quota.get(("training", "assigned", True))
    else:
        year_target = org_quotas.get(organisation.pk)
        aspiration = None
        term_target = next(
            (
                t
                for o, k, b, y, t in quotas
                if o == organisation.pk and k == "admissions" and b == "assigned" and not y
            ),
            None,
        )
        training_target = next(
            (
                t
                for o, k, b, y, t in quotas
                if o == organisation.pk and k == "training" and b == "assigned" and y
            ),
            None,
        )

    admitted = Figure(len(this_year), year_target, len(last_year))
    term_figure = (
        Figure(
            sum(term_by_org.values())
            if organisation is None
            else term_by_org.get(organisation.pk, 0),
            term_target,
        )
        if term_period
        else None
    )
    trained = Figure(sum(trained_by_org.values()), training_target, trained_last)
    forecast = build_forecast(
        history=history,
        pipeline=pipeline_total,
        days_left=days_left,
        admitted=admitted.value,
        target=year_target,
    )
    return Dashboard(
        year=year,
        as_of=as_of,
        period=period,
        last_year_period=last_period,
        organisation=organisation,
        term_name=term.name if term else None,
        term_period=term_period,
        admitted=admitted,
        aspiration=aspiration,
        term=term_figure,
        trained=trained,
        organisations=rows,
        behind_at_year_end=[row for row in rows if row.quota and row.admitted < row.quota]
        if fraction >= 1
        else [],
        quotas_sum=sum(org_quotas.values()),
        monthly=monthly_series(this_year, last_year, year, period, year_target),
        forecast=forecast,
        composition=composition(this_year, last_year),
        pipeline={stage: pipeline_total.get(stage, 0) for stage in PIPELINE_STAGES},
        year_fraction=fraction,
    )


def monthly_series(
    this_year, last_year, year: int, period: Period, target: int | None
) -> list[dict]:
    """Cumulative admissions at the end of each month, this year (up to the as-of date) and
    last year, beside the even pace of the quota."""
    this_by_month = Counter(row[1].month for row in this_year)
    last_by_month = Counter(row[1].month for row in last_year)
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


def build_forecast(*, history: dict, pipeline, days_left: int, admitted: int, target) -> dict:
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


def _band_label(low: int, high: int) -> str:
    from django.utils.translation import gettext as _

    return _("over 60") if low > 60 else f"{low}–{high}"


def _composition_keys(row) -> list:
    """Every line of "Biểu 2" that an admission counts in, computed once per admission."""
    age = rules.age_in_years(row[2], row[1])
    band = next((low, high) for low, high in AGE_BANDS if age <= high) if age >= 18 else None
    keys = ["total", ("religion", row[5]), ("occupation", row[7]), ("age", band)]
    keys += [("education", row[8] if row[8] in ("12/12", "10/10") else "other")]
    keys += [("professional", row[9]), ("theory", row[10])]
    if row[3] == "female":
        keys.append("women")
    if row[4] != KINH:
        keys.append("minorities")
    if row[6]:
        keys.append("youth_union")
    return keys


def _tally(rows: list) -> tuple[Counter, int]:
    """Counts per line and the sum of ages at admission, in one pass over the admissions."""
    counts: Counter = Counter()
    age_total = 0
    for row in rows:
        counts.update(_composition_keys(row))
        age_total += rules.age_in_years(row[2], row[1])
    return counts, age_total


def composition(this_year: list, last_year: list) -> list[dict]:
    """The rows of "Biểu 2": each a label, this period's count and share, last year's."""
    from django.utils.translation import gettext as _

    from .choices import Occupation, PoliticalTheory, ProfessionalLevel, Religion

    now, now_ages = _tally(this_year)
    before, before_ages = _tally(last_year)

    def line(group: str, label: str, key) -> dict:
        value, previous = now.get(key, 0), before.get(key, 0)
        return {
            "group": group,
            "label": label,
            "value": value,
            "percent": round(100 * value / len(this_year), 1) if this_year else None,
            "last_year": previous,
            "last_year_percent": round(100 * previous / len(last_year), 1) if last_year else None,
        }

    lines = [
        line(_("Total"), _("New members admitted"), "total"),
        line(_("Total"), _("Women"), "women"),
        line(_("Total"), _("Ethnic minorities"), "minorities"),
        line(_("Total"), _("Youth Union members"), "youth_union"),
    ]
    lines += [
        line(_("Religion"), str(label), ("religion", value))
        for value, label in Religion.choices
        if value != Religion.NONE
    ]
    lines += [
        line(_("Occupation"), str(label), ("occupation", v)) for v, label in Occupation.choices
    ]
    lines += [
        line(_("Age at admission"), _band_label(low, high), ("age", (low, high)))
        for low, high in AGE_BANDS
    ]
    lines.append(
        {
            "group": _("Age at admission"),
            "label": _("Average age"),
            "value": round(now_ages / len(this_year), 1) if this_year else None,
            "percent": None,
            "last_year": round(before_ages / len(last_year), 1) if last_year else None,
            "last_year_percent": None,
        }
    )
    lines += [
        line(_("General education"), grade, ("education", grade)) for grade in ("12/12", "10/10")
    ]
    lines.append(line(_("General education"), _("Other"), ("education", "other")))
    lines += [
        line(_("Professional level"), str(label), ("professional", value))
        for value, label in ProfessionalLevel.choices
    ]
    lines += [
        line(_("Political theory"), str(label), ("theory", value))
        for value, label in PoliticalTheory.choices
    ]
    return lines


def nobody_admitted(board: Dashboard) -> list[OrganisationRow]:
    return [row for row in board.organisations if row.admitted == 0]


def as_dict(board: Dashboard) -> dict:
    """The dashboard as JSON-ready data (dates as ISO strings)."""
    return {
        "year": board.year,
        "as_of": board.as_of.isoformat(),
        "organisation": (
            {
                "id": board.organisation.pk,
                "code": board.organisation.code,
                "name": board.organisation.name,
            }
            if board.organisation
            else None
        ),
        "period": {"start": board.period.start.isoformat(), "end": board.period.end.isoformat()},
        "last_year_period": {
            "start": board.last_year_period.start.isoformat(),
            "end": board.last_year_period.end.isoformat(),
        },
        "admitted": board.admitted.as_dict(),
        "aspiration": board.aspiration,
        "term": (
            {
                "name": board.term_name,
                "start": board.term_period.start.isoformat(),
                "end": board.term_period.end.isoformat(),
                **board.term.as_dict(),
            }
            if board.term
            else None
        ),
        "trained": board.trained.as_dict(),
        "quotas_sum": board.quotas_sum,
        "year_fraction": round(board.year_fraction, 4),
        "pipeline": {str(stage): n for stage, n in board.pipeline.items()},
        "monthly": board.monthly,
        "forecast": {
            **board.forecast,
            "stages": [{**item, "stage": str(item["stage"])} for item in board.forecast["stages"]],
        },
        "composition": board.composition,
        "organisations": [row.as_dict() for row in board.organisations],
        "behind_at_year_end": [row.code for row in board.behind_at_year_end],
    }
