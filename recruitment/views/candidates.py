"""Elite candidates: list, board, page, the form of each stage, closing a candidacy."""

from __future__ import annotations

import functools
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import deadlines, processing, rules, services, stages
from ..access import can_edit_records
from ..forms import (
    CandidateFilterForm,
    CellChoiceForm,
    EditCandidateForm,
    NewCandidateForm,
    RejectForm,
    StageForm,
)
from ..history import history_rows
from ..models import (
    Candidate,
    StageRecord,
)
from ..paperwork import files
from ..states import Stage
from .common import (
    add_service_errors,
    list_filters,
    listed_page,
    official_members_of,
    require_editor,
    search_redirect,
    submitted,
    versioned_edit,
    visible_cells,
    visible_grassroots,
)


def filtered_candidates(request):
    """The candidate list's filter form and the user's candidates it selects, in the list's
    order (the page and its workbook show the same)."""
    form = CandidateFilterForm(
        list_filters(request),
        organisations=visible_grassroots(request.user),
        cells=visible_cells(request.user),
    )
    candidates = Candidate.objects.visible_to(request.user).select_related(
        "cell__organisation", "helper"
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        candidates = candidates.search(data["q"] or "")
        if data["organisation"]:
            candidates = candidates.filter(cell__organisation=data["organisation"])
        if data["cell"]:
            candidates = candidates.filter(cell=data["cell"])
        if data["stage"]:
            candidates = candidates.filter(stage=data["stage"])
        if data["year"]:
            candidates = candidates.filter(stage_records__date__year=data["year"]).distinct()
    return form, candidates.order_by("sort_key", "id")


def candidate_list(request):
    """Elite candidates, filtered by organisation, cell, stage and year; searched by name
    (diacritics optional) or citizen ID."""
    if request.method == "POST":
        return search_redirect(request, "recruitment:candidate-list")
    form, candidates = filtered_candidates(request)
    page = listed_page(request, form, candidates, _("Candidate list"))
    return render(
        request,
        "recruitment/candidate_list.html",
        {"form": form, "page": page, "can_edit": can_edit_records(request.user)},
    )


BOARD_CARDS = 30


def candidate_board(request):
    """One column per pipeline stage with its count and the first candidates in it."""
    candidates = Candidate.objects.visible_to(request.user)
    counts = dict(candidates.values_list("stage").annotate(n=Count("id")).order_by())
    open_stages = [spec.stage for spec in stages.STAGES]
    shown = (
        candidates.filter(stage__in=open_stages)
        .select_related("cell__organisation")
        .order_by("stage", "sort_key", "id")
    )
    by_stage: dict[str, list[Candidate]] = {stage: [] for stage in open_stages}
    # One query; at most BOARD_CARDS cards per column are shown, the count says the rest.
    for candidate in shown.iterator(chunk_size=2000):
        cards = by_stage[candidate.stage]
        if len(cards) < BOARD_CARDS:
            cards.append(candidate)
    columns = [
        {
            "stage": stage,
            "label": Stage(stage).label,
            "count": counts.get(stage, 0),
            "cards": by_stage[stage],
        }
        for stage in open_stages
    ]
    closed = [(spec.label, counts.get(spec.stage, 0)) for spec in stages.CLOSINGS]
    processing.record_list(
        request.user, _("Candidate board"), count=sum(len(cards) for cards in by_stage.values())
    )
    return render(
        request, "recruitment/candidate_board.html", {"columns": columns, "closed": closed}
    )


def candidate_create(request):
    """Step 1 chooses the cell (which decides the helpers offered); step 2 the details."""
    require_editor(request)
    cells = visible_cells(request.user)
    cell_id = request.GET.get("cell") or request.POST.get("cell")
    cell = cells.filter(pk=cell_id).first() if cell_id and str(cell_id).isdigit() else None
    if cell is None:
        return render(
            request,
            "recruitment/candidate_cell_choice.html",
            {"form": CellChoiceForm(cells=cells)},
        )
    helpers = official_members_of(cell.organisation_id)
    form = NewCandidateForm(
        request.POST or None,
        initial={"cell": cell},
        cells=cells.filter(organisation_id=cell.organisation_id),
        helpers=helpers,
        organisation_id=cell.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            candidate = services.candidate_create(user=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Candidate %(name)s added.") % {"name": candidate})
            return redirect(candidate)
    return render(
        request,
        "recruitment/candidate_form.html",
        {"form": form, "cell": cell, "title": _("New elite candidate")},
    )


def candidate_detail(request, pk: int):
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user)
        .select_related("cell__organisation", "helper", "member")
        .prefetch_related(
            Prefetch(
                "stage_records",
                queryset=StageRecord.objects.select_related("recorded_by")
                .prefetch_related("introducer_set__member")
                .order_by("date", "id"),
            )
        ),
        pk=pk,
    )
    rule_sets = deadlines.RuleSets()
    today = timezone.localdate()
    upcoming = candidate_deadlines_with_status(candidate, rule_sets, today)
    records = [
        {"record": record, "details": stages.record_details(record)}
        for record in candidate.stage_records.all()
    ]
    next_stage = services.next_stage(candidate)
    file_until = stages.stale_file_until(candidate, candidate.stage_records.all(), rule_sets)
    processing.record(request.user, processing.Action.VIEW, candidate, _("Candidate page"))
    return render(
        request,
        "recruitment/candidate_detail.html",
        {
            "candidate": candidate,
            "records": records,
            "next_stage": next_stage,
            "next_stage_label": Stage(next_stage).label if next_stage else None,
            "file_until": file_until,
            "file_stale": file_until is not None and today > file_until,
            "redo_stage": Stage.INTRODUCED,
            "deadlines": upcoming,
            "can_edit": can_edit_records(request.user),
            "can_reject": stages.spec_of(candidate.stage).closed_by is not None,
            "history": history_rows(candidate),
            "today": today,
            "documents": files.candidate_kinds(candidate),
            "decision_day": next(
                (r.date for r in candidate.stage_records.all() if r.stage == Stage.DECISION), None
            ),
        },
    )


def candidate_deadlines_with_status(candidate, rule_sets, today):
    return [
        {"deadline": item, "status": item.status(today), "days_left": item.days_left(today)}
        for item in deadlines.candidate_deadlines(candidate, rule_sets)
    ]


def candidate_edit(request, pk: int):
    require_editor(request)
    candidate = get_object_or_404(Candidate.objects.visible_to(request.user), pk=pk)
    cells = visible_cells(request.user).filter(organisation_id=candidate.cell.organisation_id)
    form = EditCandidateForm(
        request.POST or None,
        instance=candidate,
        initial={"version": candidate.version},
        cells=cells,
        helpers=official_members_of(candidate.cell.organisation_id),
        organisation_id=candidate.cell.organisation_id,
    )
    return versioned_edit(
        request,
        form,
        candidate,
        functools.partial(services.candidate_update, user=request.user, candidate=candidate),
        what=_("Candidate edit form"),
        template="recruitment/candidate_form.html",
        context={"candidate": candidate, "title": _("Edit candidate")},
    )


def candidate_stage(request, pk: int, stage: str):
    """Record one stage of the pipeline."""
    require_editor(request)
    if stage not in stages.RECORDED_ON_PAGES:
        raise Http404
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user).select_related("cell__organisation"), pk=pk
    )
    today = timezone.localdate()
    eligible = (
        services.eligible_cell_voters(candidate.cell, on=today)
        if stages.spec_of(stage).cell_vote
        else None
    )
    params = services.rule_set_on(today)
    form = StageForm(
        request.POST or None,
        initial={"version": candidate.version},
        stage=stage,
        candidate=candidate,
        introducer_choices=official_members_of(candidate.cell.organisation_id),
        eligible=eligible,
        exempt_choices=stages.cell_roll_on(candidate.cell, today).filter(exempt_from_activity=True),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and submitted(
            form,
            lambda: services.candidate_record_stage(
                user=request.user,
                candidate=candidate,
                stage=stage,
                expected_version=form.cleaned_data["version"],
                **form.service_arguments(),
            ),
        )
    ):
        messages.success(request, _("%(stage)s recorded.") % {"stage": Stage(stage).label})
        return redirect(candidate)
    expected = services.next_stage(candidate)
    return render(
        request,
        "recruitment/stage_form.html",
        {
            "form": form,
            "candidate": candidate,
            "stage_label": Stage(stage).label,
            "out_of_order": expected != stage,
            "expected_label": Stage(expected).label if expected else None,
            "eligible": eligible,
            "votes_needed": rules.votes_needed(eligible=eligible, params=params)
            if eligible
            else None,
            "fraction": f"{params.vote_numerator}/{params.vote_denominator}",
            "hint": stage_hint(stage, candidate, params),
        },
    )


#: When the committee has no history yet: about six months from the course to the vote.
USUAL_DAYS_TO_VOTE = 180


def usual_days(start: str, end: str) -> int:
    """The median number of days between two stages over the last three years' candidates
    (one query), or ``USUAL_DAYS_TO_VOTE`` without history."""
    since = date(timezone.localdate().year - 3, 1, 1)
    dates: dict[int, dict[str, object]] = {}
    for candidate_id, stage, day in StageRecord.objects.filter(
        stage__in=[start, end], date__gte=since
    ).values_list("candidate_id", "stage", "date"):
        dates.setdefault(candidate_id, {})[stage] = day
    gaps = sorted((d[end] - d[start]).days for d in dates.values() if start in d and end in d)
    return gaps[len(gaps) // 2] if gaps else USUAL_DAYS_TO_VOTE


def stage_hint(stage: str, candidate: Candidate, params) -> dict | None:
    """What the stage's form tells the clerk as they type the date (``stage-hints.js``):
    the candidate's age on the vote date, or whether the course certificate will still be
    valid when the cell is likely to vote."""
    spec = stages.spec_of(stage)
    if spec.cell_vote:
        return {
            "born": candidate.date_of_birth.isoformat(),
            "age_text": _("On this date the candidate is {years} years {months} months old."),
        }
    for later in stages.STAGES:
        deadline = later.deadline
        if deadline is not None and deadline.certificate and deadline.after == stage:
            return {
                "valid_months": params.certificate_valid_months,
                "today": timezone.localdate().isoformat(),
                "likely_days": usual_days(stage, later.stage),
                "expiry_text": _(
                    "A certificate of this date is valid until {until}; at this committee's "
                    "usual pace from here the cell would vote about {likely}, after it has "
                    "expired."
                ),
            }
    return None


@require_http_methods(["GET", "POST"])
def candidate_reject(request, pk: int):
    require_editor(request)
    candidate = get_object_or_404(Candidate.objects.visible_to(request.user), pk=pk)
    form = RejectForm(request.POST or None, initial={"version": candidate.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and submitted(
            form,
            lambda: services.candidate_reject(
                user=request.user,
                candidate=candidate,
                expected_version=form.cleaned_data["version"],
                date=form.cleaned_data["date"],
                notes=form.cleaned_data["notes"],
            ),
        )
    ):
        messages.success(request, _("The candidacy is closed."))
        return redirect(candidate)
    return render(
        request,
        "recruitment/simple_form.html",
        {
            "form": form,
            "title": _("Close the candidacy of %(name)s") % {"name": candidate},
            "back": candidate.get_absolute_url(),
        },
    )


# --- members ------------------------------------------------------------------------------
