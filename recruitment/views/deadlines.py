"""The deadlines page: overdue and due soon, per organisation."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from .. import deadlines
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
    rule_sets = deadlines.RuleSets()
    candidates = (
        Candidate.objects.visible_to(request.user)
        .filter(stage__in=Candidate.PIPELINE)
        .exclude(stage=Stage.CEREMONY)
        .select_related("cell__organisation")
        .only("full_name", "stage", "cell__organisation__name")
    )
    members = Member.objects.visible_to(request.user).filter(
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
    limit = None if printing or chosen is not None else SHOWN
    shown = [
        (
            name,
            group[:limit],
            len(group) - len(group[:limit]),
            group[0]["deadline"].organisation_id,
        )
        for name, group in sorted(groups.items(), key=lambda group: vietnamese_sort_key(group[0]))
    ]
    return render(
        request,
        "recruitment/deadlines.html",
        {
            "groups": shown,
            "chosen": chosen,
            "overdue": sum(1 for row in rows if row["status"] == DeadlineStatus.OVERDUE),
            "soon": sum(
                1
                for row in rows
                if row["status"] in (DeadlineStatus.SOON, DeadlineStatus.EXTENSION)
            ),
            "today": today,
            "form": form,
            **(print_heading(own_organisation(request.user), today) if printing else {}),
            "print_layout": printing,
        },
    )
