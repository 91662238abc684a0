"""The start page."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import render

from ..access import role_of
from ..models import (
    Candidate,
    Member,
    Organisation,
)
from ..states import Stage


def home(request):
    """Start page: what the signed-in user can reach, with the headline counts of their scope."""
    members = Member.objects.visible_to(request.user)
    candidates = Candidate.objects.visible_to(request.user)
    # One query: official, probationary (ceremony held) and admitted awaiting the ceremony.
    member_counts = members.aggregate(
        official=Count("id", filter=Q(status=Member.Status.OFFICIAL)),
        probationary=Count(
            "id", filter=Q(status=Member.Status.PROBATIONARY, ceremony_date__isnull=False)
        ),
        awaiting_ceremony=Count(
            "id", filter=Q(status=Member.Status.PROBATIONARY, ceremony_date__isnull=True)
        ),
    )
    stage_counts = dict(candidates.values_list("stage").annotate(n=Count("id")).order_by())
    profile_organisation = None
    if hasattr(request.user, "staff_profile"):
        profile_organisation = request.user.staff_profile.organisation
    context = {
        "role": role_of(request.user),
        "organisation": profile_organisation,
        "organisation_count": Organisation.objects.visible_to(request.user).grassroots().count(),
        **member_counts,
        "stages": [(label, stage_counts.get(value, 0)) for value, label in Stage.choices],
    }
    return render(request, "recruitment/home.html", context)


# --- helpers ------------------------------------------------------------------------------
