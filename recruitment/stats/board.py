"""The dashboard of a year as of a day: its queries, the figures built from them, and the
JSON-ready form of the whole."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)

from ..asof import Lineage, Successions, active_on_filter, carry_targets, with_organisation_on
from ..committee import Committee, current_committee
from ..models import Candidate, Member, Organisation, Quota, StageRecord, Term
from ..querysets import NO_TARGETS, QuotaTargets, Targets
from ..together import together
from .columns import json_row
from .composition import PERSON_FIELDS, Tally, composition, tally
from .figures import (
    PIPELINE_STAGES,
    Figure,
    Period,
    admission_date_field,
    monthly_series,
    same_day_last_year,
    year_fraction,
)
from .forecast import build_forecast, forecast_history
from .organisations import (
    OrganisationCounts,
    OrganisationRow,
    behind_at_year_end,
    organisation_rows,
)

Stage = Candidate.Stage


@dataclass
class Dashboard:
    year: int
    as_of: date
    period: Period
    last_year_period: Period
    organisation: Organisation | None
    #: The committee at the top on the as-of date (its title heads the page and workbook).
    committee: Committee | None
    term_name: str | None
    term_period: Period | None
    admitted: Figure
    #: Admitted by the decision, the ceremony not yet held (not yet probationary).
    awaiting_ceremony: int
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


@dataclass
class Scope:
    """The admissions (less those whose decision was cancelled), the candidates and their
    stage records of the whole committee or of one organisation. No query."""

    members: QuerySet
    candidates: QuerySet
    records: QuerySet
    #: The admissions and stage records counted for the whole scope (the composition, the
    #: forecast), not by organisation: for the committee, with no join to find each cell's
    #: organisation of the day.
    admitted: QuerySet
    history: QuerySet

    @classmethod
    def of(cls, lineage: Lineage | None, day: date) -> Scope:
        """Each row with the organisation its cell belonged to on ``day``
        (``organisation_then``); for one organisation, the rows of the cells of that day of
        its lineage (itself and those whose work it carries on)."""
        cancelled = Candidate.objects.filter(member=OuterRef("pk"), stage=Stage.CANCELLED)
        scope = cls(
            members=with_organisation_on(Member.objects.exclude(Exists(cancelled)), day),
            candidates=with_organisation_on(Candidate.objects.all(), day),
            records=with_organisation_on(StageRecord.objects.all(), day, "candidate__cell"),
            admitted=Member.objects.exclude(Exists(cancelled)),
            history=StageRecord.objects.all(),
        )
        if lineage is not None:
            scope.members = scope.members.filter(lineage.filter())
            scope.candidates = scope.candidates.filter(lineage.filter())
            scope.records = scope.records.filter(lineage.filter(cell_field="candidate__cell_id"))
            scope.admitted = scope.members
            scope.history = scope.records
        return scope


def lineage_targets(targets: QuotaTargets, lineage: Lineage | None) -> QuotaTargets:
    """The targets one organisation's dashboard shows: those of its lineage's organisations
    whose work passed to it alone (not those of an organisation split among several, which
    belong to it undivided). No query."""
    if lineage is None:
        return targets
    return QuotaTargets(
        committee=targets.committee,
        organisations={
            pk: found for pk, found in targets.organisations.items() if pk in lineage.whole
        },
    )


def year_targets(year: int, term: Term | None, day: date, lineage: Lineage | None):
    """The quotas of the year and the term, those of ended organisations passed to their
    successors by ``day``, limited to the lineage if given. Two queries."""
    found = Quota.objects.targets(year=year, term=term)
    return lineage_targets(carry_targets(found, Successions.on(day)), lineage)


def summed(targets: QuotaTargets) -> Targets:
    """The organisations' targets added up, each kind apart (None where none is set)."""
    found = targets.organisations.values()
    return Targets(
        **{
            name: (
                sum(getattr(one, name) for one in found if getattr(one, name) is not None)
                if any(getattr(one, name) is not None for one in found)
                else None
            )
            for name in Targets.__dataclass_fields__
        }
    )


def term_of(period: Period) -> Term | None:
    """The term that the year's period ends in. One query."""
    return (
        Term.objects.filter(start_date__lte=period.end, end_date__gte=period.start)
        .order_by("-start_date")
        .first()
    )


def active_organisations(period: Period, lineage: Lineage | None) -> list[dict]:
    """The grassroots organisations active in the period (those of the lineage, if given), by
    code: their
    id, code, name, category and whether they are active on its last day (``current``). One
    query."""
    organisations = (
        Organisation.objects.grassroots()
        .filter(
            Q(active_to__isnull=True) | Q(active_to__gte=period.start),
            active_from__lte=period.end,
        )
        .annotate(
            current=ExpressionWrapper(active_on_filter(period.end), output_field=BooleanField())
        )
    )
    if lineage is not None:
        organisations = organisations.filter(pk__in=lineage.organisations)
    return list(organisations.order_by("code").values("id", "code", "name", "category", "current"))


def shown_organisations(
    organisations: list[dict], targets: QuotaTargets, counts: OrganisationCounts
) -> list[dict]:
    """Those active on the period's last day, and those ended in the period that still have
    a figure or target of their own there (a dissolved organisation whose work nobody
    carries on), so that the rows add up to the committee's figures. No query."""
    figures = (
        counts.admitted,
        counts.admitted_last_year,
        counts.admitted_in_term,
        counts.trained,
        counts.pipeline,
    )
    return [
        org
        for org in organisations
        if org["current"]
        or any(found.get(org["id"]) for found in figures)
        or targets.of(org["id"]) != NO_TARGETS
    ]


def plain_rows(queryset: QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` queryset fetched at once by the database cursor, without
    the queryset's row-by-row machinery (a third of the time for the tens of thousands of a
    province's admissions). Only for columns the database driver gives as Python values
    (dates and booleans of model fields, numbers). One query."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass
class Admissions:
    """This year's and last year's admissions counted (``composition.Tally``), and those
    admitted by the end of the period who await their ceremony."""

    this_year: Tally
    last_year: Tally
    awaiting: int


def admissions(members: QuerySet, period: Period, last_period: Period) -> Admissions:
    """The admissions of this year's and last year's periods, and those admitted by the end
    of the period who await their ceremony, read as plain rows (the date that counts, none
    while the ceremony is awaited if it is the ceremony, the PERSON_FIELDS, whether awaited)
    and counted a column at a time. One query."""
    date_field = admission_date_field()
    awaiting = Q(
        status=Member.Status.PROBATIONARY,
        ceremony_date__isnull=True,
        decision_date__lte=period.end,
    )
    rows = members.filter(
        Q(**{f"{date_field}__range": (period.start, period.end)})
        | Q(**{f"{date_field}__range": (last_period.start, last_period.end)})
        | awaiting
    ).annotate(awaiting=ExpressionWrapper(awaiting, output_field=BooleanField()))
    found = plain_rows(rows.values_list(date_field, *PERSON_FIELDS, "awaiting").order_by())
    now = [row for row in found if row[0] is not None and period.start <= row[0] <= period.end]
    before = [
        row
        for row in found
        if row[0] is not None and last_period.start <= row[0] <= last_period.end
    ]
    waiting = sum(1 for row in found if row[-1])
    return Admissions(tally(now), tally(before), waiting)


def organisation_admissions(
    members: QuerySet, period: Period, last_period: Period, term_period: Period | None
) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Admissions per organisation (of the as-of day) this year, in the same period last
    year and in the term so far, counted together. One query."""
    date_field = admission_date_field()
    periods = [period, last_period, *([term_period] if term_period else [])]
    within = {
        f"n{number}": Count("id", filter=Q(**{f"{date_field}__range": (found.start, found.end)}))
        for number, found in enumerate(periods)
    }
    first, last = min(found.start for found in periods), max(found.end for found in periods)
    rows = (
        members.filter(**{f"{date_field}__range": (first, last)})
        .values_list("organisation_then")
        .annotate(**within)
        .order_by()
    )
    this_year, last_year, in_term = {}, {}, {}
    for organisation_id, now, before, *term in plain_rows(rows):
        this_year[organisation_id], last_year[organisation_id] = now, before
        if term:
            in_term[organisation_id] = term[0]
    return this_year, last_year, in_term


def open_pipeline(candidates: QuerySet) -> tuple[dict[int, dict[str, int]], Counter]:
    """Open candidates per organisation and stage, and per stage in all. One query."""
    rows = (
        candidates.filter(stage__in=PIPELINE_STAGES)
        .values_list("organisation_then", "stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_organisation: dict[int, dict[str, int]] = defaultdict(dict)
    total: Counter = Counter()
    for organisation_id, stage, n in plain_rows(rows):
        by_organisation[organisation_id][stage] = n
        total[stage] += n
    return by_organisation, total


def trained_candidates(
    records: QuerySet, period: Period, last_period: Period
) -> tuple[dict[int, int], int]:
    """Elite candidates trained (awareness course completed) in the period, per organisation,
    and in the same period last year, in all. One query."""
    rows = (
        records.filter(stage=Stage.TRAINED, date__range=(last_period.start, period.end))
        .values_list("organisation_then")
        .annotate(
            now=Count("id", filter=Q(date__range=(period.start, period.end))),
            before=Count("id", filter=Q(date__range=(last_period.start, last_period.end))),
        )
        .order_by()
    )
    by_organisation = {}
    last_year = 0
    for organisation_id, now, before in plain_rows(rows):
        by_organisation[organisation_id] = now
        last_year += before
    return by_organisation, last_year


@dataclass
class Parts:
    """What queries 2 to 9 of the dashboard read, each part on its own."""

    admitted: Admissions
    counts: OrganisationCounts
    pipeline_total: Counter
    trained_last_year: int
    history: dict[str, dict]
    targets: QuotaTargets
    organisations: list[dict]


def read_parts(
    period: Period,
    last_period: Period,
    term_period: Period | None,
    term: Term | None,
    lineage: Lineage | None,
    scope: Scope,
    *,
    as_of: date,
) -> Parts:
    """Queries 2 to 9, independent of each other and run at once where the database allows
    (``together``), the longest part first. 2: the quotas of the year and the term; 3: the
    successions in force on the day, to pass the targets of merged and split organisations
    on; 4: the organisations; 5: this year's and last year's admissions, counted by month and
    by the lines of the composition; 6: per organisation this year, last year and in the
    term; 7: open candidates; 8: candidates trained; 9: the committee's own history for the
    forecast."""
    days_left = max((date(period.start.year, 12, 31) - as_of).days, 0)
    (
        admitted,
        (admitted_now, admitted_before, in_term),
        history,
        (pipeline, pipeline_total),
        (trained, trained_last_year),
        targets,
        organisations,
    ) = together(
        lambda: admissions(scope.admitted, period, last_period),
        lambda: organisation_admissions(scope.members, period, last_period, term_period),
        lambda: forecast_history(scope.history, as_of=as_of, days_left=days_left),
        lambda: open_pipeline(scope.candidates),
        lambda: trained_candidates(scope.records, period, last_period),
        lambda: year_targets(period.start.year, term, period.end, lineage),
        lambda: active_organisations(period, lineage),
    )
    counts = OrganisationCounts(
        admitted=admitted_now,
        admitted_last_year=admitted_before,
        admitted_in_term=in_term,
        trained=trained,
        pipeline=pipeline,
    )
    return Parts(
        admitted, counts, pipeline_total, trained_last_year, history, targets, organisations
    )


def dashboard(*, year: int, as_of: date, organisation: Organisation | None = None) -> Dashboard:
    """Every figure of the dashboard for ``year`` as of ``as_of``, for the whole committee or
    one organisation, in the structure of the period's last day: the organisations active
    then, each with the figures of the cells it had then and the targets of those whose work
    it carries on; for one organisation, those of its lineage (``asof.Lineage``: before a
    merger, the organisations merged into it; before a split, the cells it received). Nine
    queries (eleven for one organisation), however many organisations there are."""
    period = Period(date(year, 1, 1), min(as_of, date(year, 12, 31)))
    last_period = Period(date(year - 1, 1, 1), same_day_last_year(period.end))
    fraction = year_fraction(year, as_of)
    # For one organisation, queries 1 and 2: the successions and the cells of the splits.
    lineage = Lineage.of(organisation.pk) if organisation is not None else None
    scope = Scope.of(lineage, period.end)
    # Query 1: the term; then queries 2 to 9 (``read_parts``).
    term = term_of(period)
    term_period = Period(term.start_date, min(as_of, term.end_date)) if term else None
    days_left = max((date(year, 12, 31) - as_of).days, 0)
    parts = read_parts(period, last_period, term_period, term, lineage, scope, as_of=as_of)
    this_year, last_year = parts.admitted.this_year, parts.admitted.last_year
    targets, counts, in_term = parts.targets, parts.counts, parts.counts.admitted_in_term
    pipeline_total, history = parts.pipeline_total, parts.history
    organisations = parts.organisations
    rows = organisation_rows(
        shown_organisations(organisations, targets, counts),
        targets=targets,
        counts=counts,
        fraction=fraction,
    )
    # The committee's targets, or the organisation's (which has no aspiration of its own).
    own = targets.committee if organisation is None else summed(targets)
    admitted = Figure(this_year.total, own.admissions, last_year.total)
    return Dashboard(
        year=year,
        as_of=as_of,
        period=period,
        last_year_period=last_period,
        organisation=organisation,
        committee=current_committee(on=as_of),
        term_name=term.name if term else None,
        term_period=term_period,
        admitted=admitted,
        awaiting_ceremony=parts.admitted.awaiting,
        aspiration=own.aspiration if organisation is None else None,
        term=Figure(sum(in_term.values()), own.term) if term_period else None,
        trained=Figure(sum(counts.trained.values()), own.training, parts.trained_last_year),
        organisations=rows,
        behind_at_year_end=behind_at_year_end(rows, fraction),
        quotas_sum=sum(found.admissions or 0 for found in targets.organisations.values()),
        monthly=monthly_series(
            this_year.by_month, last_year.by_month, year, period, own.admissions
        ),
        forecast=build_forecast(
            history=history,
            pipeline=pipeline_total,
            days_left=days_left,
            admitted=admitted.value,
            target=own.admissions,
        ),
        composition=composition(this_year, last_year),
        pipeline={stage: pipeline_total.get(stage, 0) for stage in PIPELINE_STAGES},
        year_fraction=fraction,
    )


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
        "committee": (
            {"title": board.committee.title, "level": board.committee.level}
            if board.committee
            else None
        ),
        "period": {"start": board.period.start.isoformat(), "end": board.period.end.isoformat()},
        "last_year_period": {
            "start": board.last_year_period.start.isoformat(),
            "end": board.last_year_period.end.isoformat(),
        },
        "admitted": board.admitted.as_dict(),
        "awaiting_ceremony": board.awaiting_ceremony,
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
        "organisations": [json_row(row) for row in board.organisations],
        "behind_at_year_end": [row.code for row in board.behind_at_year_end],
    }
