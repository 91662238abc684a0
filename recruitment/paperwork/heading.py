"""Who issues a document and where: the ONE place the documents' headings come from.

Every document, print-out and form asks ``issuing_body(organisation, on)`` (and
``place_and_date``) for the issuing body top left, the committee's standing board and the
"<place>, ngày … tháng … năm …" line. The committees are data (``recruitment.committee``):
the top committee of the day for the committee's own print-outs, and for a grassroots
organisation or a cell the committee it stood under on the document's date (the one whose
standing board decided its admissions then), with that committee's executive name, the line
above it, its place and its standing board.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..asof import parent_on, with_organisation_on
from ..committee import current_committee
from ..models import Cell, Organisation
from ..states import OrganisationKind

PARTY_BODY = "Đảng bộ"
CELL = "Chi bộ"


@dataclass(frozen=True)
class Heading:
    """The issuing body of a document: the line above it (may be empty) and its own name,
    both as the heading prints them (capitals), the committee's place, and its standing
    board's name (for decisions of the committee)."""

    upper: str
    body: str
    place: str
    standing_board: str
    committee: str


def _committee_heading(committee) -> Heading:
    """The heading of a committee's own documents (an ``Organisation`` of kind committee or
    a ``committee.Committee``)."""
    title = committee.committee_name or committee.name
    return Heading(
        upper=committee.superior_name.upper(),
        body=title.upper(),
        place=committee.place_name,
        standing_board=committee.standing_board_name or f"Ban Thường vụ {title}",
        committee=title,
    )


def organisation_on(cell: Cell, on: date) -> Organisation:
    """The organisation ``cell`` belonged to on ``on`` (cells move between organisations).
    One query."""
    found = with_organisation_on(Cell.objects.filter(pk=cell.pk), on, "").first()
    organisation_id = found.organisation_then if found is not None else None
    if organisation_id in (None, cell.organisation_id):
        return cell.organisation
    return Organisation.objects.get(pk=organisation_id)


def deciding_committee(organisation: Organisation, on: date) -> Organisation | None:
    """The committee ``organisation`` stood under on ``on``: its parent of that day when that
    is a committee, else the committee recorded as deciding its admissions. Two queries."""
    parent_id = (
        Organisation.objects.filter(pk=organisation.pk)
        .annotate(parent_then=parent_on(on))
        .values_list("parent_then", flat=True)
        .first()
    )
    parent = Organisation.objects.filter(pk=parent_id).first() if parent_id else None
    if parent is not None and parent.kind == OrganisationKind.COMMITTEE:
        return parent
    return organisation.admitting_committee


def _committee_on(organisation: Organisation | None, on: date):
    """The committee deciding for ``organisation`` on ``on`` (the top committee of the day for
    None, or when the organisation names none); None when no committee is recorded."""
    committee = deciding_committee(organisation, on) if organisation is not None else None
    return committee if committee is not None else current_committee(on)


def _heading_of(committee) -> Heading:
    if committee is None:
        return Heading(upper="", body="", place="", standing_board="", committee="")
    return _committee_heading(committee)


def committee_of(organisation: Organisation | Cell | None, on: date) -> Heading:
    """The heading of the committee deciding for ``organisation`` (or the organisation of a
    cell on that day) on ``on``; the top committee of the day for None."""
    if isinstance(organisation, Cell):
        organisation = organisation_on(organisation, on)
    return _heading_of(_committee_on(organisation, on))


def executive_of(organisation: Organisation) -> str:
    """The body that signs for a grassroots organisation: "Đảng ủy phường X" for "Đảng bộ
    phường X"; a grassroots cell signs as itself."""
    if organisation.kind == Organisation.Kind.GRASSROOTS_CELL:
        return organisation.name
    if organisation.name.startswith(PARTY_BODY):
        return "Đảng ủy" + organisation.name[len(PARTY_BODY) :]
    return f"Đảng ủy {organisation.name}"


def cell_name(cell: Cell) -> str:
    return cell.name if cell.name.lower().startswith(CELL.lower()) else f"{CELL} {cell.name}"


def issuing_body(organisation: Organisation | Cell | None, on: date) -> Heading:
    """The heading of a document issued on ``on`` by the committee (``None``: the top
    committee of the day; or a committee given), by a grassroots organisation (its
    executive, under its committee's Party organisation) or by a cell (under its
    organisation of that day, or under the committee when the cell is a grassroots cell
    itself)."""
    if organisation is None:
        return committee_of(None, on)
    if isinstance(organisation, Organisation) and organisation.kind == OrganisationKind.COMMITTEE:
        return _committee_heading(organisation)
    cell = organisation if isinstance(organisation, Cell) else None
    grassroots = organisation_on(cell, on) if cell is not None else organisation
    deciding = _committee_on(grassroots, on)
    committee = _heading_of(deciding)
    party_body = deciding.name if deciding is not None else ""
    if cell is not None:
        upper = party_body if cell.is_organisation_itself else grassroots.name
        body = cell_name(cell)
    else:
        upper, body = party_body, executive_of(grassroots)
    return Heading(
        upper=upper.upper(),
        body=body.upper(),
        place=committee.place,
        standing_board=committee.standing_board,
        committee=committee.committee,
    )


def vietnamese_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2024": a zero before days under 10 and months 1 and 2 (Hướng dẫn
    36-HD/VPTW)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(heading: Heading, day: date | None) -> str:
    """ "<place>, ngày … tháng … năm …"; dots for a date not yet known, to fill by hand."""
    when = vietnamese_date(day) if day else "ngày … tháng … năm …"
    return f"{heading.place}, {when}" if heading.place else when.capitalize()
