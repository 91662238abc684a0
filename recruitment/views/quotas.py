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
from ..targets import members_at_start, proposed_quotas, share_of
from .common import (
    add_service_errors,
    visible_grassroots,
)


def quota_edit(request):
    """The board head (or committee staff) sets the year's quotas and sees whether the
    organisations' quotas add up to the committee's, each also as a share of the members on
    1 January; ``?copy=1`` proposes last year's quotas for this year's organisations."""
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
    members_total, members = members_at_start(year)
    initial = {
        "committee_assigned": format_target(targets.committee.admissions),
        "committee_aspiration": targets.committee.aspiration,
        "committee_training": targets.committee.training,
        "term_target": targets.committee.term,
        **{
            f"org_{pk}": own.admissions
            for pk, own in targets.organisations.items()
            if own.admissions is not None
        },
    }
    copied = request.GET.get("copy") == "1" and request.method != "POST"
    if copied:
        initial |= {f"org_{pk}": target for pk, target in proposed_quotas(year).items()}
        messages.info(
            request,
            _(
                "Last year's quotas are proposed below (merged organisations: the sum of their "
                "predecessors'); check them and save."
            ),
        )
    form = QuotaForm(
        request.POST or None, initial=initial, organisations=organisations, has_term=bool(term)
    )
    if request.method == "POST" and form.is_valid():
        try:
            assigned = form.cleaned_data["committee_assigned"]
            services.quotas_set(
                user=request.user,
                year=year,
                committee_assigned=assigned.resolve(members_total) if assigned else None,
                committee_aspiration=form.cleaned_data["committee_aspiration"],
                committee_training=form.cleaned_data["committee_training"],
                term=term,
                term_target=form.cleaned_data.get("term_target"),
                organisation_targets=form.organisation_targets(members),
                shares=form.shares(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Quotas for %(year)s saved.") % {"year": year})
            return redirect(f"{reverse('recruitment:quotas')}?year={year}")
    sums = quota_sums(form, initial, members_total, members)
    return render(
        request,
        "recruitment/quotas.html",
        {
            "form": form,
            "year": year,
            "term": term,
            **sums,
        },
    )


def format_target(target: int | None) -> str | None:
    return None if target is None else str(target)


def parse_initial(value) -> int | None:
    """A stored or proposed target (a number, or its text) as a number."""
    if value in (None, ""):
        return None
    return int(value)


def quota_sums(form, initial: dict, members_total: int, members: dict[int, int]) -> dict:
    """The targets as numbers (the form's, else the stored or proposed ones), whether the
    organisations' add up to the committee's, and each also as a share of the members on
    1 January: the page's figures. No query."""
    if form.is_bound and form.is_valid():
        values = {
            key: value.resolve(
                members_total if key == "committee_assigned" else members.get(int(key[4:]), 0)
            )
            if value
            else None
            for key, value in form.cleaned_data.items()
            if key == "committee_assigned" or key.startswith("org_")
        }
    else:
        values = {key: parse_initial(value) for key, value in initial.items()}
    organisations_sum = sum(value or 0 for key, value in values.items() if key.startswith("org_"))
    committee = values.get("committee_assigned")
    return {
        "organisations_sum": organisations_sum,
        "committee": committee,
        "adds_up": committee is not None and organisations_sum == committee,
        "members_total": members_total,
        "committee_share": share_of(committee, members_total),
        "rows": [
            (
                organisation,
                field,
                members.get(organisation.pk, 0),
                share_of(values.get(f"org_{organisation.pk}"), members.get(organisation.pk, 0)),
            )
            for organisation, field in form.organisation_fields()
        ],
    }
