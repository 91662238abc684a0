"""Statutory deadlines of candidates and probationary members, in working days."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Candidate, Member, RuleSet, StageRecord
from .stages import STAGES
from .states import PIPELINE, DeadlineStatus
from .workdays import add_working_days

#: A deadline within this many days is "due soon".
SOON_DAYS = 30


@dataclass(frozen=True)
class Deadline:
    label: Any  # what is due (a lazy string), or the probation's end for a recognition vote
    due: date
    latest: date | None  # with the extension, where the rules allow one
    person: Candidate | Member | ListedMember
    organisation_id: int
    organisation_name: str

    @property
    def what(self) -> str:
        """Worded when shown: the deadlines page works out thousands and shows a few."""
        if isinstance(self.label, date):
            return str(
                _("Recognition vote (probation ends %(day)s)")
                % {"day": rules.format_date(self.label)}
            )
        return str(self.label)

    def status(self, today: date) -> DeadlineStatus:
        if today > (self.latest or self.due):
            return DeadlineStatus.OVERDUE
        if today > self.due:
            return DeadlineStatus.EXTENSION
        if self.due <= today + timedelta(days=SOON_DAYS):
            return DeadlineStatus.SOON
        return DeadlineStatus.LATER

    def days_left(self, today: date) -> int:
        return (self.due - today).days


class RuleSets:
    """The rule sets, loaded once (one query), looked up by date without further queries."""

    def __init__(self):
        self._sets = list(RuleSet.objects.order_by("-effective_from"))

    def latest_ceremony_due_soon(self, today: date) -> date:
        """No probationary member whose ceremony came after this day has a recognition vote
        overdue or due within ``SOON_DAYS`` of ``today``: the vote is due, at the earliest,
        when the probation ends, and even the shortest probation of any rule set lasts at
        least 365 days a year and 28 a month beyond, less 3 for a month's end
        (``rules.add_months``). The deadlines page asks the database for the others only."""
        months = min(rule_set.probation_months for rule_set in self._sets)
        shortest = 365 * (months // 12) + 28 * (months % 12) - 3
        return today + timedelta(days=SOON_DAYS - shortest)

    def on(self, day: date) -> RuleSet:
        for rule_set in self._sets:
            if rule_set.effective_from <= day:
                return rule_set
        return self._sets[-1]


class RecordedStage(NamedTuple):
    """What a deadline is worked out from: a stage, its date and its document's date."""

    stage: str
    date: date
    document_date: date | None


def recorded_stages(candidates: QuerySet[Candidate]) -> dict[int, list[RecordedStage]]:
    """The stage records of these candidates, by candidate, in one query and as rows (the
    deadlines page reads a committee's thousand-odd records on every visit)."""
    found: dict[int, list[RecordedStage]] = {}
    rows = StageRecord.objects.filter(candidate__in=candidates.values("pk")).order_by()
    for candidate_id, *record in rows.values_list("candidate_id", *RecordedStage._fields):
        found.setdefault(candidate_id, []).append(RecordedStage(*record))
    return found


def candidate_deadlines(
    candidate: Candidate, rule_sets: RuleSets, recorded: list[RecordedStage] | None = None
) -> list[Deadline]:
    """Deadlines of an open candidate: each stage not yet recorded whose deadline's clock
    has started (the stage registry's ``deadline``). Reads ``recorded`` (from
    ``recorded_stages``) or else ``candidate.stage_records.all()`` (prefetch it)."""
    if candidate.stage not in PIPELINE:
        return []
    if recorded is None:
        recorded = candidate.stage_records.all()
    records = {record.stage: record for record in recorded}
    result = []
    for spec in STAGES:
        rule = spec.deadline
        if rule is None or spec.stage in records or rule.after not in records:
            continue
        start = rule.start(records[rule.after])
        due, latest = rule.dates(start, rule_sets.on(start))
        result.append(
            Deadline(
                label=rule.what,
                due=due,
                latest=latest,
                person=candidate,
                organisation_id=candidate.cell.organisation_id,
                organisation_name=candidate.cell.organisation.name,
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class ListedMember:
    """A member as the deadlines page reads one: a row rather than a model instance, since
    the page works out the votes of thousands of probationary members and shows a few."""

    pk: int
    full_name: str
    status: str
    ceremony_date: date | None
    organisation_id: int
    organisation_name: str

    FIELDS = (
        "pk",
        "full_name",
        "status",
        "ceremony_date",
        "cell__organisation_id",
        "cell__organisation__name",
    )

    @classmethod
    def rows(cls, members: QuerySet[Member]) -> Iterator[ListedMember]:
        for row in members.values_list(*cls.FIELDS):
            yield cls(*row)

    def get_absolute_url(self) -> str:
        return reverse("recruitment:member-detail", args=[self.pk])


def member_deadlines(member: Member | ListedMember, rule_sets: RuleSets) -> list[Deadline]:
    """The recognition vote of a probationary member whose ceremony is recorded."""
    if member.status != Member.Status.PROBATIONARY or member.ceremony_date is None:
        return []
    params = rule_sets.on(member.ceremony_date)
    ends = rules.add_months(member.ceremony_date, params.probation_months)
    if isinstance(member, ListedMember):
        organisation = (member.organisation_id, member.organisation_name)
    else:
        organisation = (member.cell.organisation_id, member.cell.organisation.name)
    return [
        Deadline(
            label=ends,
            due=add_working_days(ends, params.recognition_vote_deadline_workdays),
            latest=None,
            person=member,
            organisation_id=organisation[0],
            organisation_name=organisation[1],
        )
    ]
