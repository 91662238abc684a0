"""Members: list, page, corrections, recognition, events; everything held about a person."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import deadlines, processing, rules, services, stages
from ..access import can_edit_records, user_organisation_scope
from ..forms import (
    MemberEventForm,
    MemberFilterForm,
    MemberForm,
    RecognitionForm,
)
from ..history import history_rows
from ..models import Candidate, Member, MemberEvent, Organisation
from ..paperwork import files
from ..stages.fields import member_label
from .common import (
    list_filters,
    listed_page,
    require_editor,
    search_redirect,
    submitted,
    versioned_edit,
    visible_cells,
    visible_grassroots,
)


def filtered_members(request):
    """The member list's filter form, the user's members it selects in the list's order, and
    the organisation whose roster export the list offers (the one filtered on, or the
    user's own)."""
    form = MemberFilterForm(
        list_filters(request),
        organisations=visible_grassroots(request.user),
        cells=visible_cells(request.user),
    )
    members = Member.objects.visible_to(request.user).select_related("cell__organisation")
    export_organisation = user_organisation_scope(request.user)[1]
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        members = members.search(data["q"] or "")
        if data["organisation"]:
            members = members.filter(cell__organisation=data["organisation"])
            export_organisation = data["organisation"].pk
        if data["cell"]:
            members = members.filter(cell=data["cell"])
        if data["status"]:
            members = members.filter(status=data["status"])
        if data["year"]:
            members = members.filter(decision_date__year=data["year"])
    return form, members.order_by("sort_key", "id"), export_organisation


def member_list(request):
    if request.method == "POST":
        return search_redirect(request, "recruitment:member-list")
    form, members, export_organisation = filtered_members(request)
    page = listed_page(request, form, members, _("Member list"))
    return render(
        request,
        "recruitment/member_list.html",
        {"form": form, "page": page, "export_organisation": export_organisation},
    )


def member_detail(request, pk: int):
    member = get_object_or_404(
        Member.objects.visible_to(request.user)
        .select_related("cell__organisation")
        .prefetch_related(
            Prefetch("events", queryset=MemberEvent.objects.select_related("recorded_by"))
        ),
        pk=pk,
    )
    today = timezone.localdate()
    rule_sets = deadlines.RuleSets()
    probation_end = None
    if member.ceremony_date:
        probation_end = rules.add_months(
            member.ceremony_date, rule_sets.on(member.ceremony_date).probation_months
        )
    candidate = Candidate.objects.filter(member=member).order_by("-pk").first()
    processing.record(request.user, processing.Action.VIEW, member, _("Member page"))
    return render(
        request,
        "recruitment/member_detail.html",
        {
            "member": member,
            "candidate": candidate,
            "party_age": party_age_text(member, today),
            "age": rules.age_in_years(member.date_of_birth, today),
            "probation_end": probation_end,
            "deadlines": [
                {"deadline": item, "status": item.status(today), "days_left": item.days_left(today)}
                for item in deadlines.member_deadlines(member, rule_sets)
            ],
            "can_edit": can_edit_records(request.user),
            "can_recognise": member.status == Member.Status.PROBATIONARY
            and member.ceremony_date is not None,
            "event_kinds": [(kind.value, kind.label) for kind in MemberEventForm.KINDS],
            "history": history_rows(member),
            "documents": [
                kind
                for slug, kind in files.MEMBER_KINDS.items()
                if slug != "recognition"
                or any(event.kind == MemberEvent.Kind.RECOGNISED for event in member.events.all())
            ],
        },
    )


def party_age_text(member: Member, today) -> str:
    years, months = divmod(member.party_age_months(today), 12)
    return _("%(years)s years %(months)s months") % {"years": years, "months": months}


def member_edit(request, pk: int):
    require_editor(request)
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=pk)
    form = MemberForm(
        request.POST or None,
        instance=member,
        initial={"version": member.version},
        cells=visible_cells(request.user),
    )
    return versioned_edit(
        request,
        form,
        member,
        functools.partial(services.member_update, user=request.user, member=member),
        what=_("Member edit form"),
        template="recruitment/simple_form.html",
        context={
            "title": _("Edit member %(name)s") % {"name": member},
            "back": member.get_absolute_url(),
        },
    )


def member_recognise(request, pk: int):
    require_editor(request)
    member = get_object_or_404(
        Member.objects.visible_to(request.user).select_related("cell"), pk=pk
    )
    today = timezone.localdate()
    form = RecognitionForm(
        request.POST or None,
        initial={"version": member.version, "passed": "1"},
        exempt_choices=stages.cell_roll_on(member.cell, today).filter(exempt_from_activity=True),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and submitted(
            form,
            lambda: services.member_recognise(
                user=request.user,
                member=member,
                expected_version=form.cleaned_data["version"],
                **form.service_arguments(),
            ),
        )
    ):
        messages.success(request, _("Recognition recorded."))
        return redirect(member)
    eligible = services.eligible_cell_voters(member.cell, on=today)
    ends = None
    if member.ceremony_date:
        ends = services.probation_ends(member, deadlines.RuleSets().on(member.ceremony_date))
    return render(
        request,
        "recruitment/simple_form.html",
        {
            "form": form,
            "title": _("Recognition of %(name)s as official member") % {"name": member},
            "back": member.get_absolute_url(),
            "intro": _(
                "Probation ends on %(end)s: the cell votes from that day. The cell has "
                "%(eligible)s official members entitled to vote; at least 2/3 of them must vote "
                "for."
            )
            % {"eligible": eligible, "end": rules.format_date(ends) if ends else "—"},
        },
    )


def member_event(request, pk: int, kind: str):
    require_editor(request)
    if kind not in MemberEventForm.KINDS:
        raise Http404
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=pk)
    form = MemberEventForm(request.POST or None, initial={"version": member.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if submitted(
            form,
            lambda: services.member_record_event(
                user=request.user,
                member=member,
                expected_version=data.pop("version"),
                kind=kind,
                **data,
            ),
        ):
            messages.success(request, _("Recorded."))
            return redirect(member)
    return render(
        request,
        "recruitment/simple_form.html",
        {
            "form": form,
            "title": f"{MemberEvent.Kind(kind).label}: {member}",
            "back": member.get_absolute_url(),
        },
    )


# --- deadlines ----------------------------------------------------------------------------


def person_data(request, kind: str, pk: int):
    """Everything held about one person, as JSON (data-subject access); logged."""
    model = {"member": Member, "candidate": Candidate}.get(kind)
    if model is None:
        raise Http404
    person = get_object_or_404(
        model.objects.visible_to(request.user).select_related("cell__organisation"), pk=pk
    )
    data = processing.person_data(person)
    processing.record(
        request.user, processing.Action.EXPORT, person, _("Everything held about the person")
    )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{kind}-{person.pk}.json"'
    return response


#: How many members a picker's search returns.
CHOICES_SHOWN = 30


@require_POST
def member_choices(request):
    """The official members of an organisation whose name (diacritics optional) or citizen
    ID matches, for the member pickers: posted, so that the name searched stays out of URLs
    and logs; an organisation outside the user's scope is a 404."""
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user),
        pk=int(digits) if (digits := request.POST.get("organisation", "")).isdigit() else None,
    )
    members = (
        Member.objects.visible_to(request.user)
        .filter(cell__organisation=organisation, status=Member.Status.OFFICIAL)
        .search(request.POST.get("q", "")[:100])
        .select_related("cell")
        .order_by("sort_key", "id")[:CHOICES_SHOWN]
    )
    return JsonResponse(
        {"results": [{"id": member.pk, "label": member_label(member)} for member in members]}
    )
