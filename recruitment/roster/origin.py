"""Whose roster a file is: the organisation its title rows name, or whose cells it lists.
A clerk who picks the wrong organisation, or a file sent by another, is told before the
import (the page asks for an explicit tick; the command refuses without ``--force``)."""

from __future__ import annotations

from collections import Counter

from ..models import Cell, Organisation
from ..text import search_key
from .read import Roster


def named_in_titles(roster: Roster, organisations: list[tuple[int, str]]) -> set[int]:
    """The organisations (id, name) whose name the file's title rows hold, the longest
    names first: "Đảng bộ phường Minh Khai" in "ĐẢNG BỘ PHƯỜNG MINH KHAI - THÀNH PHỐ PHỦ LÝ"."""
    text = f" {search_key(' '.join(roster.titles))} "
    named: set[int] = set()
    taken: list[str] = []
    for pk, name in sorted(organisations, key=lambda item: -len(item[1])):
        key = search_key(name)
        if key and f" {key} " in text and not any(key in longer for longer in taken):
            named.add(pk)
            taken.append(key)
    return named


def other_organisation(*, organisation: Organisation, roster: Roster) -> Organisation | None:
    """Another organisation the file points to, or None. Two queries: the grassroots
    organisations' names, and the cells by name when the title rows name none."""
    organisations = list(Organisation.objects.grassroots().values_list("id", "name"))
    named = named_in_titles(roster, organisations)
    if named:
        if organisation.pk in named or organisation.parent_id in named:
            return None
        return Organisation.objects.filter(pk__in=named).order_by("name").first()
    wanted = {search_key(str(values.get("cell") or "")) for _row, values in roster.rows}
    wanted.discard("")
    if not wanted:
        return None
    owners: dict[str, set[int]] = {}
    for owner, parent, name in Cell.objects.values_list(
        "organisation_id", "organisation__parent_id", "name"
    ):
        key = search_key(name)
        if key in wanted:
            owners.setdefault(key, set()).update(pk for pk in (owner, parent) if pk)
    if any(organisation.pk in pks for pks in owners.values()):
        return None
    votes = Counter(pk for pks in owners.values() for pk in pks)
    grassroots = {pk for pk, _name in organisations}
    best = next((pk for pk, _count in votes.most_common() if pk in grassroots), None)
    return Organisation.objects.filter(pk=best).first() if best else None
