"""The roster import as the staff pages, the ``import_roster`` command and the admin run it:
a file read (``roster_read``), what it would change (``roster_preview``), and the import
itself (``roster_import``: every row or none). The admin reaches them through
``resource.RosterResource``, django-import-export's view of the same functions.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .. import processing
from ..access import can_edit_records, user_organisation_scope
from ..models import Cell, ImportBatch, Member, Organisation
from ..states import ACTIVE_STATUSES, RowAction
from ..text import name_keys, search_key
from .check import Problem, name_as_read
from .columns import BY_NAME, COLUMNS, display_value, header_of
from .plan import (
    CheckContext,
    ImportChanged,
    Plan,
    PlannedRow,
    RowsRejected,
    apply_plan,
    make_plan,
)
from .read import Roster, RosterFileError, check_size, read
from .sandbox import run_limited

#: The kinds of file a roster may be, by the end of its name (and then by its content).
KINDS = ("xlsx", "xls", "ods", "csv")

#: The columns read as words of a vocabulary (the preview lists the unusual ones read).
VOCABULARY_COLUMNS = tuple(column for column in COLUMNS if column.vocabulary is not None)


def importable_organisations(user) -> QuerySet[Organisation]:
    """The organisations a user may import into: every grassroots organisation for the
    committee's staff and the administrator, one's own for grassroots staff, none otherwise."""
    if not can_edit_records(user):
        return Organisation.objects.none()
    sees_all, organisation_id = user_organisation_scope(user)
    if sees_all:
        return Organisation.objects.grassroots().order_by("sort_key")
    return Organisation.objects.filter(pk=organisation_id)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file's rows are read, checked and written: the
    rows make tens of thousands of small objects and no cycles, and the collector's passes
    over them cost more than a tenth of the import."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class RosterResult:
    """What a roster does to an organisation: the plan (every row new, updated, unchanged or
    rejected), the cells' names to show the changes with, and the import batch once
    written."""

    organisation: Organisation
    roster: Roster
    plan: Plan
    cell_names: dict[int, str]
    batch: ImportBatch | None = None

    @property
    def counts(self) -> dict[str, int]:
        return self.plan.counts

    @functools.cached_property
    def fingerprint(self) -> str:
        """What a confirmation must find again (see ``Plan.fingerprint``)."""
        return self.plan.fingerprint()

    @functools.cached_property
    def warnings(self) -> list[Problem]:
        return [warning for row in self.plan.rows for warning in row.warnings]

    @functools.cached_property
    def readings(self) -> list[tuple[str, str, str, int]]:
        """The unusual values and what they were read as: (column, as written, read as, rows),
        for the words written other than as their label ("Bác sỹ", "ĐH", "Thiên chúa giáo")."""
        counts: Counter = Counter()
        for number, raw in self.roster.rows:
            row = self._planned[number]
            for column in VOCABULARY_COLUMNS:
                typed = raw.get(column.name)
                if typed is None or typed == "" or column.attribute not in row.values:
                    continue
                counts[(column.name, str(typed).strip(), row.values[column.attribute])] += 1
        readings = []
        for (name, typed, value), rows in counts.items():
            label = BY_NAME[name].vocabulary.label(value)
            if search_key(typed) != search_key(label):
                readings.append((BY_NAME[name].header, typed, label, rows))
        return sorted(readings)

    def absent(self) -> list[Member]:
        """The organisation's members (probationary or official, its sub-committees' too)
        that the file does not list: transferred, deceased or forgotten? Shown, never
        changed. One query."""
        listed = {row.values.get("citizen_id") for row in self.plan.rows}
        members = (
            Member.objects.of_organisation(self.organisation.pk)
            .filter(status__in=ACTIVE_STATUSES)
            .select_related("cell")
            .only("full_name", "citizen_id", "status", "cell__name")
            .order_by("cell__name", "full_name", "id")
        )
        return [member for member in members if member.citizen_id not in listed]

    def comparison(self, absent: list[Member]) -> list[tuple[str, object, str, str, str, str]]:
        """The whole comparison, one line a row or absent member: (outcome, row in the file,
        name, citizen ID, cell, what changes or why refused)."""
        lines = []
        for number, raw in self.roster.rows:
            row = self._planned[number]
            values = row.values
            if row.action == RowAction.UPDATED:
                note = "; ".join(f"{c}: {old} → {new}" for c, old, new in self.change_lines(row))
            else:
                note = "; ".join(f"{p.column}: {p.message}" for p in row.problems)
            cell = self.cell_names.get(values.get("cell_id"), str(raw.get("cell") or ""))
            name = values.get("full_name") or str(raw.get("full_name") or "")
            cid = values.get("citizen_id") or str(raw.get("citizen_id") or "")
            lines.append((RowAction(row.action).label, number, name, cid, cell, note))
        for member in absent:
            lines.append(
                (
                    _("absent from the file"),
                    "",
                    member.full_name,
                    member.citizen_id,
                    member.cell.name,
                    str(member.get_status_display()),
                )
            )
        return lines

    @functools.cached_property
    def _planned(self) -> dict[int, PlannedRow]:
        return {row.row: row for row in self.plan.rows}

    @property
    def info(self) -> dict[str, object]:
        """How the file was read: the sheet, the header's row, the columns ignored, the
        file's SHA-256."""
        return {
            "sheet": self.roster.sheet,
            "header_row": self.roster.header_row,
            "ignored": self.roster.ignored,
            "hidden_sheets": self.roster.hidden_sheets,
            "converted": self.roster.converted,
            "sha256": self.roster.sha256,
        }

    def change_lines(self, row: PlannedRow) -> list[tuple[str, str, str]]:
        """An updated row's changes as the clerk reads them: (column, held, in the file)."""
        return [
            (
                header_of(name),
                display_value(name, old, self.cell_names),
                display_value(name, new, self.cell_names),
            )
            for name, old, new in row.changes
        ]


def read_paused(data: bytes, file_name: str, emit=None) -> Roster:
    with gc_paused():
        return read(data, filename=file_name, emit=emit)


def derived_names(rows: list) -> list[tuple[str, str, str] | None]:
    """Each row's full name as the checks keep it, with what it derives (``name_keys``):
    (name, search key, sort key), or None."""
    derived = []
    for _number, values in rows:
        name = name_as_read(values.get("full_name"))
        keys = name_keys(name) if name else None
        derived.append((name, keys["name_key"], keys["sort_key"]) if keys else None)
    return derived


def read_with_keys(data: bytes, file_name: str, emit) -> Roster:
    """``read_paused`` for an import, in the reading child: each part sent with what its
    names derive (``derived_names``), worked out there while the worker checks the parts
    before, rather than by the worker while the members are written."""
    return read_paused(
        data, file_name, lambda rows: emit(None if rows is None else (rows, derived_names(rows)))
    )


class CheckedAsRead:
    """The rows a reading child sends while it reads (``sandbox.run_limited``'s
    ``on_part``), checked as they come, while the child reads on."""

    def __init__(self, context: CheckContext):
        self.context = context
        self.rows: list[tuple[int, dict[str, object]]] = []
        self.checked: list = []

    def __call__(self, part: list | tuple | None) -> None:
        """A part of rows, or (rows, ``derived_names``), or None: another sheet's rows
        follow."""
        if part is None:
            self.rows, self.checked = [], []
            return
        rows, derived = part if isinstance(part, tuple) else (part, None)
        checked = self.context.check(rows)
        for row, names in zip(checked, derived or (), strict=False):
            # Taken where the checks kept the very name they were worked out from.
            if names and not row.problems and row.values.get("full_name") == names[0]:
                row.keys = names[1:]
        self.rows.extend(rows)
        self.checked.extend(checked)

    def into(self, roster: Roster) -> Roster:
        """``roster`` with the rows sent and their checks (rows it kept itself checked now)."""
        self(roster.rows)
        roster.rows, roster.checked, roster.context = self.rows, self.checked, self.context
        return roster


def roster_read(
    *,
    data: bytes,
    file_name: str,
    organisation: Organisation | None = None,
    for_import: bool = False,
) -> Roster:
    """The file read as a roster, in a child process within the limits (``sandbox``): an
    .xlsx, .xls, .ods or .csv by its name, judged by its content (``RosterFileError`` says
    why it cannot be).

    With ``organisation``, the rows are also checked against it as they are read, on the
    other processor (three queries first: ``CheckContext.of``); the preview and the import
    take those checks as long as nothing they depend on has changed (``make_plan``). With
    ``for_import``, the checks also work out what each name derives, which only the import
    writes."""
    kind = next((kind for kind in KINDS if file_name.lower().endswith(f".{kind}")), None)
    if kind is None:
        raise RosterFileError(_("Upload an Excel workbook (.xlsx, .xls), an .ods or a CSV file."))
    check_size(data)
    if organisation is None:
        return run_limited(read_paused, data, f"roster.{kind}")
    checking = CheckedAsRead(CheckContext.of(organisation))
    reader = read_with_keys if for_import else read_paused
    with gc_paused():
        roster = run_limited(reader, data, f"roster.{kind}", on_part=checking)
        return checking.into(roster)


def _cell_names(organisation: Organisation) -> dict[int, str]:
    """One query: the organisation's cells (its sub-committees' too), id -> name."""
    return dict(Cell.objects.of_organisation(organisation.pk).values_list("id", "name"))


class OtherOrganisations(RosterFileError, ImportChanged):
    """A file naming more people held by other organisations than a file may."""


def check_other_organisations(plan: Plan, *, user, file_name: str) -> None:
    """Each row naming a citizen ID held by another organisation is recorded in the
    processing log (a lookup of that member, which the administrator sees); past
    ``ROSTER_MAX_OTHER_ORGANISATION_HITS`` of them the whole file is refused, with nothing
    said of any row. One query per record."""
    cap = settings.ROSTER_MAX_OTHER_ORGANISATION_HITS
    for row, member_id in plan.elsewhere[: cap + 1]:
        processing.record(
            user,
            processing.Action.VIEW,
            Member(pk=member_id),
            _("Roster %(file)s for %(organisation)s, row %(row)s: a member of another organisation")
            % {"file": file_name, "organisation": plan.organisation.name, "row": row},
        )
    if len(plan.elsewhere) > cap:
        processing.record(
            user,
            processing.Action.VIEW,
            plan.organisation,
            _("Roster %(file)s refused: it names members of other organisations")
            % {"file": file_name},
            count=len(plan.elsewhere),
        )
        raise OtherOrganisations(
            _(
                "The file names more than %(cap)s people who cannot be imported into this "
                "organisation; it was refused and the administrator informed. Check that it "
                "is this organisation's roster."
            )
            % {"cap": cap}
        )


def roster_preview(
    *, organisation: Organisation, roster: Roster, user=None, file_name: str = ""
) -> RosterResult:
    """What ``roster`` would change in ``organisation``; nothing is written. Six queries,
    whatever the number of rows (``make_plan``'s five, the cells' names; three fewer when
    the rows were checked as they were read), and one per row naming a member of another
    organisation (``check_other_organisations``, which raises ``OtherOrganisations`` past
    the limit)."""
    context = roster.context
    if not (isinstance(context, CheckContext) and context.organisation_id == organisation.pk):
        context = None
    with gc_paused():
        plan = make_plan(roster, organisation, context=context)
        check_other_organisations(plan, user=user, file_name=file_name)
        return RosterResult(organisation, roster, plan, _cell_names(organisation))


def roster_import(
    *,
    user,
    organisation: Organisation,
    roster: Roster,
    file_name: str,
    expected: str | None = None,
) -> RosterResult:
    """Import ``roster`` into ``organisation``: every row in one transaction, or none. After
    a preview, ``expected`` is its fingerprint, which the members held must still give.

    With a rejected row nothing is written and the result has no batch. Raises
    ``ImportChanged`` when the members changed since the preview, or when the database
    refuses a value (the message says which)."""
    with gc_paused():
        try:
            batch, plan = apply_plan(
                roster,
                organisation,
                user=user,
                file_name=file_name,
                sha256=roster.sha256,
                expected=expected,
            )
        except RowsRejected as error:
            batch, plan = None, error.plan
            check_other_organisations(plan, user=user, file_name=file_name)
        except ValidationError as error:  # a value the checks let through, refused
            raise ImportChanged("; ".join(error.messages)) from None
        except IntegrityError:
            # A row that contradicts what is held in a way the row checks cannot see, or the
            # same citizen ID added by another import at the same moment. The database's own
            # message (which may quote a citizen ID) is not shown or logged.
            raise ImportChanged(
                _(
                    "The database refused one of the rows (its dates contradict the member's "
                    "record, or another import added the same citizen ID at the same moment); "
                    "nothing was imported. Check the rows' dates and preview the file again."
                )
            ) from None
        return RosterResult(organisation, roster, plan, _cell_names(organisation), batch)
