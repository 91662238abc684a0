"""The structure of a day (the tree of organisations and cells, as of any date) and the
organisation events that change it, made by the Organisation Board or the administrator."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import can_reorganise
from ..asof import tree_on
from ..models import Organisation, OrganisationEvent
from ..structure_forms import EVENT_FORMS, AsOfForm, SplitChoiceForm, grassroots
from .common import submitted

EVENTS_SHOWN = 200


def structure_page(request):
    """The tree as of a day (today by default) of the organisations the user sees; for the
    board, the events that changed it. Three queries besides the session's (two for the
    tree, one for the events)."""
    form = AsOfForm(request.GET or None)
    day = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        day = form.cleaned_data["as_of"]
    events = []
    if can_reorganise(request.user):
        events = (
            OrganisationEvent.objects.select_related(
                "organisation", "target", "cell", "parent_before", "recorded_by"
            )
            .prefetch_related("successions__predecessor", "successions__successor")
            .order_by("-effective_date", "-pk")[:EVENTS_SHOWN]
        )
    return render(
        request,
        "recruitment/structure.html",
        {
            "form": form,
            "day": day,
            "tree": tree_on(day, Organisation.objects.visible_to(request.user)),
            "events": events,
            "event_kinds": list(OrganisationEvent.Kind) if can_reorganise(request.user) else [],
        },
    )


def organisation_event(request, kind: str):
    """The form of one kind of event; on a valid post the event is made and the structure
    of its effective date shown."""
    if not can_reorganise(request.user):
        raise PermissionDenied(
            _("Only the Organisation Board or the administrator changes the structure.")
        )
    if kind not in EVENT_FORMS:
        raise Http404
    form_class = EVENT_FORMS[kind]
    extra = {}
    if kind == OrganisationEvent.Kind.SPLIT:
        choice = SplitChoiceForm(request.GET or None)
        if not choice.is_bound or not choice.is_valid():
            return render(
                request,
                "recruitment/organisation_event.html",
                {"form": choice, "kind": OrganisationEvent.Kind(kind), "method": "get"},
            )
        extra["organisation"] = get_object_or_404(
            grassroots(), pk=choice.cleaned_data["organisation"].pk
        )
    form = form_class(request.POST or None, **extra)
    posted = request.method == "POST" and form.is_valid()
    if posted and submitted(form, lambda: form.save(request.user)):
        day = form.cleaned_data["effective_date"]
        messages.success(request, _("The change is recorded."))
        return redirect(reverse("recruitment:structure") + f"?as_of={day.strftime('%d/%m/%Y')}")
    return render(
        request,
        "recruitment/organisation_event.html",
        {"form": form, "kind": OrganisationEvent.Kind(kind), "method": "post", **extra},
    )
