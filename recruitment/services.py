"""Writes across rows: every change to candidates and members goes through these functions.

Views, the admin, the import and management commands call them; each is atomic, checks the
rules in force on the date it applies them to, and raises ``ValidationError`` with the
Vietnamese messages of every rule broken, so that nothing is half-written.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .models import (
    PERSON_FIELDS,
    Candidate,
    Cell,
    Introducer,
    Member,
    MemberEvent,
    Organisation,
    Quota,
    RuleSet,
    StageRecord,
    Term,
)
from .querysets import QuotaMeaning, Targets

Stage = Candidate.Stage


class StaleEdit(Exception):
    """Someone else saved the record after it was opened: reload before saving again."""


@dataclass(frozen=True)
class IntroducerInput:
    member: Member
    known_since: date


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
    """The stage to record next, or None when the pipeline is over for this candidate.
    The grassroots resolution is skipped when the cell is itself the grassroots organisation.
    """
    if candidate.stage in Candidate.CLOSED_STAGES or candidate.stage == Stage.CEREMONY:
        return None
    following = Candidate.PIPELINE[Candidate.PIPELINE.index(candidate.stage) + 1]
    if following == Stage.GRASSROOTS_RESOLUTION and candidate.cell.is_organisation_itself:
        return Stage.DECISION
    return following


def eligible_cell_voters(cell: Cell, *, excluded: int = 0) -> int:
    """Official members of the cell entitled to vote: official, not exempt from activity,
    less those the cell reports away or suspended (``excluded``). One query."""
    official = Member.objects.filter(
        cell=cell, status=Member.Status.OFFICIAL, exempt_from_activity=False
    ).count()
    return max(official - excluded, 0)


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
    if Member.objects.filter(citizen_id=person.get("citizen_id")).exists():
        problems.append(_("A Party member with this citizen ID is already on record."))
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
    _claim_version(Candidate, candidate, expected_version)
    for field, value in changes.items():
        setattr(candidate, field, value)
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


def _stage_record(candidate: Candidate, stage: str) -> StageRecord | None:
    return candidate.stage_records.filter(stage=stage).first()


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
    personal_history_date: date | None = None,
    verification_passed: bool | None = None,
    introduction_kind: str = "",
    introducers: list[IntroducerInput] | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    eligible_voters: int | None = None,
    voters_excluded: int = 0,
    over_age_consent: bool = False,
    education_exception: bool = False,
    deadline_extended: bool = False,
) -> StageRecord:
    """Record the next stage of the pipeline, checking every rule that applies to it.

    The admission decision creates the probationary member; the ceremony starts probation.
    """
    _claim_version(Candidate, candidate, expected_version)
    expected = next_stage(candidate)
    label = str(Stage(stage).label)
    if stage != expected:
        raise ValidationError(
            _("Stage order: %(stage)s cannot be recorded now; the next stage is %(next)s.")
            % {
                "stage": label,
                "next": Stage(expected).label if expected else _("none (the pipeline is over)"),
            }
        )
    problems = _date_problems(candidate, date, label)
    params = rule_set_on(date)
    record = StageRecord(
        candidate=candidate,
        stage=stage,
        date=date,
        document_number=document_number,
        document_date=document_date,
        signed_by=signed_by,
        notes=notes,
        recorded_by=user,
    )

    if stage == Stage.APPLIED:
        problems += rules.check_application_dates(
            application_date=date, history_date=personal_history_date
        )
        record.personal_history_date = personal_history_date
    elif stage == Stage.VERIFIED:
        if not verification_passed:
            problems.append(
                _(
                    "Background check: record a passed check to continue; a failed check "
                    "ends the candidacy (use Reject)."
                )
            )
        record.verification_passed = verification_passed
    elif stage == Stage.INTRODUCED:
        introducers = introducers or []
        problems += rules.check_introduction(
            kind=introduction_kind,
            introducers=[
                rules.IntroducerFacts(
                    name=item.member.full_name,
                    is_official=item.member.status == Member.Status.OFFICIAL,
                    is_candidate=item.member.citizen_id == candidate.citizen_id,
                    known_since=item.known_since,
                )
                for item in introducers
            ],
            on=date,
            youth_union_member=candidate.youth_union_member,
            date_of_birth=candidate.date_of_birth,
            params=params,
        )
        if len({item.member.pk for item in introducers}) != len(introducers):
            problems.append(_("Introduction: the same member is named twice."))
        record.introduction_kind = introduction_kind
    elif stage == Stage.CELL_RESOLUTION:
        trained = _stage_record(candidate, Stage.TRAINED)
        problems += rules.check_age(
            date_of_birth=candidate.date_of_birth,
            on=date,
            params=params,
            over_age_consent=over_age_consent,
        )
        problems += rules.check_certificate(
            certificate_date=trained.date if trained else None, on=date, params=params
        )
        problems += rules.check_education(
            general_education=candidate.general_education, exception=education_exception
        )
        eligible = eligible_cell_voters(candidate.cell, excluded=voters_excluded)
        problems += rules.check_vote(
            votes_for=votes_for,
            votes_against=votes_against,
            eligible=eligible,
            params=params,
            body=_("the cell's official members"),
        )
        record.votes_for, record.votes_against = votes_for, votes_against
        record.eligible_voters, record.voters_excluded = eligible, voters_excluded
        record.over_age_consent = over_age_consent
        record.education_exception = education_exception
    elif stage == Stage.GRASSROOTS_RESOLUTION:
        if eligible_voters is None:
            problems.append(_("Vote: the number of committee members is required."))
        else:
            problems += rules.check_vote(
                votes_for=votes_for,
                votes_against=votes_against,
                eligible=eligible_voters,
                params=params,
                body=_("the grassroots committee's members"),
            )
        record.votes_for, record.votes_against = votes_for, votes_against
        record.eligible_voters = eligible_voters
    elif stage == Stage.DECISION:
        resolution = _stage_record(candidate, Stage.CELL_RESOLUTION)
        problems += rules.check_deadline(
            start=resolution.date,
            day=date,
            workdays=params.decision_deadline_workdays,
            extension=params.decision_extension_workdays,
            extended=deadline_extended,
            what=label,
        )
        record.deadline_extended = deadline_extended
        if Member.objects.filter(citizen_id=candidate.citizen_id).exists():
            problems.append(_("A Party member with this citizen ID is already on record."))
    elif stage == Stage.CEREMONY:
        decision = _stage_record(candidate, Stage.DECISION)
        problems += rules.check_deadline(
            start=decision.document_date or decision.date,
            day=date,
            workdays=params.ceremony_deadline_workdays,
            extension=0,
            extended=False,
            what=label,
        )

    _raise(problems)
    record.full_clean(exclude=["candidate", "recorded_by"])
    record.save()
    if stage == Stage.INTRODUCED:
        Introducer.objects.bulk_create(
            Introducer(record=record, member=item.member, known_since=item.known_since)
            for item in introducers
        )

    if stage == Stage.DECISION:
        member = Member(
            cell=candidate.cell,
            decision_date=date,
            status=Member.Status.PROBATIONARY,
            **{field: getattr(candidate, field) for field in PERSON_FIELDS},
        )
        member.full_clean(validate_unique=False)
        member.save()
        candidate.member = member
    elif stage == Stage.CEREMONY:
        member = candidate.member
        member.ceremony_date = date
        member.full_clean(validate_unique=False)
        member.save()
    candidate.stage = stage
    candidate.save()
    return record


@transaction.atomic
def candidate_reject(
    *, user, candidate: Candidate, expected_version: int, date: date, notes: str
) -> StageRecord:
    """End a candidacy: rejected before the decision, or the decision cancelled before the
    ceremony (the probationary record made by the decision is then struck off)."""
    _claim_version(Candidate, candidate, expected_version)
    if candidate.stage in Candidate.CLOSED_STAGES or candidate.stage == Stage.CEREMONY:
        raise ValidationError(_("This candidacy is already closed."))
    if not notes.strip():
        raise ValidationError(_("Give the reason."))
    outcome = Stage.CANCELLED if candidate.stage == Stage.DECISION else Stage.REJECTED
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
    decision_date: date,
    document_number: str = "",
    signed_by: str = "",
    party_card_number: str = "",
    notes: str = "",
) -> MemberEvent:
    """Recognise a probationary member as official (the official date is the end of
    probation, even when the vote is late), or strike the name off when recognition fails."""
    _claim_version(Member, member, expected_version)
    if member.status != Member.Status.PROBATIONARY or member.ceremony_date is None:
        raise ValidationError(
            _("Only a probationary member whose ceremony is recorded can be recognised.")
        )
    params = rule_set_on(member.ceremony_date)
    ends = probation_ends(member, params)
    problems = _not_in_future(vote_date, _("Recognition vote"))
    problems += _not_in_future(decision_date, _("Recognition decision"))
    if vote_date < ends:
        problems.append(
            _("Recognition: probation ends on %(end)s; the cell cannot vote on %(day)s.")
            % {"end": rules.format_date(ends), "day": rules.format_date(vote_date)}
        )
    if decision_date < vote_date:
        problems.append(_("Recognition: the decision cannot precede the cell's vote."))
    eligible = eligible_cell_voters(member.cell, excluded=voters_excluded)
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
    _claim_version(Member, member, expected_version)
    for field, value in changes.items():
        setattr(member, field, value)
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
    notes: str = "",
) -> MemberEvent:
    """Transfer out, death, striking off, expulsion or resignation of a current member."""
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
        notes=notes,
        recorded_by=user,
    )
    member.status = EVENT_STATUS[kind]
    member.save()
    return event


# --- Quotas -------------------------------------------------------------------------------


def _put_quota(*, organisation, meaning: QuotaMeaning, year: int, term, target) -> None:
    lookup = {
        "organisation": organisation,
        "kind": meaning.kind,
        "basis": meaning.basis,
        "year": year if meaning.per_year else None,
        "term": None if meaning.per_year else term,
    }
    if target is None:
        Quota.objects.filter(**lookup).delete()
    else:
        Quota.objects.update_or_create(**lookup, defaults={"target": target})


@transaction.atomic
def quotas_set(
    *,
    user,
    year: int,
    committee_assigned: int | None,
    committee_aspiration: int | None,
    committee_training: int | None,
    term: Term | None,
    term_target: int | None,
    organisation_targets: dict[Organisation, int | None],
) -> None:
    """Set the year's quotas: the committee's targets, the term's, and each organisation's
    (an empty target removes the quota)."""
    if user is not None and not _can_set_quotas(user):
        raise ValidationError(_("Your role cannot set quotas."))
    meanings = Quota.objects.meanings()
    committee = Targets(
        admissions=committee_assigned,
        aspiration=committee_aspiration,
        training=committee_training,
        term=term_target,
    )
    for name, target in asdict(committee).items():
        meaning = meanings[name]
        if meaning.per_year or term is not None:
            _put_quota(organisation=None, meaning=meaning, year=year, term=term, target=target)
    for organisation, target in organisation_targets.items():
        _put_quota(
            organisation=organisation,
            meaning=meanings["admissions"],
            year=year,
            term=term,
            target=target,
        )


def _can_set_quotas(user) -> bool:
    from .roles import can_set_quotas

    return can_set_quotas(user)
