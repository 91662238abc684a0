"""The rule function of each stage, and what recording a stage does to other records.

A rule function reads the facts of one step (the candidate, the input, the rule set in
force) and returns the Vietnamese messages of every rule broken; it also fills in the
fields of the stage record that the stage records. An effect runs after the record is
saved, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from .. import rules
from ..models import (
    PERSON_FIELDS,
    Candidate,
    Cell,
    Introducer,
    Member,
    MemberEvent,
    RuleSet,
    StageRecord,
)
from ..states import (
    LEAVING_KINDS,
    READMISSION_EXCLUDED,
    LeavingReason,
    MemberEventKind,
    MemberStatus,
    Stage,
)


@dataclass(frozen=True)
class IntroducerInput:
    member: Member
    known_since: date


@dataclass(frozen=True)
class StageInput:
    """What the user entered for a stage (the keyword arguments of
    ``services.candidate_record_stage`` beyond the common document fields)."""

    personal_history_date: date | None = None
    verification_passed: bool | None = None
    introduction_kind: str = ""
    introducers: list[IntroducerInput] = field(default_factory=list)
    votes_for: int | None = None
    votes_against: int | None = None
    eligible_voters: int | None = None
    voters_excluded: int = 0
    exempt_attending: list[Member] = field(default_factory=list)
    education_exception: bool = False
    deadline_extended: bool = False
    approval_number: str = ""
    approval_date: date | None = None

    @property
    def approved(self) -> bool:
        """The higher committee's approving document is recorded (number and date)."""
        return bool(self.approval_number.strip()) and self.approval_date is not None


@dataclass
class StageStep:
    """One stage being recorded: the facts its rule function reads and the record it fills."""

    candidate: Candidate
    record: StageRecord
    entered: StageInput
    params: RuleSet
    label: str

    @property
    def day(self) -> date:
        return self.record.date

    def earlier(self, stage: str) -> StageRecord | None:
        """The candidate's record of an earlier stage (one query)."""
        return self.candidate.stage_records.filter(stage=stage).first()


#: The events that take a member off the cell's roll from their date.
LEAVING_EVENTS = (
    MemberEventKind.TRANSFERRED_OUT,
    MemberEventKind.DECEASED,
    MemberEventKind.STRUCK_OFF,
    MemberEventKind.EXPELLED,
    MemberEventKind.RESIGNED,
)


def cell_roll_on(cell: Cell, on: date):
    """The cell's official members as the roll stood on ``on`` (exempt ones included):
    official by then (official date passed and, when recognised through the software, the
    recognition decision signed by then) and not yet gone (no transfer out, death, striking
    off, expulsion or resignation dated on or before it). A queryset."""
    events = MemberEvent.objects.filter(member=OuterRef("pk"))
    gone = events.filter(kind__in=LEAVING_EVENTS, date__lte=on)
    left_later = events.filter(kind__in=LEAVING_EVENTS, date__gt=on)
    recognised_later = events.filter(kind=MemberEventKind.RECOGNISED, date__gt=on)
    return Member.objects.filter(cell=cell, official_date__lte=on).filter(
        Q(status=MemberStatus.OFFICIAL) | Exists(left_later),
        ~Exists(gone),
        ~Exists(recognised_later),
    )


def eligible_cell_voters(
    cell: Cell, *, on: date, excluded: int = 0, exempt_attending: int = 0
) -> int:
    """Official members of the cell entitled to vote on ``on``: the roll that day, not
    exempt from activity, less those the cell reports away or suspended (``excluded``),
    plus the exempt members who attended (``exempt_attending``). One query."""
    official = cell_roll_on(cell, on).filter(exempt_from_activity=False).count()
    return max(official - excluded, 0) + exempt_attending


def exempt_attendance_problems(cell: Cell, on: date, attending) -> list[str]:
    """Each exempt member said to have attended must be an exempt official member of the
    cell on the vote date. One query."""
    exempt = set(
        cell_roll_on(cell, on).filter(exempt_from_activity=True).values_list("pk", flat=True)
    )
    return [
        _(
            "Vote: %(name)s is not an exempt official member of the cell on %(day)s and "
            "cannot be counted as an exempt member who attended."
        )
        % {"name": member.full_name, "day": rules.format_date(on)}
        for member in attending
        if member.pk not in exempt
    ]


def member_on_record(citizen_id: str, *, on: date, params=None) -> list[str]:
    """A citizen ID already on the members' record is refused, except a former member's who
    may be re-admitted (once, ``readmission_wait_months`` after leaving, never for the
    excluded reasons)."""
    member = Member.objects.filter(citizen_id=citizen_id).first()
    if member is None:
        return []
    left = (
        MemberEvent.objects.filter(member=member, kind__in=LEAVING_KINDS)
        .order_by("-date", "-id")
        .first()
    )
    if member.is_active or left is None:
        return [_("A Party member with this citizen ID is already on record.")]
    if params is None:
        params = RuleSet.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    return readmission_problems(member, left, on=on, params=params or RuleSet())


def readmission_problems(member: Member, left: MemberEvent, *, on: date, params) -> list[str]:
    """Re-admission (kết nạp lại): once, at least the wait after leaving, never when the
    member left for one of the excluded reasons."""
    if left.leaving_reason in READMISSION_EXCLUDED:
        return [
            _(
                "Re-admission: the former member with this citizen ID left the Party on "
                "%(day)s (%(reason)s) and cannot be re-admitted."
            )
            % {
                "day": rules.format_date(left.date),
                "reason": LeavingReason(left.leaving_reason).label,
            }
        ]
    if member.earlier_decision_date is not None:
        return [
            _(
                "Re-admission: the former member with this citizen ID has already been "
                "re-admitted once; it is allowed only once."
            )
        ]
    allowed = rules.add_months(left.date, params.readmission_wait_months)
    if on < allowed:
        return [
            _(
                "Re-admission: the former member with this citizen ID left the Party on "
                "%(day)s; re-admission is possible only %(months)s months after leaving, from "
                "%(allowed)s."
            )
            % {
                "day": rules.format_date(left.date),
                "months": params.readmission_wait_months,
                "allowed": rules.format_date(allowed),
            }
        ]
    return []


def stale_file_until(candidate: Candidate, records, rule_sets) -> date | None:
    """The last day the cell can vote on a complete file (``records``: the candidate's
    stage records, prefetched; ``rule_sets``: ``deadlines.RuleSets``); None before the file
    is complete or after the vote."""
    if candidate.stage != Stage.COMMENTED:
        return None
    commented = next((r for r in records if r.stage == Stage.COMMENTED), None)
    if commented is None:
        return None
    return rules.file_valid_until(commented.date, rule_sets.on(commented.date))


def file_is_stale(candidate: Candidate, day: date) -> bool:
    """The file was completed (comments recorded) and the cell has not voted on it within the
    rule set's months by ``day``: its introductions and comments must be redone. Two
    queries when the file is complete."""
    if candidate.stage != Stage.COMMENTED:
        return False
    commented = candidate.stage_records.filter(stage=Stage.COMMENTED).first()
    if commented is None:
        return False
    return day > rules.file_valid_until(commented.date, RuleSet.objects.in_force_on(commented.date))


def forget_stale_file(candidate: Candidate) -> None:
    """Redoing a stale file replaces its introductions and comments (the records' history
    keeps the old ones)."""
    for record in candidate.stage_records.filter(stage__in=[Stage.INTRODUCED, Stage.COMMENTED]):
        record.delete()
    candidate.stage = Stage.VERIFIED


# --- rule functions ------------------------------------------------------------------------


def check_application(step: StageStep) -> list[str]:
    step.record.personal_history_date = step.entered.personal_history_date
    return rules.check_application_dates(
        application_date=step.day, history_date=step.entered.personal_history_date
    )


def check_verification(step: StageStep) -> list[str]:
    step.record.verification_passed = step.entered.verification_passed
    if step.entered.verification_passed:
        return []
    return [
        _(
            "Background check: record a passed check to continue; a failed check "
            "ends the candidacy (use Reject)."
        )
    ]


def check_introduction(step: StageStep) -> list[str]:
    introducers = step.entered.introducers
    step.record.introduction_kind = step.entered.introduction_kind
    problems = rules.check_introduction(
        kind=step.entered.introduction_kind,
        introducers=[
            rules.IntroducerFacts(
                name=item.member.full_name,
                is_official=item.member.status == MemberStatus.OFFICIAL,
                is_candidate=item.member.citizen_id == step.candidate.citizen_id,
                known_since=item.known_since,
            )
            for item in introducers
        ],
        on=step.day,
        youth_union_member=step.candidate.youth_union_member,
        date_of_birth=step.candidate.date_of_birth,
        params=step.params,
    )
    if len({item.member.pk for item in introducers}) != len(introducers):
        problems.append(_("Introduction: the same member is named twice."))
    return problems


def check_cell_resolution(step: StageStep) -> list[str]:
    """Eligibility on the vote date (age, certificate, education) and the 2/3 vote of the
    cell's official members, counted by the software."""
    entered, candidate, record = step.entered, step.candidate, step.record
    trained = step.earlier(Stage.TRAINED)
    commented = step.earlier(Stage.COMMENTED)
    problems = rules.check_file_fresh(
        prepared=commented.date if commented else None, on=step.day, params=step.params
    )
    problems += record_approval(step, _("the province-level committee's decision"))
    problems += rules.check_age(
        date_of_birth=candidate.date_of_birth,
        on=step.day,
        params=step.params,
        over_age_consent=entered.approved,
    )
    problems += rules.check_certificate(
        certificate_date=trained.date if trained else None, on=step.day, params=step.params
    )
    problems += rules.check_education(
        general_education=candidate.general_education, exception=entered.education_exception
    )
    attending = list(entered.exempt_attending)
    problems += exempt_attendance_problems(candidate.cell, step.day, attending)
    eligible = eligible_cell_voters(
        candidate.cell,
        on=step.day,
        excluded=entered.voters_excluded,
        exempt_attending=len(attending),
    )
    problems += rules.check_vote(
        votes_for=entered.votes_for,
        votes_against=entered.votes_against,
        eligible=eligible,
        params=step.params,
        body=_("the cell's official members"),
    )
    record.votes_for, record.votes_against = entered.votes_for, entered.votes_against
    record.eligible_voters, record.voters_excluded = eligible, entered.voters_excluded
    record.over_age_consent = entered.approved
    record.education_exception = entered.education_exception
    return problems


def record_approval(step: StageStep, what: str) -> list[str]:
    """Record the approving document; its number and date go together, and it is dated no
    later than the stage it allows."""
    entered = step.entered
    step.record.approval_number = entered.approval_number.strip()
    step.record.approval_date = entered.approval_date
    if bool(entered.approval_number.strip()) != (entered.approval_date is not None):
        return [_("Approval: give both the number and the date of %(what)s.") % {"what": what}]
    if entered.approval_date is not None and entered.approval_date > step.day:
        return [
            _("Approval: %(what)s of %(approved)s is dated after %(day)s.")
            % {
                "what": what,
                "approved": rules.format_date(entered.approval_date),
                "day": rules.format_date(step.day),
            }
        ]
    return []


def check_ceremony(step: StageStep) -> list[str]:
    """A ceremony after the deadline needs the committee above's approval (the deadline
    check reads ``entered.approved``)."""
    return record_approval(step, _("the committee above's approval of the delay"))


def check_grassroots_resolution(step: StageStep) -> list[str]:
    entered = step.entered
    step.record.votes_for, step.record.votes_against = entered.votes_for, entered.votes_against
    step.record.eligible_voters = entered.eligible_voters
    if entered.eligible_voters is None:
        return [_("Vote: the number of committee members is required.")]
    return rules.check_vote(
        votes_for=entered.votes_for,
        votes_against=entered.votes_against,
        eligible=entered.eligible_voters,
        params=step.params,
        body=_("the grassroots committee's members"),
    )


def check_decision(step: StageStep) -> list[str]:
    step.record.deadline_extended = step.entered.deadline_extended
    problems = rules.check_receipt(
        signed=step.day, received=step.record.document_date, what=_("the admission decision")
    )
    return problems + member_on_record(step.candidate.citizen_id, on=step.day, params=step.params)


# --- effects -------------------------------------------------------------------------------


def add_introducers(step: StageStep) -> None:
    Introducer.objects.bulk_create(
        Introducer(record=step.record, member=item.member, known_since=item.known_since)
        for item in step.entered.introducers
    )


def create_probationary_member(step: StageStep) -> None:
    """The admission decision makes the person a probationary member, in the same cell; a
    former member's row is reused (the citizen ID is unique), probationary again from the new
    decision, the earlier period kept for Party age."""
    candidate = step.candidate
    member = Member.objects.filter(citizen_id=candidate.citizen_id).first()
    if member is None:
        member = Member()
    else:
        readmit(member, on=step.day)
    member.cell = candidate.cell
    member.decision_date = step.day
    member.status = MemberStatus.PROBATIONARY
    for name in PERSON_FIELDS:
        setattr(member, name, getattr(candidate, name))
    member.full_clean(validate_unique=False)
    member.save()
    candidate.member = member


def readmit(member: Member, *, on: date) -> None:
    """Keep the earlier membership for Party age: the first decision date, and the time
    from leaving to the new decision added to the time outside the Party."""
    left = (
        MemberEvent.objects.filter(member=member, kind__in=LEAVING_KINDS)
        .order_by("-date", "-id")
        .first()
    )
    member.earlier_decision_date = member.decision_date
    member.days_outside_party += (on - left.date).days
    member.ceremony_date = None
    member.official_date = None
    member.party_card_number = ""
    member.exempt_from_activity = False


def start_probation(step: StageStep) -> None:
    """The ceremony date starts the probation of the member the decision made."""
    member = step.candidate.member
    member.ceremony_date = step.day
    member.full_clean(validate_unique=False)
    member.save()
