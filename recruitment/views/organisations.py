"""The organisations page: those whose size breaks the rules of the rule set in force."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from .. import services, structure


def organisation_sizes(request):
    """Organisations and cells the user sees that break a size rule, as of today."""
    today = timezone.localdate()
    params = services.rule_set_on(today)
    return render(
        request,
        "recruitment/organisation_sizes.html",
        {
            "today": today,
            "params": params,
            "breaches": structure.size_breaches(request.user, today, params),
        },
    )
