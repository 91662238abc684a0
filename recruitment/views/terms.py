"""Congress terms and their targets, set by the board head (or committee staff)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import targets
from ..access import can_set_quotas
from ..forms import TermForm, TermTargetsForm
from ..models import Quota, Term
from .common import submitted, visible_grassroots


def term_page(request):
    """Every term; a form for a new one; and, for the term chosen (``?term=<id>``), its
    targets: the committee's and each organisation active in it."""
    if not can_set_quotas(request.user):
        raise PermissionDenied(_("Your role cannot set quotas."))
    terms = list(Term.objects.order_by("-start_date"))
    chosen = None
    if request.GET.get("term", "").isdigit():
        chosen = get_object_or_404(Term, pk=int(request.GET["term"]))
    create = TermForm(request.POST if "create" in request.POST else None)
    if create.is_bound and create.is_valid():
        data = create.cleaned_data
        call = lambda: targets.term_create(user=request.user, **data)  # noqa: E731
        if submitted(create, call):
            term = Term.objects.get(name=data["name"].strip())
            messages.success(request, _("Term %(name)s created.") % {"name": term.name})
            return redirect(f"{reverse('recruitment:terms')}?term={term.pk}")
    form = None
    if chosen is not None:
        form = term_targets_form(request, chosen)
        if form.is_bound and form.is_valid():
            call = lambda: targets.term_targets_set(  # noqa: E731
                user=request.user,
                term=chosen,
                committee=form.cleaned_data["committee"],
                organisations=form.organisation_targets(),
            )
            if submitted(form, call):
                messages.success(request, _("Targets of %(name)s saved.") % {"name": chosen.name})
                return redirect(f"{reverse('recruitment:terms')}?term={chosen.pk}")
    return render(
        request,
        "recruitment/terms.html",
        {"terms": terms, "chosen": chosen, "create": create, "form": form},
    )


def term_targets_form(request, term: Term) -> TermTargetsForm:
    """The targets form of ``term``: the organisations active at some time in it. Two
    queries."""
    organisations = visible_grassroots(request.user).filter(
        Q(active_to__isnull=True) | Q(active_to__gte=term.start_date),
        active_from__lte=term.end_date,
    )
    found = Quota.objects.targets(year=0, term=term)
    initial = {"committee": found.committee.term} | {
        f"org_{pk}": own.term for pk, own in found.organisations.items() if own.term is not None
    }
    data = request.POST if "targets" in request.POST else None
    return TermTargetsForm(data, initial=initial, organisations=organisations)
