"""The deadlines page: overdue and due soon, per organisation."""

from __future__ import annotations

from datetime import date

from django.shortcuts import render
from django.utils import timezone

from .. import datacache, deadlines
from ..access import user_organisation_scope
from ..forms import (
    AsOfForm,
)
from ..models import (
    Candidate,
    Member,
    Organisation,
)
from ..states import DeadlineStatus, Stage
from ..text import vietnamese_sort_key
from ..workdays import overrides
from .dashboard import print_heading
from .paperwork import own_organisation

#: Deadlines shown per organisation on the page (the most urgent first); a link shows the rest.
SHOWN = 25


def _chosen_organisation(request) -> Organisation | None:
    """The organisation of ``?organisation=``, when the user sees it."""
    value = request.GET.get("organisation", "")
    if not value.isdigit():
        return None
    return Organisation.objects.visible_to(request.user).filter(pk=int(value)).first()


def deadline_list(request):
    """What is overdue and what falls due in the next 30 days, per organisation, as of today
    or a chosen date."""
    form = AsOfForm(request.GET or None)
    today = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        today = form.cleaned_data["as_of"]
    printing = request.GET.get("print") == "1"
    # One organisation's deadlines, all of them (the page shows each organisation's first
    # ``SHOWN`` and links here for the rest); the print layout always has them all.
    chosen = _chosen_organisation(request)
    limit = None if printing or chosen is not None else SHOWN
    groups, overdue, soon = datacache.cached(
        (
            "deadlines",
            user_organisation_scope(request.user),
            chosen.pk if chosen is not None else None,
            today,
            limit,
            frozenset(overrides().items()),
        ),
        lambda: _deadline_groups(request.user, chosen, today, limit),
    )
    return render(
        request,
        "recruitment/deadlines.html",
        {
            "groups": groups,
            "chosen": chosen,
            "overdue": overdue,
            "soon": soon,
            "today": today,
            "form": form,
            **(print_heading(own_organisation(request.user), today) if printing else {}),
            "print_layout": printing,
        },
    )


def _deadline_groups(user, chosen: Organisation | None, today: date, limit: int | None):
    """The deadlines the user sees (of ``chosen`` alone, if given) as of ``today``, by
    organisation in Vietnamese order, the most urgent first and at most ``limit`` each; and
    how many are overdue and due soon. Worked out from every open candidate and probationary
    member in scope: kept between requests while the data is unchanged (``datacache``)."""
    rule_sets = deadlines.RuleSets()
    candidates = (
        Candidate.objects.visible_to(user)
        .filter(stage__in=Candidate.PIPELINE)
        .exclude(stage=Stage.CEREMONY)
        .select_related("cell__organisation")
        .only("full_name", "stage", "cell__organisation__name")
    )
    members = Member.objects.visible_to(user).filter(
        status=Member.Status.PROBATIONARY,
        ceremony_date__isnull=False,
        # Later ceremonies have no vote due soon (``latest_ceremony_due_soon``).
        ceremony_date__lte=rule_sets.latest_ceremony_due_soon(today),
    )
    if chosen is not None:
        candidates = candidates.filter(cell__organisation=chosen)
        members = members.filter(cell__organisation=chosen)
    items = []
    recorded = deadlines.recorded_stages(candidates)
    for candidate in candidates:
        items.extend(
            deadlines.candidate_deadlines(candidate, rule_sets, recorded.get(candidate.pk, []))
        )
    for member in deadlines.ListedMember.rows(members):
        items.extend(deadlines.member_deadlines(member, rule_sets))
    rows = [
        {"deadline": item, "status": item.status(today), "days_left": item.days_left(today)}
        for item in items
        if item.status(today) != DeadlineStatus.LATER
    ]
    rows.sort(key=lambda row: row["deadline"].due)
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row["deadline"].organisation_name, []).append(row)
    shown = [
        (
            name,
            group[:limit],
            len(group) - len(group[:limit]),
            group[0]["deadline"].organisation_id,
        )
        for name, group in sorted(groups.items(), key=lambda group: vietnamese_sort_key(group[0]))
    ]
    overdue = sum(1 for row in rows if row["status"] == DeadlineStatus.OVERDUE)
    soon = sum(
        1 for row in rows if row["status"] in (DeadlineStatus.SOON, DeadlineStatus.EXTENSION)
    )
    return shown, overdue, soon
