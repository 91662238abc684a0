"""The .docx files staff download: which documents a candidate or member has, and each one
rendered with its file name (the record's id, never a person's name)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..deadlines import RuleSets
from ..models import Candidate, Member, MemberEvent, StageRecord
from ..states import MemberEventKind, Stage
from . import documents
from .documents import Headings, records_of
from .heading import committee_of
from .layout import Paper, render

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Kind:
    """One kind of document: its URL name, its label on the pages and its file name."""

    slug: str
    label: object
    filename: str


CANDIDATE_KINDS = {
    kind.slug: kind
    for kind in (
        Kind("checklist", _("File checklist"), "danh-muc-ho-so"),
        Kind("cell-resolution", _("Cell resolution (6-KNĐ)"), "nghi-quyet-chi-bo"),
        Kind(
            "grassroots-resolution",
            _("Grassroots committee resolution (8-KNĐ)"),
            "nghi-quyet-dang-uy",
        ),
        Kind("decision", _("Admission decision (9-KNĐ)"), "quyet-dinh-ket-nap"),
    )
}
MEMBER_KINDS = {
    kind.slug: kind
    for kind in (
        Kind("record", _("Member record (2-HSĐV)"), "phieu-dang-vien"),
        Kind("recognition", _("Recognition decision"), "quyet-dinh-cong-nhan"),
    )
}


def probation_months(on: date) -> int:
    """The probation of the rule set in force on ``on``. One query."""
    return RuleSets().on(on).probation_months


def candidate_paper(candidate: Candidate, slug: str, *, today: date) -> Paper | None:
    """The document ``slug`` of ``candidate`` (with ``cell__organisation`` and prefetched
    ``stage_records``), or None when its record is not there yet."""
    records = records_of(candidate)
    decision = records.get(Stage.DECISION)
    headings = Headings.of(candidate, decision.date if decision else today)
    match slug:
        case "checklist":
            return documents.file_checklist(candidate, records, headings, today)
        case "cell-resolution":
            return documents.cell_resolution(candidate, records, headings)
        case "grassroots-resolution":
            return documents.grassroots_resolution(candidate, records, headings)
        case "decision":
            if decision is None:
                return None
            return documents.admission_decision(
                candidate, records, headings, probation_months(decision.date)
            )
    return None


def candidate_kinds(candidate: Candidate) -> list[Kind]:
    """The documents a candidate has (reads ``stage_records``: prefetch it)."""
    stages = {record.stage for record in candidate.stage_records.all()}
    needs = {
        "cell-resolution": Stage.CELL_RESOLUTION,
        "grassroots-resolution": Stage.GRASSROOTS_RESOLUTION,
        "decision": Stage.DECISION,
    }
    return [
        kind for slug, kind in CANDIDATE_KINDS.items() if slug not in needs or needs[slug] in stages
    ]


def recognition_event(member: Member) -> MemberEvent | None:
    """The member's recognition, if recorded. One query."""
    return member.events.filter(kind=MemberEventKind.RECOGNISED).order_by("-date").first()


def member_paper(member: Member, slug: str, *, today: date) -> Paper | None:
    """The document ``slug`` of ``member`` (with ``cell__organisation``)."""
    if slug == "record":
        return documents.member_record(member, Headings.of(member, today))
    if slug == "recognition":
        event = recognition_event(member)
        if event is None:
            return None
        return documents.recognition_decision(member, event, Headings.of(member, event.date))
    return None


def meeting_decisions(
    day: date, candidates: QuerySet, series: str | None = None
) -> list[Candidate]:
    """The candidates whose admission decision is dated ``day`` (and numbered in ``series``,
    when given), among ``candidates`` (the user's), in the order of the decisions' numbers.
    Two queries."""
    found = list(
        candidates.filter(stage_records__stage=Stage.DECISION, stage_records__date=day)
        .select_related("cell__organisation")
        .prefetch_related("stage_records")
        .distinct()
    )
    if series is not None:
        found = [c for c in found if series_of(records_of(c)[Stage.DECISION]) == series]
    return sorted(found, key=lambda candidate: decision_order(records_of(candidate)))


def series_of(record: StageRecord) -> str:
    """The register a decision is numbered in: "QĐ/TU" for "12-QĐ/TU"."""
    return record.document_number.partition("-")[2]


def decision_order(records: dict[str, StageRecord]) -> tuple:
    """A decision's number as the register counts them: "12-QĐ/TU" before "103-QĐ/TU"."""
    number = records[Stage.DECISION].document_number
    head, _sep, tail = number.partition("-")
    return (tail, int(head) if head.isdigit() else 0, number)


def meeting_papers(day: date, candidates: list[Candidate]) -> list[Paper]:
    """Every admission decision of the meeting of ``day``, one after the other, each under the
    heading of the committee that decided it (looked up once per organisation)."""
    months = probation_months(day)
    papers = []
    committees = {}
    for candidate in candidates:
        records = records_of(candidate)
        organisation_id = candidate.cell.organisation_id
        if organisation_id not in committees:
            committees[organisation_id] = committee_of(candidate.cell, day)
        headings = Headings.of(candidate, day, committee=committees[organisation_id])
        papers.append(documents.admission_decision(candidate, records, headings, months))
    return papers


def docx(papers: list[Paper], *, title: str) -> bytes:
    return render(papers, title=title)
