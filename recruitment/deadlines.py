"""Statutory deadlines of candidates and probationary members, in working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Candidate, Member, RuleSet
from .workdays import add_working_days

Stage = Candidate.Stage


@dataclass(frozen=True)
class Deadline:
    what: str
    due: date
    latest: date | None  # with the extension, where the rules allow one
    person: Candidate | Member
    organisation_name: str

    def status(self, today: date) -> str:
        if today > (self.latest or self.due):
            return "overdue"
        if today > self.due:
            return "extension"
        if self.due <= today + timedelta(days=30):
            return "soon"
        return "later"

    def days_left(self, today: date) -> int:
        return (self.due - today).days


class RuleSets:
    """The rule sets, loaded once (one query), looked up by date without further queries."""

    def __init__(self):
        self._sets = list(RuleSet.objects.order_by("-effective_from"))

    def on(self, day: date) -> RuleSet:
        for rule_set in self._sets:
            if rule_set.effective_from <= day:
                return rule_set
        return self._sets[-1]


def candidate_deadlines(candidate: Candidate, rule_sets: RuleSets) -> list[Deadline]:
    """Deadlines of an open candidate. Uses ``candidate.stage_records.all()`` (prefetch it)."""
    records = {record.stage: record for record in candidate.stage_records.all()}
    organisation = candidate.cell.organisation.name
    result = []
    if candidate.stage in (Stage.CELL_RESOLUTION, Stage.GRASSROOTS_RESOLUTION):
        start = records[Stage.CELL_RESOLUTION].date
        params = rule_sets.on(start)
        result.append(
            Deadline(
                what=str(_("Admission decision")),
                due=add_working_days(start, params.decision_deadline_workdays),
                latest=add_working_days(
                    start, params.decision_deadline_workdays + params.decision_extension_workdays
                ),
                person=candidate,
                organisation_name=organisation,
            )
        )
    if candidate.stage == Stage.DECISION:
        decision = records[Stage.DECISION]
        start = decision.document_date or decision.date
        params = rule_sets.on(start)
        result.append(
            Deadline(
                what=str(_("Admission ceremony")),
                due=add_working_days(start, params.ceremony_deadline_workdays),
                latest=None,
                person=candidate,
                organisation_name=organisation,
            )
        )
    before_vote = Candidate.PIPELINE.index(Stage.CELL_RESOLUTION)
    if (
        Stage.TRAINED in records
        and candidate.stage in Candidate.PIPELINE
        and Candidate.PIPELINE.index(candidate.stage) < before_vote
    ):
        issued = records[Stage.TRAINED].date
        result.append(
            Deadline(
                what=str(_("Awareness-course certificate expires")),
                due=rules.certificate_valid_until(issued, rule_sets.on(issued)),
                latest=None,
                person=candidate,
                organisation_name=organisation,
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
