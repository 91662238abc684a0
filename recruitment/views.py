"""Staff screens: candidates through the pipeline, members, deadlines.

Every object is reached through ``visible_to(request.user)``: another organisation's id in
a URL is a 404. Changes go through ``services``.
"""

from __future__ import annotations

import secrets
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import charts, deadlines, processing, rules, services, stats, tables
from .forms import (
    AsOfForm,
    CandidateFilterForm,
    CellChoiceForm,
    DashboardForm,
    EditCandidateForm,
    MemberEventForm,
    MemberFilterForm,
    MemberForm,
    NewCandidateForm,
    QuotaForm,
    RecognitionForm,
    RejectForm,
    StageForm,
)
from .history import history_rows
from .models import (
    Candidate,
    Cell,
    Member,
    MemberEvent,
    Organisation,
    Quota,
    StageRecord,
    Term,
)
from .querysets import user_organisation_scope
from .roles import can_edit_records, can_set_quotas, role_of
from .text import search_key

Stage = Candidate.Stage
PAGE_SIZE = 50


def home(request):
    """Start page: what the signed-in user can reach, with the headline counts of their scope."""
    members = Member.objects.visible_to(request.user)
    candidates = Candidate.objects.visible_to(request.user)
    member_counts = dict(members.values_list("status").annotate(n=Count("id")).order_by())
    stage_counts = dict(candidates.values_list("stage").annotate(n=Count("id")).order_by())
    profile_organisation = None
    if hasattr(request.user, "staff_profile"):
        profile_organisation = request.user.staff_profile.organisation
    context = {
        "role": role_of(request.user),
        "organisation": profile_organisation,
        "organisation_count": Organisation.objects.visible_to(request.user).grassroots().count(),
        "probationary": member_counts.get(Member.Status.PROBATIONARY, 0),
        "official": member_counts.get(Member.Status.OFFICIAL, 0),
        "stages": [(label, stage_counts.get(value, 0)) for value, label in Stage.choices],
    }
    return render(request, "recruitment/home.html", context)


# --- helpers ------------------------------------------------------------------------------


def require_editor(request) -> None:
    if not can_edit_records(request.user):
        raise PermissionDenied(_("Your role can read these records but not change them."))


def visible_cells(user):
    return (
        Cell.objects.visible_to(user)
        .select_related("organisation")
        .order_by("organisation__code", "name")
    )


def visible_grassroots(user):
    return Organisation.objects.visible_to(user).grassroots().order_by("code")


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def submitted(form, call) -> bool:
    """Run a service for a valid form: True when it succeeded, else its refusal (a stale
    record or broken rules) is put on the form."""
    try:
        call()
    except services.StaleEdit as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        add_service_errors(form, error)
    else:
        return True
    return False


def official_members_of(organisation_id: int):
    return (
        Member.objects.filter(cell__organisation_id=organisation_id, status=Member.Status.OFFICIAL)
        .select_related("cell")
        .order_by("full_name", "id")
    )


# --- candidates ---------------------------------------------------------------------------


#: How many searches a session keeps (the latest ones).
SEARCHES_KEPT = 20


def list_filters(request):
    """A list's filters from the query string, and its search text from the session under
    ``?search=<key>``: a name or citizen ID is never put in a URL (browser history, proxy
    and server logs). ``q`` in a query string is ignored."""
    data = request.GET.copy()
    data.pop("q", None)
    key = data.pop("search", [""])[-1]
    if key:
        data["q"] = request.session.get("searches", {}).get(key, "")
    return data or None


def search_redirect(request, url_name: str):
    """The filter form, posted: the search text goes to the session, the other filters to
    the list's URL."""
    data = request.POST.copy()
    text = data.pop("q", [""])[-1].strip()
    data.pop("csrfmiddlewaretoken", None)
    params = {name: value for name, value in data.items() if value}
    if text:
        searches = request.session.get("searches", {})
        key = secrets.token_urlsafe(8)
        searches[key] = text[:200]
        request.session["searches"] = dict(list(searches.items())[-SEARCHES_KEPT:])
        params["search"] = key
    query = f"?{urlencode(params)}" if params else ""
    return redirect(reverse(url_name) + query)


def candidate_list(request):
    """Elite candidates, filtered by organisation, cell, stage and year; searched by name
    (diacritics optional) or citizen ID."""
    if request.method == "POST":
        return search_redirect(request, "recruitment:candidate-list")
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
    page = Paginator(candidates.order_by("full_name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
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
    open_stages = list(Candidate.PIPELINE)
    shown = (
        candidates.filter(stage__in=open_stages)
        .select_related("cell__organisation")
        .order_by("stage", "full_name", "id")
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
    closed = [(Stage(stage).label, counts.get(stage, 0)) for stage in Candidate.CLOSED_STAGES]
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
    records = list(candidate.stage_records.all())
    processing.record(request.user, processing.Action.VIEW, candidate, _("Candidate page"))
    return render(
        request,
        "recruitment/candidate_detail.html",
        {
            "candidate": candidate,
            "records": records,
            "next_stage": services.next_stage(candidate),
            "next_stage_label": (
                Stage(services.next_stage(candidate)).label
                if services.next_stage(candidate)
                else None
            ),
            "deadlines": upcoming,
            "can_edit": can_edit_records(request.user),
            "can_reject": candidate.is_open and candidate.stage != Stage.CEREMONY,
            "history": history_rows(candidate),
            "today": today,
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
    )
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        version = changes.pop("version")
        if submitted(
            form,
            lambda: services.candidate_update(
                user=request.user, candidate=candidate, expected_version=version, **changes
            ),
        ):
            messages.success(request, _("Changes saved."))
            return redirect(candidate)
    return render(
        request,
        "recruitment/candidate_form.html",
        {"form": form, "candidate": candidate, "title": _("Edit candidate")},
    )


def candidate_stage(request, pk: int, stage: str):
    """Record one stage of the pipeline."""
    require_editor(request)
    if stage not in Candidate.PIPELINE or stage == Stage.SOURCE:
        raise Http404
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user).select_related("cell__organisation"), pk=pk
    )
    eligible = (
        services.eligible_cell_voters(candidate.cell) if stage == Stage.CELL_RESOLUTION else None
    )
    params = services.rule_set_on(timezone.localdate())
    form = StageForm(
        request.POST or None,
        initial={"version": candidate.version},
        stage=stage,
        candidate=candidate,
        introducer_choices=official_members_of(candidate.cell.organisation_id),
        eligible=eligible,
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
        },
    )


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


def member_list(request):
    if request.method == "POST":
        return search_redirect(request, "recruitment:member-list")
    form = MemberFilterForm(
        list_filters(request),
        organisations=visible_grassroots(request.user),
        cells=visible_cells(request.user),
    )
    members = Member.objects.visible_to(request.user).select_related("cell__organisation")
    # The roster export of the organisation shown: the one filtered on, or the user's own.
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
    page = Paginator(members.order_by("full_name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
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
    candidate = Candidate.objects.filter(member=member).first()
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
        },
    )


def party_age_text(member: Member, today) -> str:
    days = member.party_age_days(today)
    years, rest = divmod(days, 365)
    months = rest // 30
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
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        version = changes.pop("version")
        if submitted(
            form,
            lambda: services.member_update(
                user=request.user, member=member, expected_version=version, **changes
            ),
        ):
            messages.success(request, _("Changes saved."))
            return redirect(member)
    return render(
        request,
        "recruitment/simple_form.html",
        {
            "form": form,
            "title": _("Edit member %(name)s") % {"name": member},
            "back": member.get_absolute_url(),
        },
    )


def member_recognise(request, pk: int):
    require_editor(request)
    member = get_object_or_404(
        Member.objects.visible_to(request.user).select_related("cell"), pk=pk
    )
    form = RecognitionForm(request.POST or None, initial={"version": member.version, "passed": "1"})
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
    eligible = services.eligible_cell_voters(member.cell)
    return render(
        request,
        "recruitment/simple_form.html",
        {
            "form": form,
            "title": _("Recognition of %(name)s as official member") % {"name": member},
            "back": member.get_absolute_url(),
            "intro": _(
                "The cell has %(eligible)s official members entitled to vote; at least 2/3 "
                "of them must vote for."
            )
            % {"eligible": eligible},
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


def deadline_list(request):
    """What is overdue and what falls due in the next 30 days, per organisation, as of today
    or a chosen date."""
    form = AsOfForm(request.GET or None)
    today = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        today = form.cleaned_data["as_of"]
    rule_sets = deadlines.RuleSets()
    candidates = (
        Candidate.objects.visible_to(request.user)
        .filter(stage__in=Candidate.PIPELINE)
        .exclude(stage=Stage.CEREMONY)
        .select_related("cell__organisation")
        .prefetch_related("stage_records")
    )
    members = (
        Member.objects.visible_to(request.user)
        .filter(status=Member.Status.PROBATIONARY, ceremony_date__isnull=False)
        .select_related("cell__organisation")
    )
    items = []
    for candidate in candidates:
        items.extend(deadlines.candidate_deadlines(candidate, rule_sets))
    for member in members:
        items.extend(deadlines.member_deadlines(member, rule_sets))
    rows = [
        {"deadline": item, "status": item.status(today), "days_left": item.days_left(today)}
        for item in items
        if item.status(today) != "later"
    ]
    rows.sort(key=lambda row: row["deadline"].due)
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row["deadline"].organisation_name, []).append(row)
    return render(
        request,
        "recruitment/deadlines.html",
        {
            "groups": sorted(groups.items(), key=lambda group: search_key(group[0])),
            "overdue": sum(1 for row in rows if row["status"] == "overdue"),
            "soon": sum(1 for row in rows if row["status"] in ("soon", "extension")),
            "today": today,
            "form": form,
        },
    )


def stage_url(candidate: Candidate, stage: str) -> str:
    return reverse("recruitment:candidate-stage", args=[candidate.pk, stage])


# --- dashboard ----------------------------------------------------------------------------

SORT_KEYS = {
    "code": lambda row: row.code,
    "name": lambda row: row.name,
    "category": lambda row: row.category_label,
    "quota": lambda row: row.quota or 0,
    "admitted": lambda row: row.admitted,
    "percent": lambda row: row.percent or 0,
    "remaining": lambda row: row.remaining or 0,
    "pipeline": lambda row: row.in_pipeline,
    "status": lambda row: ["behind", "none", "on_track", "met", "no_quota"].index(row.status),
}


ORGANISATIONS_PER_PAGE = 100

SORT_COLUMNS = [
    ("code", gettext_lazy("Code")),
    ("name", gettext_lazy("Organisation")),
    ("category", gettext_lazy("Category")),
    ("quota", gettext_lazy("Quota")),
    ("admitted", gettext_lazy("Admitted")),
    ("percent", "%"),
    ("remaining", gettext_lazy("Remaining")),
    ("pipeline", gettext_lazy("In the pipeline")),
    ("status", gettext_lazy("Status")),
]


def dashboard_scope(request, pk: int | None) -> Organisation | None:
    """The organisation the dashboard is about: grassroots staff always their own (another's
    id is a 404), the others the whole committee or the one they drill into."""
    sees_all, own_id = user_organisation_scope(request.user)
    if not sees_all:
        if own_id is None or (pk is not None and pk != own_id):
            raise Http404
        return get_object_or_404(Organisation, pk=own_id)
    if pk is None:
        return None
    return get_object_or_404(Organisation.objects.visible_to(request.user).grassroots(), pk=pk)


def dashboard_period(request) -> tuple[int, date, DashboardForm]:
    """The year and the as-of date asked for; without a date, today, or the year's last day
    for a past year (the first day for a future one)."""
    form = DashboardForm(request.GET or None)
    today = timezone.localdate()
    if not (form.is_bound and form.is_valid()):
        return today.year, today, form
    year = form.cleaned_data["year"]
    as_of = form.cleaned_data["as_of"]
    if as_of is None:
        if year is None or year == today.year:
            as_of = today
        else:
            as_of = date(year, 12, 31) if year < today.year else date(year, 1, 1)
    return year or as_of.year, as_of, form


def dashboard_page(request, pk: int | None = None):
    """The quota dashboard of the committee, or of one organisation."""
    organisation = dashboard_scope(request, pk)
    year, as_of, form = dashboard_period(request)
    board = stats.dashboard(year=year, as_of=as_of, organisation=organisation)
    sort = request.GET.get("sort", "status")
    key = SORT_KEYS.get(sort.lstrip("-"), SORT_KEYS["status"])
    rows = sorted(board.organisations, key=key, reverse=sort.startswith("-"))
    print_layout = request.GET.get("print") == "1"
    # A page of organisations at a time (all of them in the print layout and the workbook).
    per_page = (len(rows) or 1) if print_layout else ORGANISATIONS_PER_PAGE
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("sort", None)
    query.pop("page", None)
    return render(
        request,
        "recruitment/dashboard.html",
        {
            "board": board,
            "rows": rows,
            "form": form,
            "sort": sort if sort.lstrip("-") in SORT_KEYS else "status",
            "query": query.urlencode(),
            "chart": charts.cumulative_chart(board.monthly, board.admitted.target),
            "stages": [(stage, Stage(stage).label) for stage in stats.PIPELINE_STAGES],
            "nobody_admitted": stats.nobody_admitted(board),
            "can_set_quotas": can_set_quotas(request.user),
            "print_layout": print_layout,
            "sort_columns": SORT_COLUMNS,
            "page": page,
            "organisation_rows": tables.organisation_rows(
                page.object_list, query=query.urlencode(), stages=stats.PIPELINE_STAGES
            ),
        },
    )


def dashboard_json(request):
    """The dashboard's figures for other systems: /dashboard.json?year=YYYY&as_of=YYYY-MM-DD."""
    organisation = None
    if request.GET.get("organisation"):
        code = request.GET["organisation"]
        organisation = get_object_or_404(
            Organisation.objects.visible_to(request.user).grassroots(), code=code
        )
    organisation = organisation or dashboard_scope(request, None)
    year, as_of, form = dashboard_period(request)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    board = stats.dashboard(year=year, as_of=as_of, organisation=organisation)
    return JsonResponse(stats.as_dict(board), json_dumps_params={"ensure_ascii": False})


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
    quotas = Quota.objects.filter(Q(year=year) | (Q(term=term) if term else Q(pk__in=[])))
    initial = {}
    for quota in quotas:
        if quota.organisation_id is None:
            key = {
                ("admissions", "assigned", True): "committee_assigned",
                ("admissions", "aspiration", True): "committee_aspiration",
                ("training", "assigned", True): "committee_training",
                ("admissions", "assigned", False): "term_target",
            }.get((quota.kind, quota.basis, quota.year is not None))
            if key:
                initial[key] = quota.target
        elif quota.kind == "admissions" and quota.basis == "assigned" and quota.year:
            initial[f"org_{quota.organisation_id}"] = quota.target
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


def dashboard_xlsx(request, pk: int | None = None):
    """The dashboard as an Excel workbook: /dashboard.xlsx?year=YYYY&as_of=...&organisation=CODE.
    The organisation is found as for the JSON; the figures are those of the page."""
    from django.http import HttpResponse, HttpResponseBadRequest
    from django.utils.http import content_disposition_header
    from django.utils.text import slugify

    from .exports import dashboard_workbook

    organisation = None
    if request.GET.get("organisation"):
        code = request.GET["organisation"]
        organisation = get_object_or_404(
            Organisation.objects.visible_to(request.user).grassroots(), code=code
        )
    organisation = organisation or dashboard_scope(request, pk)
    year, as_of, form = dashboard_period(request)
    if form.is_bound and not form.is_valid():
        # A workbook for another day than the one asked for would mislead: refuse.
        errors = "; ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    board = stats.dashboard(year=year, as_of=as_of, organisation=organisation)
    name = f"bao-cao-phat-trien-dang-vien-{year}"
    if organisation is not None:
        name += f"-{slugify(organisation.code)}"
    return HttpResponse(
        dashboard_workbook(board),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": content_disposition_header(True, f"{name}.xlsx")},
    )


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
