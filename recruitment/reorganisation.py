"""Organisation events: rename, move under another parent, merge, split, dissolve, and a cell
moved to another organisation.

Each is a keyword-only service, atomic, made by the Organisation Board or the administrator,
with an effective date and the document that decided it; each writes one
``OrganisationEvent`` (who recorded it, when, the document), keeps the organisations' dates
and the cells' placements in step (members and candidates follow their cell), and records
who succeeds whom, so that figures as of any date add up (``recruitment.asof``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import can_reorganise
from .models import (
    Candidate,
    Cell,
    CellPlacement,
    Member,
    Organisation,
    OrganisationEvent,
    StaffProfile,
    Succession,
)
from .states import ACTIVE_STATUSES, GRASSROOTS_KINDS, OrganisationKind

Kind = OrganisationEvent.Kind
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Document:
    """The document that decided an event: its number (required), date and signer."""

    number: str
    date: date | None = None
    signed_by: str = ""


@dataclass
class SplitPart:
    """One organisation made by a split: its name, code, the cells it receives and whether
    the split organisation's grassroots staff go to it (``staff``)."""

    name: str
    code: str
    cells: list[Cell] = field(default_factory=list)
    staff: bool = False


def staff_part(parts: list[SplitPart], cells: list[Cell]) -> int:
    """The part the split organisation's grassroots staff go to: the one chosen (``staff``),
    else the one that takes the organisation's first cell (its own cell if it is a grassroots
    cell, else the first in the structure's order, where the committee's office cell is kept),
    so that the staff keep the records they worked on. No query."""
    chosen = [i for i, part in enumerate(parts) if part.staff]
    if chosen:
        return chosen[0]
    first = min(cells, key=lambda cell: (not cell.is_organisation_itself, cell.sort_key, cell.pk))
    return next(i for i, part in enumerate(parts) if first.pk in {c.pk for c in part.cells})


def check_may_reorganise(user) -> None:
    """The Organisation Board (its head and staff) and the administrator change the
    structure; ``user=None`` is the system (the demo). Raises ``PermissionDenied``."""
    if user is not None and not can_reorganise(user):
        raise PermissionDenied(
            _("Only the Organisation Board or the administrator changes the structure.")
        )


def active_on(item, day: date) -> bool:
    return item.active_from <= day and (item.active_to is None or item.active_to >= day)


def active_cells(organisation: Organisation, day: date) -> list[Cell]:
    """The organisation's cells active on ``day``. One query."""
    return list(
        organisation.cells.filter(
            Q(active_to__isnull=True) | Q(active_to__gte=day), active_from__lte=day
        ).order_by("pk")
    )


def date_problems(effective_date: date | None, document: Document, *organisations) -> list[str]:
    """The effective date must be known, not after today (the change is in force), and each
    organisation active on it; the document number is required. No query."""
    problems = []
    if not document.number.strip():
        problems.append(_("Give the number of the document that decided the change."))
    if effective_date is None:
        problems.append(_("Give the date the change takes effect."))
        return problems
    if effective_date > timezone.localdate():
        problems.append(
            _("The change takes effect on %(day)s, after today: record it once it is in force.")
            % {"day": effective_date.strftime("%d/%m/%Y")}
        )
    for organisation in organisations:
        if not active_on(organisation, effective_date):
            problems.append(
                _("%(name)s is not active on %(day)s.")
                % {"name": organisation.name, "day": effective_date.strftime("%d/%m/%Y")}
            )
        elif organisation.active_from == effective_date:
            problems.append(
                _("%(name)s begins on %(day)s: a change to it takes effect later.")
                % {"name": organisation.name, "day": effective_date.strftime("%d/%m/%Y")}
            )
    return problems


def refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def record_event(kind: str, effective_date: date, document: Document, user, **fields):
    """The event row, checked and saved. One query."""
    event = OrganisationEvent(
        kind=kind,
        effective_date=effective_date,
        document_number=document.number.strip(),
        document_date=document.date,
        signed_by=document.signed_by.strip(),
        recorded_by=user,
        **fields,
    )
    event.full_clean()
    event.save()
    return event


def place_cell(cell: Cell, organisation: Organisation, effective_date: date, event) -> None:
    """The cell belongs to ``organisation`` from ``effective_date``: its placements say where
    it was before (written now if it never moved), ``cell.organisation`` is the new one. A
    name the receiving organisation already has gets the old organisation's name after it."""
    placements = list(cell.placements.order_by("start"))
    if placements and placements[-1].start >= effective_date:
        raise ValidationError(
            _("%(cell)s already moved on %(day)s; record changes in the order they happened.")
            % {"cell": cell.name, "day": placements[-1].start.strftime("%d/%m/%Y")}
        )
    if placements:
        placements[-1].end = effective_date - ONE_DAY
        placements[-1].save(update_fields=["end"])
    elif cell.active_from < effective_date:
        CellPlacement.objects.create(
            cell=cell,
            organisation_id=cell.organisation_id,
            start=cell.active_from,
            end=effective_date - ONE_DAY,
        )
    CellPlacement.objects.create(
        cell=cell, organisation=organisation, start=effective_date, event=event
    )
    if organisation.cells.filter(name=cell.name).exclude(pk=cell.pk).exists():
        cell.name = f"{cell.name} ({cell.organisation.name})"
    cell.organisation = organisation
    cell.is_organisation_itself = organisation.kind == OrganisationKind.GRASSROOTS_CELL
    cell.full_clean()
    cell.save()


def become_committee(organisation: Organisation) -> None:
    """A grassroots cell receiving cells becomes a grassroots committee; its own cell an
    ordinary cell under it."""
    if organisation.kind != OrganisationKind.GRASSROOTS_CELL:
        return
    organisation.kind = OrganisationKind.GRASSROOTS_COMMITTEE
    organisation.save(update_fields=["kind"])
    organisation.cells.filter(is_organisation_itself=True).update(is_organisation_itself=False)


def end(organisation: Organisation, effective_date: date) -> None:
    """The organisation's last day is the day before the change."""
    organisation.active_to = effective_date - ONE_DAY
    organisation.save(update_fields=["active_to"])


def members_of(cells: list[Cell]) -> int:
    """Current members of these cells. One query."""
    return Member.objects.filter(cell__in=cells, status__in=ACTIVE_STATUSES).count()


def new_grassroots(*, like: Organisation, name: str, code: str, effective_date: date, cells: int):
    """A grassroots organisation beginning on ``effective_date``, under the same parent,
    category and deciding committee as ``like``: a grassroots cell if it has one cell, else a
    grassroots committee. Its code must be new."""
    problems = []
    if not name.strip():
        problems.append(_("Give the new organisation's name."))
    if not code.strip():
        problems.append(_("Give the new organisation's code."))
    elif Organisation.objects.filter(code=code.strip()).exists():
        problems.append(_("The code %(code)s is already used.") % {"code": code.strip()})
    refuse(problems)
    organisation = Organisation(
        name=name.strip(),
        code=code.strip(),
        kind=(
            OrganisationKind.GRASSROOTS_CELL
            if cells == 1
            else OrganisationKind.GRASSROOTS_COMMITTEE
        ),
        category=like.category,
        parent_id=like.parent_id,
        admitting_committee_id=like.admitting_committee_id,
        active_from=effective_date,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


def grassroots_problems(*organisations) -> list[str]:
    return [
        _("%(name)s is not a grassroots organisation.") % {"name": organisation.name}
        for organisation in organisations
        if organisation.kind not in GRASSROOTS_KINDS
    ]


@transaction.atomic
def organisation_rename(
    *, organisation: Organisation, name: str, effective_date: date, document: Document, user
) -> OrganisationEvent:
    """The organisation's name from ``effective_date``; the old one stays for earlier dates."""
    check_may_reorganise(user)
    problems = date_problems(effective_date, document, organisation)
    if not name.strip() or name.strip() == organisation.name:
        problems.append(_("Give a new name, different from the present one."))
    refuse(problems)
    event = record_event(
        Kind.RENAME,
        effective_date,
        document,
        user,
        organisation=organisation,
        name_before=organisation.name,
        name_after=name.strip(),
    )
    organisation.name = name.strip()
    organisation.full_clean()
    organisation.save()
    return event


@transaction.atomic
def organisation_move(
    *, organisation: Organisation, parent: Organisation, effective_date: date, document, user
) -> OrganisationEvent:
    """The organisation under another committee from ``effective_date``; a grassroots
    organisation's admissions are then decided by its new committee."""
    check_may_reorganise(user)
    problems = date_problems(effective_date, document, organisation)
    if not active_on(parent, effective_date):
        problems.append(
            _("%(name)s is not active on %(day)s.")
            % {"name": parent.name, "day": effective_date.strftime("%d/%m/%Y")}
        )
    if parent.kind != OrganisationKind.COMMITTEE:
        problems.append(_("An organisation moves under a committee."))
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == organisation.pk:
            problems.append(_("An organisation cannot move under itself or one below it."))
            break
        ancestor = ancestor.parent
    if parent.pk == organisation.parent_id:
        problems.append(_("%(name)s is already under it.") % {"name": organisation.name})
    refuse(problems)
    event = record_event(
        Kind.MOVE,
        effective_date,
        document,
        user,
        organisation=organisation,
        target=parent,
        parent_before_id=organisation.parent_id,
    )
    organisation.parent = parent
    if organisation.kind in GRASSROOTS_KINDS:
        organisation.admitting_committee = parent
    organisation.full_clean()
    organisation.save()
    return event


def check_predecessors(predecessors, successor, effective_date, document) -> list[str]:
    problems = date_problems(effective_date, document, *predecessors)
    problems += grassroots_problems(*predecessors)
    if not predecessors:
        problems.append(_("Choose the organisations that merge."))
    if successor is None and len(predecessors) < 2:
        problems.append(_("A new organisation is made of two organisations or more."))
    if successor is not None:
        if successor in predecessors:
            problems.append(_("An organisation cannot merge into itself."))
        problems += grassroots_problems(successor)
        if effective_date and not active_on(successor, effective_date):
            problems.append(
                _("%(name)s is not active on %(day)s.")
                % {"name": successor.name, "day": effective_date.strftime("%d/%m/%Y")}
            )
    return problems


@transaction.atomic
def organisations_merge(
    *,
    predecessors: list[Organisation],
    successor: Organisation | None = None,
    name: str = "",
    code: str = "",
    effective_date: date,
    document: Document,
    user,
) -> OrganisationEvent:
    """A and B into a new C (``name``, ``code``), or A into an existing B (``successor``):
    every active cell, with its members and candidates, passes to the successor on
    ``effective_date``; the predecessors end the day before; their grassroots staff work for
    the successor; their figures and targets count for it from that date."""
    check_may_reorganise(user)
    refuse(check_predecessors(predecessors, successor, effective_date, document))
    cells = {
        organisation.pk: active_cells(organisation, effective_date) for organisation in predecessors
    }
    if successor is None:
        successor = new_grassroots(
            like=predecessors[0],
            name=name,
            code=code,
            effective_date=effective_date,
            cells=sum(len(found) for found in cells.values()),
        )
    else:
        become_committee(successor)
    event = record_event(Kind.MERGE, effective_date, document, user, target=successor)
    for organisation in predecessors:
        weight = members_of(cells[organisation.pk])
        Succession.objects.create(
            event=event, predecessor=organisation, successor=successor, weight=max(weight, 1)
        )
        for cell in cells[organisation.pk]:
            place_cell(cell, successor, effective_date, event)
        end(organisation, effective_date)
        move_staff(organisation, successor)
    return event


def move_staff(organisation: Organisation, successor: Organisation) -> None:
    """The organisation's grassroots staff work for ``successor`` from now on (one row each,
    so that the history records the change)."""
    for profile in StaffProfile.objects.filter(organisation=organisation):
        profile.organisation = successor
        profile.save(update_fields=["organisation"])


@transaction.atomic
def organisation_split(
    *, organisation: Organisation, parts: list[SplitPart], effective_date: date, document, user
) -> OrganisationEvent:
    """A into new organisations B and C (more if given), each with the cells it receives
    (every active cell of A goes to exactly one): A ends the day before; its figures and
    targets count for the parts in proportion to the members each receives; its grassroots
    staff work for the part chosen for them, else the one taking its first cell
    (``staff_part``)."""
    check_may_reorganise(user)
    problems = date_problems(effective_date, document, organisation)
    problems += grassroots_problems(organisation)
    if len(parts) < 2:
        problems.append(_("A split makes two organisations or more."))
    if sum(part.staff for part in parts) > 1:
        problems.append(_("The staff of %(name)s go to one part.") % {"name": organisation.name})
    cells = active_cells(organisation, effective_date) if effective_date else []
    given = [cell.pk for part in parts for cell in part.cells]
    if sorted(given) != sorted(cell.pk for cell in cells):
        problems.append(
            _("Give every cell of %(name)s to exactly one of the new organisations.")
            % {"name": organisation.name}
        )
    problems += [
        _("%(name)s receives no cell.") % {"name": part.name or "?"}
        for part in parts
        if not part.cells
    ]
    refuse(problems)
    staff_to = staff_part(parts, cells)
    made = [
        new_grassroots(
            like=organisation,
            name=part.name,
            code=part.code,
            effective_date=effective_date,
            cells=len(part.cells),
        )
        for part in parts
    ]
    event = record_event(Kind.SPLIT, effective_date, document, user, organisation=organisation)
    for part, successor in zip(parts, made, strict=True):
        Succession.objects.create(
            event=event,
            predecessor=organisation,
            successor=successor,
            weight=max(members_of(part.cells), 1),
        )
        for cell in part.cells:
            place_cell(cell, successor, effective_date, event)
    end(organisation, effective_date)
    move_staff(organisation, made[staff_to])
    return event


@transaction.atomic
def organisation_dissolve(
    *, organisation: Organisation, effective_date: date, document: Document, user
) -> OrganisationEvent:
    """The organisation ends the day before ``effective_date``, with its cells; refused while
    its cells hold current members or open candidates (move the cells first)."""
    check_may_reorganise(user)
    problems = date_problems(effective_date, document, organisation)
    cells = active_cells(organisation, effective_date) if effective_date else []
    members = members_of(cells)
    candidates = Candidate.objects.filter(cell__in=cells).open().count()
    if members or candidates:
        problems.append(
            _(
                "%(name)s still has %(members)s members and %(candidates)s candidates in its "
                "cells: move its cells to another organisation first."
            )
            % {"name": organisation.name, "members": members, "candidates": candidates}
        )
    if organisation.children.filter(
        Q(active_to__isnull=True) | Q(active_to__gte=effective_date)
    ).exists():
        problems.append(_("Organisations are still under %(name)s.") % {"name": organisation.name})
    refuse(problems)
    event = record_event(Kind.DISSOLVE, effective_date, document, user, organisation=organisation)
    for cell in cells:
        cell.active_to = effective_date - ONE_DAY
        cell.save(update_fields=["active_to"])
    end(organisation, effective_date)
    return event


@transaction.atomic
def cell_move(
    *, cell: Cell, organisation: Organisation, effective_date: date, document: Document, user
) -> OrganisationEvent:
    """A cell, with its members and candidates, to another grassroots organisation from
    ``effective_date``."""
    check_may_reorganise(user)
    problems = date_problems(effective_date, document, organisation)
    problems += grassroots_problems(organisation)
    if effective_date and not active_on(cell, effective_date):
        problems.append(
            _("%(name)s is not active on %(day)s.")
            % {"name": cell.name, "day": effective_date.strftime("%d/%m/%Y")}
        )
    if cell.organisation_id == organisation.pk:
        problems.append(_("%(name)s is already in it.") % {"name": cell.name})
    if cell.is_organisation_itself:
        problems.append(
            _("%(name)s is a grassroots cell itself: merge it into the other organisation.")
            % {"name": cell.name}
        )
    refuse(problems)
    event = record_event(
        Kind.CELL_MOVED,
        effective_date,
        document,
        user,
        organisation=cell.organisation,
        target=organisation,
        cell=cell,
    )
    become_committee(organisation)
    place_cell(cell, organisation, effective_date, event)
    return event
