"""Planning and applying a roster import: every checked row set against the database by
citizen ID (new / updated / unchanged / rejected), then written all at once or not at all."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..choices import Occupation
from ..models import Cell, ImportBatch, Member, Organisation, RuleSet
from ..processing import Action, record
from ..states import RowAction
from ..text import name_keys, search_key
from .check import CheckedRow, Problem, check_row, value_maps
from .cleaning import translations_kept
from .columns import COLUMNS, header_of
from .copy import create_members_with_history, new_member_defaults
from .read import Roster

#: The member fields an import writes: one per roster column; a row changes a member held
#: when one of them differs.
WRITABLE = [column.attribute for column in COLUMNS]


class ImportChanged(Exception):
    """The data changed between the preview and the confirmation."""


def not_importable() -> str:
    """What a row whose citizen ID cannot be imported into the organisation is told."""
    return _("this citizen ID cannot be imported into this organisation: check it")


class RowsRejected(ImportChanged):
    """Rows are rejected: nothing is written. ``plan`` says which and why."""

    def __init__(self, message: str, plan: Plan):
        super().__init__(message)
        self.plan = plan


@dataclass(slots=True)
class PlannedRow:
    row: int
    action: RowAction
    values: dict[str, object]
    changes: list[tuple[str, object, object]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    member_id: int | None = None
    #: What the name derives (``CheckedRow.keys``).
    keys: tuple[str, str] | None = None


@dataclass
class Plan:
    organisation: Organisation
    rows: list[PlannedRow]
    #: The rows naming a citizen ID held by another organisation: (row, that member's id).
    elsewhere: list[tuple[int, int]] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action.value: self.count(action) for action in RowAction}

    @property
    def can_apply(self) -> bool:
        return self.count(RowAction.REJECTED) == 0

    def fingerprint(self) -> str:
        """What the confirmation must find again: every row's action, member and changes."""
        data = [
            [
                row.row,
                row.action,
                row.member_id,
                [(f, str(old), str(new)) for f, old, new in row.changes],
            ]
            for row in self.rows
        ]
        # Plain data (numbers, texts; the values already made texts): JSON as it is.
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def _comparable(value: object) -> object:
    return "" if value is None else value


@dataclass
class CheckContext:
    """What a roster's rows are checked against (``check_row``): an organisation's cells by
    search key, the vocabularies with the administrator's words, the rule sets' minimum ages
    by the day they took effect, and today. Two contexts that compare equal check every row
    alike (``words`` only remembers how each word read)."""

    organisation_id: int
    cells: dict[str, int]
    maps: dict[str, dict[str, object]]
    min_ages: tuple[tuple[date, int], ...]
    today: date
    words: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, organisation: Organisation, *, today: date | None = None) -> CheckContext:
        """Three queries: the organisation's cells (its sub-committees' too), the words the
        administrator added, the rule sets."""
        cells = {
            search_key(name): cell_id
            for cell_id, name in Cell.objects.of_organisation(organisation.pk).values_list(
                "id", "name"
            )
        }
        rule_sets = RuleSet.objects.order_by("-effective_from").values_list(
            "effective_from", "min_age_years"
        )
        return cls(
            organisation_id=organisation.pk,
            cells=cells,
            maps=value_maps(),
            min_ages=tuple(rule_sets),
            today=today or timezone.localdate(),
        )

    def min_age(self, day: date) -> int:
        """The minimum age at admission under the rules in force on ``day``."""
        return next((years for since, years in self.min_ages if since <= day), 18)

    def check(self, rows: list[tuple[int, dict[str, object]]]) -> list[CheckedRow]:
        """Each row checked (``check_row``), in order; a word read once per file."""
        cells, today, maps, words = self.cells, self.today, self.maps, self.words
        with translations_kept():
            return [
                check_row(
                    number,
                    values,
                    cells=cells,
                    today=today,
                    maps=maps,
                    min_age_years=self.min_age,
                    words=words,
                )
                for number, values in rows
            ]


def make_plan(
    roster: Roster,
    organisation: Organisation,
    *,
    today: date | None = None,
    context: CheckContext | None = None,
) -> Plan:
    """Check every row and set it against the members held. Five queries, whatever the
    number of rows: the three of ``CheckContext.of`` (none when ``context`` is given), the
    members with the file's citizen IDs, the organisation's sub-committees.

    Rows checked already as they were read (``roster.checked``) are taken as they are when
    they were checked against a context equal to this one (``roster.context``)."""
    context = context or CheckContext.of(organisation, today=today)
    if roster.checked is not None and roster.context == context:
        checked = roster.checked
    else:
        checked = context.check(roster.rows)
    ids = [row.values.get("citizen_id") for row in checked if row.values.get("citizen_id")]
    # Plain values rather than model instances: 10,000 of those cost more than the query.
    columns = ["id", "cell__organisation_id", *WRITABLE]
    existing = {
        member["citizen_id"]: member
        for member in (
            dict(zip(columns, values, strict=True))
            for values in Member.objects.filter(citizen_id__in=ids).values_list(*columns)
        )
    }
    own_organisations = {organisation.pk, *organisation.children.values_list("id", flat=True)}
    seen: dict[str, int] = {}
    planned = []
    elsewhere: list[tuple[int, int]] = []
    for row in checked:
        result = PlannedRow(
            row=row.row,
            action=RowAction.REJECTED,
            values=row.values,
            problems=list(row.problems),
            warnings=row.warnings,
            keys=row.keys,
        )
        planned.append(result)
        citizen_id = row.values.get("citizen_id")
        if citizen_id in seen:
            result.problems.append(
                Problem(
                    row.row,
                    header_of("citizen_id"),
                    _("the same citizen ID as row %(row)s") % {"row": seen[citizen_id]},
                )
            )
        elif citizen_id:
            seen[citizen_id] = row.row
        member = existing.get(citizen_id)
        if member is not None and member["cell__organisation_id"] not in own_organisations:
            # Out of scope: the words of any citizen ID that cannot be imported, nothing of
            # whether or where the person is held. The service logs and caps these.
            elsewhere.append((row.row, member["id"]))
            result.problems.append(Problem(row.row, header_of("citizen_id"), not_importable()))
        if result.problems:
            continue
        if member is None:
            result.action = RowAction.NEW
            continue
        result.member_id = member["id"]
        for name, new in row.values.items():
            if name not in WRITABLE:
                continue
            old = member[name]
            if _comparable(old) != _comparable(new):
                result.changes.append((name, old, new))
        result.action = RowAction.UPDATED if result.changes else RowAction.UNCHANGED
    return Plan(organisation=organisation, rows=planned, elsewhere=elsewhere)


def same_citizen_id(error: IntegrityError) -> bool:
    """The database refused a second member with the same citizen ID (its unique
    constraint), rather than a row that breaks another rule."""
    cause = error.__cause__
    code = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
    if code is not None:
        return code == "23505"  # unique_violation
    return "UNIQUE" in str(cause) and "citizen_id" in str(cause)  # SQLite's message


def insert_new(plan: Plan, *, user, reason: str) -> None:
    """The new members inserted, in the import's transaction. Another organisation's import,
    confirmed at the same moment, may have added one of these people first (both plans were
    made before either was written): the database refuses the second, and the clerk is told
    to preview again. The database's message names the citizen ID: it is neither shown nor
    logged."""
    try:
        _create_new_members(plan, user=user, reason=reason)
    except IntegrityError as error:
        if not same_citizen_id(error):
            raise
        raise ImportChanged(
            _(
                "Someone else has just imported some of these people; nothing was imported. "
                "Preview the file again to see which."
            )
        ) from None


def _new_member(row: PlannedRow, defaults: dict[str, object]) -> dict[str, object]:
    """A new member's column values (by attribute name): the row's, the model's defaults for
    what the file does not give, and what follows from them."""
    values = row.values
    member = {**defaults, **{name: values[name] for name in WRITABLE if name in values}}
    if not member.get("occupation"):
        member["occupation"] = Occupation.OTHER  # rosters often have no occupation column
    if row.keys is not None:
        member["name_key"], member["sort_key"] = row.keys
    else:
        member.update(name_keys(member["full_name"]))
    official = member.get("official_date")
    member["status"] = Member.Status.OFFICIAL if official else Member.Status.PROBATIONARY
    member["party_card_number"] = member.get("party_card_number") or ""
    return member


def _create_new_members(plan: Plan, *, user, reason: str) -> None:
    """The plan's new members and their history: by COPY on PostgreSQL, each member's values
    made as they are written; by ``bulk_create_with_history`` elsewhere. The values were
    checked row by row (``check_row``: lengths, labels, dates, rules); the database's
    constraints stand behind those checks."""
    defaults = new_member_defaults()
    new = (_new_member(row, defaults) for row in plan.rows if row.action == RowAction.NEW)
    if connection.vendor == "postgresql":
        create_members_with_history(new, user=user, reason=reason)
    else:
        bulk_create_new(new, user=user, reason=reason)


def bulk_create_new(members, *, user, reason: str) -> None:
    """New members (column values by attribute name) and their "+" history rows, by
    simple-history's ``bulk_create_with_history``: the import's path on SQLite."""
    if instances := [Member(**values) for values in members]:
        bulk_create_with_history(
            instances, Member, batch_size=None, default_user=user, default_change_reason=reason
        )


@transaction.atomic
def apply_plan(
    roster: Roster,
    organisation: Organisation,
    *,
    user,
    file_name: str,
    sha256: str,
    expected: str | None = None,
) -> tuple[ImportBatch, Plan]:
    """Write the plan in one transaction, or nothing. Imports into one organisation are
    serialised by locking its row; the plan is made inside the lock and, after a preview,
    must match the preview's fingerprint (``expected``)."""
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    plan = make_plan(roster, organisation)
    if expected is not None and plan.fingerprint() != expected:
        raise ImportChanged(
            _("The members changed since the preview; preview the file again before importing.")
        )
    if not plan.can_apply:
        raise RowsRejected(_("Rows are rejected: nothing was imported."), plan)
    reason = _("Roster import: %(file)s") % {"file": file_name}
    insert_new(plan, user=user, reason=reason)
    updated = []
    members = Member.objects.in_bulk(
        [row.member_id for row in plan.rows if row.action == RowAction.UPDATED]
    )
    changed_fields: set[str] = set()
    for row in plan.rows:
        if row.action != RowAction.UPDATED:
            continue
        member = members[row.member_id]
        for name, _old, new in row.changes:
            setattr(member, name, new)
            changed_fields.add(name)
        if "full_name" in changed_fields:
            for name, value in name_keys(member.full_name).items():
                setattr(member, name, value)
        member.version += 1
        updated.append(member)
    if updated:
        fields = sorted(
            changed_fields
            | {"version"}
            | ({"name_key", "sort_key"} if "full_name" in changed_fields else set())
        )
        bulk_update_with_history(
            updated,
            Member,
            fields,
            batch_size=1000,
            default_user=user,
            default_change_reason=reason,
        )
    counts = plan.counts
    batch = ImportBatch.objects.create(
        organisation=organisation,
        imported_by=user,
        file_name=file_name,
        sha256=sha256,
        status=ImportBatch.Status.APPLIED,
        created=counts["new"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        rejected=counts["rejected"],
    )
    record(
        user,
        Action.IMPORT,
        organisation,
        _("Roster import: %(file)s") % {"file": file_name},
        count=counts["new"] + counts["updated"],
    )
    return batch, plan
