"""The year's quotas, set by the board head."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import services
from ..access import can_set_quotas
from ..forms import (
    QuotaForm,
)
from ..models import (
    Quota,
    Term,
)
from .common import (
    add_service_errors,
    visible_grassroots,
)


def quota_edit(request):
    """The board head (or committee staff) sets the year's quotas and sees whether the
    organisations' quotas add up to the committee's."""
    if not can_set_quotas(request.user):
        raise PermissionDenied(_("Your role cannot set quotas."))
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    if not 1930 <= year <= 2100:
        raise Http404
    term = (
        Term.objects.filter(start_date__year__lte=year, end_date__year__gte=year)
        .order_by("-start_date")
        .first()
    )
    organisations = visible_grassroots(request.user).filter(
        Q(active_to__isnull=True) | Q(active_to__gte=date(year, 1, 1)),
        active_from__lte=date(year, 12, 31),
    )
    targets = Quota.objects.targets(year=year, term=term)
    initial = {
        "committee_assigned": targets.committee.admissions,
        "committee_aspiration": targets.committee.aspiration,
        "committee_training": targets.committee.training,
        "term_target": targets.committee.term,
        **{
            f"org_{pk}": own.admissions
            for pk, own in targets.organisations.items()
            if own.admissions is not None
        },
    }
    form = QuotaForm(
        request.POST or None, initial=initial, organisations=organisations, has_term=bool(term)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.quotas_set(
                user=request.user,
                year=year,
                committee_assigned=form.cleaned_data["committee_assigned"],
                committee_aspiration=form.cleaned_data["committee_aspiration"],
                committee_training=form.cleaned_data["committee_training"],
                term=term,
                term_target=form.cleaned_data.get("term_target"),
                organisation_targets=form.organisation_targets(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Quotas for %(year)s saved.") % {"year": year})
            return redirect(f"{reverse('recruitment:quotas')}?year={year}")
    values = form.cleaned_data if form.is_bound and form.is_valid() else initial
    organisations_sum = sum(value or 0 for key, value in values.items() if key.startswith("org_"))
    committee = values.get("committee_assigned")
    return render(
        request,
        "recruitment/quotas.html",
        {
            "form": form,
            "year": year,
            "term": term,
            "organisations_sum": organisations_sum,
            "committee": committee,
            "adds_up": committee is not None and organisations_sum == committee,
        },
    )
