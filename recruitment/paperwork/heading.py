"""Who issues a document and where: the ONE place the committee's name and place come from.

Every document, print-out and form asks ``issuing_body(organisation, on)`` (and
``place_and_date``) for the issuing body top left, the committee's standing board and the
"<place>, ngày … tháng … năm …" line. For now the committee is read from the organisation
tree: the top organisation's name ("Đảng bộ thành phố X" is "Thành ủy X", at X), with
``settings.PAPERWORK_PLACE`` and ``settings.PAPERWORK_SUPERIOR`` to override the place and give
the line above the committee. When the committee becomes data, only this module changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from ..models import Cell, Organisation

#: The level words of a committee's name ("Đảng bộ <level> <place>") and its executive's
#: short name (Thành ủy, Huyện ủy, ...), longest first so that "thị xã" is not read as "xã".
LEVELS = (
    ("thành phố", "Thành ủy"),
    ("thị xã", "Thị ủy"),
    ("huyện", "Huyện ủy"),
    ("quận", "Quận ủy"),
    ("tỉnh", "Tỉnh ủy"),
    ("phường", "Đảng ủy phường"),
    ("xã", "Đảng ủy xã"),
    ("thị trấn", "Đảng ủy thị trấn"),
)
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


def root_of(organisation: Organisation) -> Organisation:
    """The top organisation of ``organisation``'s tree (one query per level above it)."""
    while organisation.parent_id is not None:
        organisation = organisation.parent
    return organisation


def committee_root(on: date) -> Organisation | None:
    """The committee at the top of the tree on ``on``. One query."""
    return (
        Organisation.objects.filter(parent__isnull=True, active_from__lte=on)
        .order_by("-active_from", "pk")
        .first()
    )


def _split_name(name: str) -> tuple[str, str]:
    """("thành phố", "X") for "Đảng bộ thành phố X"; ("", name) when the name has no level."""
    rest = name[len(PARTY_BODY) :].strip() if name.startswith(PARTY_BODY) else name
    for level, _executive in LEVELS:
        if rest.lower().startswith(level + " "):
            return level, rest[len(level) :].strip()
    return "", rest


def committee_name(root: Organisation | None) -> str:
    """ "Thành ủy X" for the top organisation "Đảng bộ thành phố X"."""
    if root is None:
        return ""
    level, place = _split_name(root.name)
    executive = dict(LEVELS).get(level)
    return f"{executive} {place}" if executive else root.name


def place_of(root: Organisation | None) -> str:
    """The place the committee's documents are dated at."""
    if settings.PAPERWORK_PLACE:
        return settings.PAPERWORK_PLACE
    return _split_name(root.name)[1] if root is not None else ""


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
    """The heading of a document issued on ``on`` by the committee (``None``), by a grassroots
    organisation (its executive) or by a cell. Queries: the committee, and the levels of the
    tree above the organisation."""
    root = committee_root(on)
    if isinstance(organisation, Cell):
        top = root_of(organisation.organisation)
    elif organisation is not None:
        top = root_of(organisation)
    else:
        top = root
    committee = committee_name(top)
    place = place_of(top)
    standing_board = f"Ban Thường vụ {committee}" if committee else ""
    if organisation is None:
        upper, body = settings.PAPERWORK_SUPERIOR, committee
    elif isinstance(organisation, Cell):
        above = organisation.organisation
        upper = top.name if organisation.is_organisation_itself else above.name
        body = cell_name(organisation)
    else:
        upper, body = top.name, executive_of(organisation)
    return Heading(
        upper=upper.upper(),
        body=body.upper(),
        place=place,
        standing_board=standing_board,
        committee=committee,
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
