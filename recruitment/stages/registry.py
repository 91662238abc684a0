"""The admission pipeline, one declaration per stage.

Each ``StageSpec`` says what the stage is called in its form, which documents and fields it
records, its form fields, its rule function, its deadline, whether a grassroots cell skips
it, what closing a candidacy at it records, and how the demo fills its paper. The services,
the forms, the deadlines, the candidate page and board, the demo and the tests all read
this list: adding a stage is one entry here (after its value in ``states.Stage``) plus its
rule function in ``checks``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .. import rules
from ..states import CLOSED_STAGES, PIPELINE, Stage
from ..workdays import add_working_days
from . import checks, fields


@dataclass(frozen=True)
class StageDeadline:
    """The time within which a stage must be recorded, counted from an earlier stage."""

    #: How the deadlines page names it.
    what: Promise
    #: The stage whose record starts the clock.
    after: Stage
    #: RuleSet fields: working days allowed, and how many more an extension gives.
    workdays: str = ""
    extension: str = ""
    #: Count from the date the earlier stage's document was received, when recorded.
    from_receipt: bool = False
    #: The awareness-course certificate's validity (months) instead of working days; the
    #: stage's rule function checks it, with the other eligibility rules.
    certificate: bool = False
    #: Later than the deadline only with the higher committee's approval (then any time).
    approval: bool = False

    def start(self, record) -> date:
        return (record.document_date or record.date) if self.from_receipt else record.date

    def dates(self, start: date, params) -> tuple[date, date | None]:
        """(due, latest with the extension or None)."""
        if self.certificate:
            return rules.certificate_valid_until(start, params), None
        days = getattr(params, self.workdays)
        due = add_working_days(start, days)
        if not self.extension:
            return due, None
        return due, add_working_days(start, days + getattr(params, self.extension))

    def check(
        self, *, start: date, day: date, params, extended: bool, what: str, approved: bool = False
    ) -> list[str]:
        if self.certificate or (self.approval and approved):
            return []
        return rules.check_deadline(
            start=start,
            day=day,
            workdays=getattr(params, self.workdays),
            extension=getattr(params, self.extension) if self.extension else 0,
            extended=extended and bool(self.extension),
            what=what,
        )


@dataclass(frozen=True)
class DemoPaper:
    """How the demo data fills a stage's record: who issues its document (``issuer``: the
    political school, the organisation, the cell, the committee above), numbered at
    ``per_day`` documents a day with ``suffix``; who signs (``organisation_secretary`` is
    the cell's secretary when the cell is the grassroots organisation); the note; whose vote
    it is."""

    issuer: str = ""
    per_day: float = 0.0
    suffix: str = ""
    signer: str = ""
    note: str = ""
    votes: str = ""
    #: The suffix when the cell is itself the grassroots organisation (a cell's paper).
    grassroots_cell_suffix: str = ""


@dataclass(frozen=True)
class StageSpec:
    stage: Stage
    #: The label of the form's date field.
    date_label: Promise
    #: The label of the document number (the common one when empty), and whether it and
    #: the signer are required.
    document_label: Promise | None = None
    document_required: bool = False
    signer_required: bool = False
    document_date_label: Promise | None = None
    #: The stage record's fields it records beyond the common ones (date, document, signer,
    #: notes), in the order the candidate's timeline shows them.
    records: tuple[str, ...] = ()
    #: Its own form fields: ``fields(context) -> {name: field}``; how the form checks them
    #: together; how the cleaned data become the service's arguments.
    fields: Callable[..., dict] | None = None
    clean: Callable[..., None] | None = None
    arguments: Callable[[dict], dict] | None = None
    #: The rule function: reads the step, fills the record, returns the rules broken.
    check: Callable[[checks.StageStep], list[str]] | None = None
    #: What recording it does to other records (after the record is saved).
    effect: Callable[[checks.StageStep], None] | None = None
    deadline: StageDeadline | None = None
    #: The cell's official members vote on it: its page shows how many are entitled and
    #: how many votes pass it.
    cell_vote: bool = False
    #: Skipped when the candidate's cell is itself the grassroots organisation.
    skipped_in_grassroots_cell: bool = False
    #: What closing the candidacy at this stage records (None: it cannot be closed).
    closed_by: Stage | None = Stage.REJECTED
    demo: DemoPaper = DemoPaper()

    @property
    def label(self) -> str:
        return self.stage.label


VOTE = ("votes_for", "votes_against", "eligible_voters")

STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        stage=Stage.SOURCE,
        date_label=_("date named as elite candidate"),
        demo=DemoPaper(
            signer="cell_secretary",
            note="Chi bộ phân công đồng chí {helper} giúp đỡ quần chúng.",
        ),
    ),
    StageSpec(
        stage=Stage.TRAINED,
        date_label=_("certificate date (course completed)"),
        document_label=_("certificate number"),
        document_required=True,
        demo=DemoPaper(
            issuer="political_school",
            per_day=0.9,
            suffix="GCN/TTCT",
            signer="school_director",
            note="Hoàn thành lớp bồi dưỡng nhận thức về Đảng.",
        ),
    ),
    StageSpec(
        stage=Stage.APPLIED,
        date_label=_("application date"),
        records=("personal_history_date",),
        fields=fields.application_fields,
        check=checks.check_application,
        demo=DemoPaper(note="Đơn xin vào Đảng và Lý lịch của người xin vào Đảng."),
    ),
    StageSpec(
        stage=Stage.VERIFIED,
        date_label=_("date the background check was certified"),
        records=("verification_passed",),
        fields=fields.verification_fields,
        check=checks.check_verification,
        demo=DemoPaper(
            issuer="organisation",
            per_day=0.1,
            suffix="BC/ĐU",
            grassroots_cell_suffix="BC/CB",
            signer="organisation_secretary",
            note="Đã thẩm tra, xác minh lý lịch người xin vào Đảng và gia đình.",
        ),
    ),
    StageSpec(
        stage=Stage.INTRODUCED,
        date_label=_("date of the introductions"),
        document_label=_("number of the Youth Union or trade union committee's introduction"),
        records=("introduction_kind",),
        fields=fields.introduction_fields,
        clean=fields.clean_introducers,
        arguments=fields.introducer_arguments,
        check=checks.check_introduction,
        effect=checks.add_introducers,
    ),
    StageSpec(
        stage=Stage.COMMENTED,
        date_label=_("date of the comments"),
        demo=DemoPaper(note="Nhận xét của tổ chức đoàn thể nơi làm việc và chi ủy nơi cư trú."),
    ),
    StageSpec(
        stage=Stage.CELL_RESOLUTION,
        date_label=_("date of the cell's vote"),
        document_label=_("resolution number"),
        document_required=True,
        records=(*VOTE, "over_age_consent", "approval_number", "education_exception"),
        fields=fields.cell_resolution_fields,
        arguments=fields.excluded_voters_arguments,
        check=checks.check_cell_resolution,
        cell_vote=True,
        deadline=StageDeadline(
            what=_("Awareness-course certificate expires"), after=Stage.TRAINED, certificate=True
        ),
        demo=DemoPaper(
            issuer="cell", per_day=0.1, suffix="NQ/CB", signer="cell_secretary", votes="cell"
        ),
    ),
    StageSpec(
        stage=Stage.GRASSROOTS_RESOLUTION,
        date_label=_("date of the committee's vote"),
        document_label=_("resolution number"),
        records=VOTE,
        fields=fields.grassroots_resolution_fields,
        check=checks.check_grassroots_resolution,
        skipped_in_grassroots_cell=True,
        demo=DemoPaper(
            issuer="organisation",
            per_day=0.2,
            suffix="NQ/ĐU",
            signer="organisation_secretary",
            votes="committee",
        ),
    ),
    StageSpec(
        stage=Stage.DECISION,
        date_label=_("date the admission decision was signed"),
        document_label=_("decision number"),
        document_required=True,
        signer_required=True,
        document_date_label=_("date the cell received the decision"),
        records=("deadline_extended",),
        fields=fields.decision_fields,
        check=checks.check_decision,
        effect=checks.create_probationary_member,
        deadline=StageDeadline(
            what=_("Admission decision"),
            after=Stage.CELL_RESOLUTION,
            workdays="decision_deadline_workdays",
            extension="decision_extension_workdays",
        ),
        closed_by=Stage.CANCELLED,
        demo=DemoPaper(issuer="committee", per_day=3.0, suffix="QĐ/TU", signer="deputy_secretary"),
    ),
    StageSpec(
        stage=Stage.CEREMONY,
        date_label=_("date of the admission ceremony"),
        records=("approval_number",),
        fields=fields.ceremony_fields,
        check=checks.check_ceremony,
        effect=checks.start_probation,
        deadline=StageDeadline(
            what=_("Admission ceremony"),
            after=Stage.DECISION,
            workdays="ceremony_deadline_workdays",
            from_receipt=True,
            approval=True,
        ),
        closed_by=None,
        demo=DemoPaper(signer="cell_secretary", note="Lễ kết nạp tổ chức tại hội nghị chi bộ."),
    ),
)

#: The outcomes that close a candidacy early; recorded by ``services.candidate_reject``.
CLOSINGS: tuple[StageSpec, ...] = (
    StageSpec(
        stage=Stage.REJECTED,
        date_label=_("date"),
        records=VOTE,
        closed_by=None,
        demo=DemoPaper(signer="cell_secretary", votes="cell"),
    ),
    StageSpec(
        stage=Stage.CANCELLED,
        date_label=_("date"),
        closed_by=None,
        demo=DemoPaper(
            issuer="committee",
            per_day=3.0,
            suffix="QĐ/TU",
            signer="deputy_secretary",
            note="Hủy quyết định kết nạp: lý lịch khai không trung thực.",
        ),
    ),
)

BY_STAGE: dict[str, StageSpec] = {spec.stage: spec for spec in STAGES + CLOSINGS}

if tuple(spec.stage for spec in STAGES) != PIPELINE or tuple(
    spec.stage for spec in CLOSINGS
) != tuple(CLOSED_STAGES):
    raise ImportError("The stage registry must follow the order of states.Stage.")


def spec_of(stage: str) -> StageSpec:
    return BY_STAGE[stage]


def following(stage: str, *, grassroots_cell: bool) -> str | None:
    """The stage recorded after ``stage``, or None after the last one or a closing."""
    if stage not in PIPELINE:
        return None
    for spec in STAGES[PIPELINE.index(stage) + 1 :]:
        if not (spec.skipped_in_grassroots_cell and grassroots_cell):
            return spec.stage
    return None


#: Stages recorded on their own page (the source is recorded with the new candidate).
RECORDED_ON_PAGES: tuple[Stage, ...] = PIPELINE[1:]

#: Stages before the admission decision: candidates in them are the pipeline the
#: dashboard counts (the decision makes them members).
BEFORE_DECISION: tuple[Stage, ...] = PIPELINE[: PIPELINE.index(Stage.DECISION)]
