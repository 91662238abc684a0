"""Writes across rows: every change to candidates and members goes through these functions.

Views, the admin, the import and management commands call them; each is atomic, checks the
rules in force on the date it applies them to, and raises ``ValidationError`` with the
Vietnamese messages of every rule broken, so that nothing is half-written.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules, stages
from .access import check_may_edit
from .models import (
    Candidate,
    Cell,
    Member,
    MemberEvent,
    RuleSet,
    StageRecord,
)
from .stages import eligible_cell_voters, exempt_attendance_problems
from .states import LEAVING_KINDS, Stage
from .targets import quotas_set  # noqa: F401 - the quota page and the tests call it here


class StaleEdit(Exception):
    """Someone else saved the record after it was opened: reload before saving again."""


def rule_set_on(day: date) -> RuleSet:
    """The rule set in force on ``day`` (one query)."""
    try:
        return RuleSet.objects.in_force_on(day)
    except RuleSet.DoesNotExist:
        raise ValidationError(
            _("No rule set is in force on %(day)s.") % {"day": rules.format_date(day)}
        ) from None


def _claim_version(model, obj, expected_version: int) -> None:
    """Optimistic lock: bump the version only if nobody else has since."""
    updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not updated:
        raise StaleEdit(
            _(
                "Someone else changed this record after you opened it. Reload the page to see "
                "their changes, then enter yours again."
            )
        )
    obj.version = expected_version + 1


def _not_in_future(day: date, label: str) -> list[str]:
    today = timezone.localdate()
    if day > today:
        return [
            _("%(what)s: the date %(day)s is in the future.")
            % {"what": label, "day": rules.format_date(day)}
        ]
    return []


def _raise(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def next_stage(candidate: Candidate) -> str | None:
    """The stage to record next, or None when the pipeline is over for this candidate
    (a grassroots cell skips the stages the registry marks so)."""
    return stages.following(candidate.stage, grassroots_cell=candidate.cell.is_organisation_itself)


# --- Candidates -------------------------------------------------------------------------


@transaction.atomic
def candidate_create(
    *,
    user,
    cell: Cell,
    source_date: date,
    helper: Member | None,
    document_number: str = "",
    notes: str = "",
    **person: object,
) -> Candidate:
    """Name an elite candidate (stage 1, source) with the official member assigned to help."""
    check_may_edit(user, cell)
    candidate = Candidate(cell=cell, stage=Stage.SOURCE, helper=helper, **person)
    problems = _not_in_future(source_date, str(Stage.SOURCE.label))
    if helper is not None and (helper.status != Member.Status.OFFICIAL):
        problems.append(
            _("Source: the helper %(name)s is not an official member.") % {"name": helper}
        )
    if helper is not None and helper.cell.organisation_id != cell.organisation_id:
        problems.append(
            _("Source: the helper %(name)s is not a member of this organisation.")
            % {"name": helper}
        )
    if Candidate.objects.filter(citizen_id=person.get("citizen_id")).open().exists():
        problems.append(_("A candidate with this citizen ID is already in the pipeline."))
    problems += stages.member_on_record(str(person.get("citizen_id")), on=source_date)
    try:
        # The uniqueness of an open candidacy is checked above with a clearer message.
        candidate.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        problems.extend(message for messages in error.message_dict.values() for message in messages)
    _raise(problems)
    candidate.save()
    StageRecord.objects.create(
        candidate=candidate,
        stage=Stage.SOURCE,
        date=source_date,
        document_number=document_number,
        notes=notes,
        recorded_by=user,
    )
    return candidate


@transaction.atomic
def candidate_update(
    *, user, candidate: Candidate, expected_version: int, **changes: object
) -> Candidate:
    """Correct a candidate's personal details, cell or helper."""
    check_may_edit(user, candidate.cell)
    _claim_version(Candidate, candidate, expected_version)
    for field, value in changes.items():
        setattr(candidate, field, value)
    check_may_edit(user, candidate.cell)
    candidate.full_clean()
    candidate.save()
    return candidate


def _date_problems(candidate: Candidate, day: date, label: str) -> list[str]:
    """A stage's date is not in the future nor before the previous stage's (one query)."""
    problems = _not_in_future(day, label)
    previous = candidate.stage_records.order_by("-date", "-id").first()
    if previous is not None:
        problems += rules.check_not_before(
            day=day, previous_day=previous.date, previous_stage=str(previous.get_stage_display())
        )
    return problems


@transaction.atomic
def candidate_record_stage(
    *,
    user,
    candidate: Candidate,
    stage: str,
    expected_version: int,
    date: date,
    document_number: str = "",
    document_date: date | None = None,
    signed_by: str = "",
    notes: str = "",
    **entered: object,
) -> StageRecord:
    """Record the next stage of the pipeline, checking every rule that applies to it.

    ``entered`` holds the stage's own fields (``stages.StageInput``). The stage registry
    says what each stage checks and what recording it does: the admission decision creates
    the probationary member; the ceremony starts probation.
    """
    check_may_edit(user, candidate.cell)
    _claim_version(Candidate, candidate, expected_version)
    expected = next_stage(candidate)
    if stage == Stage.INTRODUCED and stages.file_is_stale(candidate, date):
        stages.forget_stale_file(candidate)
        expected = Stage.INTRODUCED
    label = str(Stage(stage).label)
    if stage != expected:
        raise ValidationError(
            _("Stage order: %(stage)s cannot be recorded now; the next stage is %(next)s.")
            % {
                "stage": label,
                "next": Stage(expected).label if expected else _("none (the pipeline is over)"),
            }
        )
    spec = stages.spec_of(stage)
    step = stages.StageStep(
        candidate=candidate,
        record=StageRecord(
            candidate=candidate,
            stage=stage,
            date=date,
            document_number=document_number,
            document_date=document_date,
            signed_by=signed_by,
            notes=notes,
            recorded_by=user,
        ),
        entered=stages.StageInput(**entered),
        params=rule_set_on(date),
        label=label,
    )
    problems = _date_problems(candidate, date, label)
    if spec.deadline is not None:
        started = step.earlier(spec.deadline.after)
        problems += spec.deadline.check(
            start=spec.deadline.start(started),
            day=date,
            params=step.params,
            extended=step.entered.deadline_extended,
            what=label,
            approved=step.entered.approved,
        )
    if spec.check is not None:
        problems += spec.check(step)
    _raise(problems)
    step.record.full_clean(exclude=["candidate", "recorded_by"])
    step.record.save()
    if spec.effect is not None:
        spec.effect(step)
    candidate.stage = stage
    candidate.save()
    return step.record


@transaction.atomic
def candidate_reject(
    *, user, candidate: Candidate, expected_version: int, date: date, notes: str
) -> StageRecord:
    """End a candidacy: rejected before the decision, or the decision cancelled before the
    ceremony (the probationary record made by the decision is then struck off)."""
    check_may_edit(user, candidate.cell)
    _claim_version(Candidate, candidate, expected_version)
    outcome = stages.spec_of(candidate.stage).closed_by
    if outcome is None:
        raise ValidationError(_("This candidacy is already closed."))
    if not notes.strip():
        raise ValidationError(_("Give the reason."))
    problems = _date_problems(candidate, date, str(outcome.label))
    _raise(problems)
    record = StageRecord.objects.create(
        candidate=candidate, stage=outcome, date=date, notes=notes, recorded_by=user
    )
    if outcome == Stage.CANCELLED:
        member = candidate.member
        member.status = Member.Status.STRUCK_OFF
        member.save()
        MemberEvent.objects.create(
            member=member,
            kind=MemberEvent.Kind.STRUCK_OFF,
            date=date,
            notes=_("Admission decision cancelled: %(reason)s") % {"reason": notes},
            recorded_by=user,
        )
    candidate.stage = outcome
    candidate.save()
    return record


# --- Members ----------------------------------------------------------------------------


def probation_ends(member: Member, params: RuleSet) -> date:
    """The end of probation: probation_months after the ceremony (the official date)."""
    return rules.add_months(member.ceremony_date, params.probation_months)


def _recognition_date_problems(
    *, ends: date, vote_date: date, decision_date: date, passed: bool, extended: bool, params
) -> list[str]:
    """The cell votes once probation has ended; the committee decides after the vote, within
    its working days (more with the extension recorded)."""
    problems = _not_in_future(vote_date, _("Recognition vote"))
    problems += _not_in_future(decision_date, _("Recognition decision"))
    if vote_date < ends:
        problems.append(
            _("Recognition: probation ends on %(end)s; the cell cannot vote on %(day)s.")
            % {"end": rules.format_date(ends), "day": rules.format_date(vote_date)}
        )
    if decision_date < vote_date:
        problems.append(_("Recognition: the decision cannot precede the cell's vote."))
    elif passed:
        problems += rules.check_deadline(
            start=vote_date,
            day=decision_date,
            workdays=params.recognition_decision_deadline_workdays,
            extension=params.recognition_decision_extension_workdays,
            extended=extended,
            what=_("Recognition decision"),
        )
    return problems


@transaction.atomic
def member_recognise(
    *,
    user,
    member: Member,
    expected_version: int,
    passed: bool,
    vote_date: date,
    votes_for: int | None,
    votes_against: int | None,
    voters_excluded: int = 0,
    exempt_attending: list[Member] | tuple = (),
    decision_date: date,
    deadline_extended: bool = False,
    document_number: str = "",
    signed_by: str = "",
    party_card_number: str = "",
    notes: str = "",
) -> MemberEvent:
    """Recognise a probationary member as official (the official date is the end of
    probation, even when the vote is late), or strike the name off when recognition fails."""
    check_may_edit(user, member.cell)
    _claim_version(Member, member, expected_version)
    if member.status != Member.Status.PROBATIONARY or member.ceremony_date is None:
        raise ValidationError(
            _("Only a probationary member whose ceremony is recorded can be recognised.")
        )
    params = rule_set_on(member.ceremony_date)
    ends = probation_ends(member, params)
    problems = _recognition_date_problems(
        ends=ends,
        vote_date=vote_date,
        decision_date=decision_date,
        passed=passed,
        extended=deadline_extended,
        params=params,
    )
    attending = [other for other in exempt_attending if other.pk != member.pk]
    problems += exempt_attendance_problems(member.cell, vote_date, attending)
    eligible = eligible_cell_voters(
        member.cell, on=vote_date, excluded=voters_excluded, exempt_attending=len(attending)
    )
    if passed:
        problems += rules.check_vote(
            votes_for=votes_for,
            votes_against=votes_against,
            eligible=eligible,
            params=params,
            body=_("the cell's official members"),
        )
    _raise(problems)
    event = MemberEvent(
        member=member,
        kind=MemberEvent.Kind.RECOGNISED if passed else MemberEvent.Kind.STRUCK_OFF,
        date=decision_date,
        vote_date=vote_date,
        votes_for=votes_for,
        votes_against=votes_against,
        eligible_voters=eligible,
        deadline_extended=deadline_extended,
        document_number=document_number,
        signed_by=signed_by,
        notes=notes,
        recorded_by=user,
    )
    event.full_clean(exclude=["member", "recorded_by"])
    event.save()
    if passed:
        member.status = Member.Status.OFFICIAL
        member.official_date = ends
        member.party_card_number = party_card_number
    else:
        member.status = Member.Status.STRUCK_OFF
    member.full_clean(validate_unique=False)
    member.save()
    return event


@transaction.atomic
def member_update(*, user, member: Member, expected_version: int, **changes: object) -> Member:
    """Correct a member's personal details, cell, exemption or party card number."""
    check_may_edit(user, member.cell)
    _claim_version(Member, member, expected_version)
    for field, value in changes.items():
        setattr(member, field, value)
    check_may_edit(user, member.cell)
    member.full_clean()
    member.save()
    return member


#: The events recorded by ``member_record_event`` and the status each leaves.
EVENT_STATUS = {
    MemberEvent.Kind.TRANSFERRED_OUT: Member.Status.TRANSFERRED_OUT,
    MemberEvent.Kind.DECEASED: Member.Status.DECEASED,
    MemberEvent.Kind.STRUCK_OFF: Member.Status.STRUCK_OFF,
    MemberEvent.Kind.EXPELLED: Member.Status.EXPELLED,
    MemberEvent.Kind.RESIGNED: Member.Status.RESIGNED,
}


@transaction.atomic
def member_record_event(
    *,
    user,
    member: Member,
    expected_version: int,
    kind: str,
    date: date,
    document_number: str = "",
    leaving_reason: str = "",
    notes: str = "",
) -> MemberEvent:
    """Transfer out, death, striking off, expulsion or resignation of a current member."""
    check_may_edit(user, member.cell)
    _claim_version(Member, member, expected_version)
    if kind not in EVENT_STATUS:
        raise ValidationError(_("This kind of event cannot be recorded here."))
    problems = _not_in_future(date, str(MemberEvent.Kind(kind).label))
    if not member.is_active:
        problems.append(
            _("%(name)s is no longer a current member (%(status)s).")
            % {"name": member.full_name, "status": member.get_status_display()}
        )
    if date < member.decision_date:
        problems.append(_("The date cannot precede the admission decision."))
    _raise(problems)
    event = MemberEvent.objects.create(
        member=member,
        kind=kind,
        date=date,
        document_number=document_number,
        leaving_reason=leaving_reason if kind in LEAVING_KINDS else "",
        notes=notes,
        recorded_by=user,
    )
    member.status = EVENT_STATUS[kind]
    member.save()
    return event


# --- Quotas: ``targets.quotas_set`` (re-exported above) --------------------------------------
