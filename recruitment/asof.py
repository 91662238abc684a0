"""The structure as of a date: which organisation a cell belonged to on a day, which
organisations carry on the work of those that ended, and the tree of a day.

A cell's organisation on a day is the one of its placement covering that day, else
``Cell.organisation`` (a cell that never moved). Its last placement never ends, even when the
cell closes, so every figure grouped this way adds up to the committee's total, whatever the
events.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import F, FilteredRelation, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Cell, CellPlacement, Organisation, OrganisationEvent, Succession
from .querysets import NO_TARGETS, QuotaTargets, Targets


def with_organisation_on(queryset, day: date, cell_path: str = "cell"):
    """``queryset`` with ``organisation_then``: the id of the organisation the cell at
    ``cell_path`` (``"cell"`` from a member or candidate, ``"candidate__cell"`` from a stage
    record, ``""`` from a cell) belonged to on ``day``. One LEFT JOIN on the placement
    covering the day (placements never overlap: ``reorganisation.place_cell`` writes them in
    order), else the cell's organisation of today, which it has had since its last move. No
    query of its own."""
    placements = f"{cell_path}__placements" if cell_path else "placements"
    current = f"{cell_path}__organisation_id" if cell_path else "organisation_id"
    covering = Q(**{f"{placements}__start__lte": day}) & (
        Q(**{f"{placements}__end__isnull": True}) | Q(**{f"{placements}__end__gte": day})
    )
    return queryset.alias(placed_then=FilteredRelation(placements, condition=covering)).annotate(
        organisation_then=Coalesce(
            F("placed_then__organisation_id"), F(current), output_field=IntegerField()
        )
    )


def active_on_filter(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}active_from__lte": day}) & (
        Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": day})
    )


@dataclass(frozen=True)
class Successions:
    """Who carries on the work of whom, for the events in force on a day."""

    successors: dict[int, list[tuple[int, int]]]  # predecessor → [(successor, weight)]

    @classmethod
    def on(cls, day: date) -> Successions:
        """The successions of the events effective by ``day``. One query."""
        found: dict[int, list[tuple[int, int]]] = defaultdict(list)
        rows = (
            Succession.objects.filter(event__effective_date__lte=day)
            .order_by("pk")
            .values_list("predecessor_id", "successor_id", "weight")
        )
        for predecessor, successor, weight in rows:
            found[predecessor].append((successor, weight))
        return cls(dict(found))

    def carry(self, values: dict[int, int]) -> dict[int, int]:
        """Each organisation's value passed on to those who carry on its work (down the
        chain: A into B, then B into C), divided by the weights where there are several (the
        largest remainders first, so the total is kept). No query."""
        result: dict[int, int] = defaultdict(int)
        for organisation, value in values.items():
            if organisation not in self.successors:
                result[organisation] += value
                continue
            pending = [(organisation, value, 0)]
            while pending:
                pk, amount, depth = pending.pop()
                successors = self.successors.get(pk)
                # A chain longer than any real one can only be a loop in the data: stop.
                if not successors or depth >= MAX_CHAIN:
                    result[pk] += amount
                    continue
                shares = divide(amount, [weight for _, weight in successors])
                pending.extend(
                    (successor, share, depth + 1)
                    for (successor, _), share in zip(successors, shares, strict=True)
                )
        return dict(result)


#: Events one after another that a value is passed down (a guard against a loop).
MAX_CHAIN = 100


def divide(value: int, weights: list[int]) -> list[int]:
    """``value`` divided in proportion to ``weights``, in whole numbers adding up to it (the
    largest remainders get the units left; ties to the first)."""
    total = sum(weights) or len(weights)
    weights = weights if sum(weights) else [1] * len(weights)
    shares = [value * weight // total for weight in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(value * weights[i] % total), i))
    for i in remainders[: value - sum(shares)]:
        shares[i] += 1
    return shares


def name_on(day: date):
    """An expression for an organisation queryset: its name on ``day`` (the name before the
    first rename after that day, else today's)."""
    renamed_later = OrganisationEvent.objects.filter(
        organisation_id=OuterRef("pk"),
        kind=OrganisationEvent.Kind.RENAME,
        effective_date__gt=day,
    ).order_by("effective_date", "pk")
    return Coalesce(Subquery(renamed_later.values("name_before")[:1]), F("name"))


@dataclass
class TreeNode:
    organisation: Organisation
    name: str
    children: list[TreeNode]
    cells: list[Cell]


def tree_on(day: date, organisations=None) -> list[TreeNode]:
    """The tree of ``day``: the organisations active then (of ``organisations``, default all)
    under their parents of that day, with their names and cells of that day. Two queries."""
    organisations = organisations if organisations is not None else Organisation.objects.all()
    found = list(
        organisations.filter(active_on_filter(day))
        .annotate(name_then=name_on(day), parent_then=parent_on(day))
        .order_by("sort_key", "pk")
    )
    cells = with_organisation_on(Cell.objects.filter(active_on_filter(day)), day, "").order_by(
        "sort_key", "pk"
    )
    nodes = {org.pk: TreeNode(org, org.name_then, [], []) for org in found}
    for cell in cells:
        if cell.organisation_then in nodes:
            nodes[cell.organisation_then].cells.append(cell)
    roots = []
    for org in found:
        parent = nodes.get(org.parent_then)
        (parent.children if parent else roots).append(nodes[org.pk])
    return roots


def parent_on(day: date):
    """An expression: the organisation's parent on ``day`` (the parent before the first move
    after that day, else today's)."""
    moved_later = OrganisationEvent.objects.filter(
        organisation_id=OuterRef("pk"),
        kind=OrganisationEvent.Kind.MOVE,
        effective_date__gt=day,
    ).order_by("effective_date", "pk")
    return Coalesce(
        Subquery(moved_later.values("parent_before_id")[:1]),
        F("parent_id"),
        output_field=IntegerField(),
    )


def carry_targets(targets: QuotaTargets, successions: Successions) -> QuotaTargets:
    """The organisations' targets with those of organisations that ended passed on to their
    successors (each kind of target apart, the totals kept); the others' as they are. No
    query."""
    ended = {
        pk: found for pk, found in targets.organisations.items() if pk in successions.successors
    }
    if not ended:
        return targets
    organisations = {pk: found for pk, found in targets.organisations.items() if pk not in ended}
    for name in Targets.__dataclass_fields__:
        values = {
            pk: getattr(found, name)
            for pk, found in ended.items()
            if getattr(found, name) is not None
        }
        for pk, value in successions.carry(values).items():
            own = organisations.get(pk, NO_TARGETS)
            organisations[pk] = replace(own, **{name: value + (getattr(own, name) or 0)})
    return QuotaTargets(committee=targets.committee, organisations=organisations)


@dataclass(frozen=True)
class Lineage:
    """The organisations whose work one organisation carries on, itself included: what its
    grassroots staff see of the days before a merger or split. ``whole``: those whose work
    passed to it alone (itself, those merged into it, down the chain); ``parts``: those
    divided among several successors (a split), each with the cells that came to it, the only
    part of their records it sees."""

    whole: frozenset[int]
    parts: dict[int, frozenset[int]]

    @classmethod
    def of(cls, organisation_id: int) -> Lineage:
        """Two queries: the successions, and the placements of the cells divided by a
        split."""
        successions = list(
            Succession.objects.values_list("predecessor_id", "successor_id", "event_id")
        )
        received: dict[tuple[int, int], set[int]] = defaultdict(set)
        been_in: dict[int, set[int]] = defaultdict(set)  # organisation → cells it ever had
        split_cells = CellPlacement.objects.filter(event__kind=OrganisationEvent.Kind.SPLIT)
        for event, kind, organisation, cell in CellPlacement.objects.filter(
            cell__in=split_cells.values("cell_id")
        ).values_list("event_id", "event__kind", "organisation_id", "cell_id"):
            been_in[organisation].add(cell)
            if kind == OrganisationEvent.Kind.SPLIT:
                received[event, organisation].add(cell)
        shares = Counter((predecessor, event) for predecessor, _, event in successions)
        by_successor: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for predecessor, successor, event in successions:
            by_successor[successor].append((predecessor, event))
        # None: all of the organisation's cells; else only these.
        cells: dict[int, frozenset[int] | None] = {organisation_id: None}
        pending = [organisation_id]
        while pending:
            successor = pending.pop()
            for predecessor, event in by_successor[successor]:
                limit = cells[successor]
                if shares[predecessor, event] > 1:
                    given = frozenset(received[event, successor])
                    limit = given if limit is None else limit & given
                if limit is not None:
                    # A divided cell's placements cover its whole life: those it was in.
                    limit &= been_in[predecessor]
                    if not limit:
                        continue
                known = cells.get(predecessor, frozenset())
                joined = None if known is None or limit is None else known | limit
                if predecessor not in cells or joined != known:
                    cells[predecessor] = joined
                    pending.append(predecessor)
        return cls(
            whole=frozenset(pk for pk, limit in cells.items() if limit is None),
            parts={pk: limit for pk, limit in cells.items() if limit is not None},
        )

    def filter(self, organisation_field: str = "organisation_then", cell_field: str = "cell_id"):
        """The rows of the lineage: a ``Q`` on a queryset annotated by
        ``with_organisation_on``."""
        found = Q(**{f"{organisation_field}__in": self.whole})
        for pk, cells in self.parts.items():
            found |= Q(**{organisation_field: pk, f"{cell_field}__in": cells})
        return found

    @property
    def organisations(self) -> frozenset[int]:
        return self.whole | frozenset(self.parts)
