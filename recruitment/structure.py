"""The organisations and cells that break the size rules (Quy định 294-QĐ/TW): a cell needs
3 official members; a grassroots organisation of 30 members or more is a committee, below
30 a grassroots cell. Parameters in the rule set in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from . import rules
from .models import Cell, Organisation, RuleSet
from .states import ACTIVE_STATUSES, MemberStatus, OrganisationKind


@dataclass(frozen=True)
class SizeBreach:
    organisation: Organisation
    cell: Cell | None
    count: int
    problem: str


def _active(field_prefix: str, on: date) -> Q:
    return Q(**{f"{field_prefix}active_from__lte": on}) & (
        Q(**{f"{field_prefix}active_to__isnull": True}) | Q(**{f"{field_prefix}active_to__gte": on})
    )


def size_breaches(user, on: date, params: RuleSet) -> list[SizeBreach]:
    """Every organisation and cell the user sees, active on ``on``, that breaks a size rule.
    Two queries, however many organisations."""
    breaches = []
    organisations = (
        Organisation.objects.visible_to(user)
        .grassroots()
        .filter(_active("", on))
        .annotate(
            active_members=Count(
                "cells__members",
                filter=Q(cells__members__status__in=ACTIVE_STATUSES),
                distinct=True,
            )
        )
        .order_by("name", "pk")
    )
    for organisation in organisations:
        for problem in rules.check_organisation_size(
            is_committee=organisation.kind == OrganisationKind.GRASSROOTS_COMMITTEE,
            members=organisation.active_members,
            params=params,
        ):
            breaches.append(SizeBreach(organisation, None, organisation.active_members, problem))
    cells = (
        Cell.objects.visible_to(user)
        .filter(_active("", on), _active("organisation__", on))
        .select_related("organisation")
        .annotate(
            official=Count(
                "members", filter=Q(members__status=MemberStatus.OFFICIAL), distinct=True
            )
        )
        .order_by("organisation__name", "name", "pk")
    )
    for cell in cells:
        for problem in rules.check_cell_size(official=cell.official, params=params):
            breaches.append(SizeBreach(cell.organisation, cell, cell.official, problem))
    return breaches
