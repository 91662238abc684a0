"""Statutory deadlines of candidates and probationary members, in working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Candidate, Member, RuleSet
from .stages import STAGES
from .states import PIPELINE, DeadlineStatus
from .workdays import add_working_days

#: A deadline within this many days is "due soon".
SOON_DAYS = 30


@dataclass(frozen=True)
class Deadline:
    what: str
    due: date
    latest: date | None  # with the extension, where the rules allow one
    person: Candidate | Member
    organisation_name: str

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


def candidate_deadlines(candidate: Candidate, rule_sets: RuleSets) -> list[Deadline]:
    """Deadlines of an open candidate: each stage not yet recorded whose deadline's clock
    has started (the stage registry's ``deadline``). Uses ``candidate.stage_records.all()``
    (prefetch it)."""
    if candidate.stage not in PIPELINE:
        return []
    records = {record.stage: record for record in candidate.stage_records.all()}
    result = []
    for spec in STAGES:
        rule = spec.deadline
        if rule is None or spec.stage in records or rule.after not in records:
            continue
        start = rule.start(records[rule.after])
        due, latest = rule.dates(start, rule_sets.on(start))
        result.append(
            Deadline(
                what=str(rule.what),
                due=due,
                latest=latest,
                person=candidate,
                organisation_name=candidate.cell.organisation.name,
            )
        )
    return result


def member_deadlines(member: Member, rule_sets: RuleSets) -> list[Deadline]:
    """The recognition vote of a probationary member whose ceremony is recorded."""
    if member.status != Member.Status.PROBATIONARY or member.ceremony_date is None:
        return []
    params = rule_sets.on(member.ceremony_date)
    ends = rules.add_months(member.ceremony_date, params.probation_months)
    return [
        Deadline(
            what=str(
                _("Recognition vote (probation ends %(day)s)") % {"day": rules.format_date(ends)}
            ),
            due=add_working_days(ends, params.recognition_vote_deadline_workdays),
            latest=None,
            person=member,
            organisation_name=member.cell.organisation.name,
        )
    ]
