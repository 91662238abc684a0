"""The quota dashboard: page, JSON and workbook of the committee or one organisation."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from .. import charts, datacache, stats, tables
from ..access import can_set_quotas, user_organisation_scope
from ..committee import current_committee
from ..exports import dashboard_workbook
from ..forms import (
    DashboardForm,
)
from ..models import Candidate, Organisation
from ..paperwork.heading import issuing_body, place_and_date
from ..stats.columns import DEFAULT_SORT, PAGE_COLUMNS, sorted_rows

Stage = Candidate.Stage

ORGANISATIONS_PER_PAGE = 100


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
    if not form.is_bound:
        return today.year, today, form
    # A bad date (or year) is shown on the form; what was valid still applies, so the
    # page keeps the year asked for rather than jumping to today's.
    form.is_valid()
    year = form.cleaned_data.get("year")
    as_of = form.cleaned_data.get("as_of")
    if as_of is None:
        if year is None or year == today.year:
            as_of = today
        else:
            as_of = date(year, 12, 31) if year < today.year else date(year, 1, 1)
    return year or as_of.year, as_of, form


def dashboard_figures(year: int, as_of: date, organisation: Organisation | None) -> stats.Dashboard:
    """The dashboard's figures (``stats.dashboard``), kept while the data is unchanged
    (``datacache``): the page, its JSON and its workbook share them. Who may see them is
    checked before, on every request. The organisation and the committee are this request's
    own, not those of the request that worked the figures out: the organisation was read
    before the data version (a rename committed in between would be kept under the new
    version), the committee comes from the process's copy."""
    board = datacache.cached(
        ("dashboard", year, as_of, organisation.pk if organisation is not None else None),
        lambda: stats.dashboard(year=year, as_of=as_of, organisation=organisation),
    )
    return dataclasses.replace(
        board, organisation=organisation, committee=current_committee(on=as_of)
    )


def dashboard_page(request, pk: int | None = None):
    """The quota dashboard of the committee, or of one organisation."""
    organisation = dashboard_scope(request, pk)
    year, as_of, form = dashboard_period(request)
    board = dashboard_figures(year, as_of, organisation)
    rows, sort = sorted_rows(board.organisations, request.GET.get("sort", DEFAULT_SORT))
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
            "sort": sort,
            "query": query.urlencode(),
            "chart": charts.cumulative_chart(board.monthly, board.admitted.target),
            "stages": [(stage, Stage(stage).label) for stage in stats.PIPELINE_STAGES],
            # Lists as long as the organisations (thousands at a province's size), joined
            # here rather than looped over by the template engine; escaped all the same.
            "nobody_admitted": "; ".join(row.name for row in stats.nobody_admitted(board)),
            "behind_items": tables.behind_items(board.behind_at_year_end),
            "can_set_quotas": can_set_quotas(request.user),
            "print_layout": print_layout,
            "columns": PAGE_COLUMNS,
            "stage_columns": [column for column in PAGE_COLUMNS if column.stage],
            "page": page,
            "organisation_rows": tables.organisation_rows(
                page.object_list, columns=PAGE_COLUMNS, query=query.urlencode()
            ),
            **(print_heading(organisation, as_of) if print_layout else {}),
        },
    )


def print_heading(organisation: Organisation | None, as_of: date) -> dict:
    """The print layout's heading: who reports, where and when (the as-of date). Queries:
    the committee, and the levels above the organisation."""
    heading = issuing_body(organisation, as_of)
    return {"heading": heading, "dated": place_and_date(heading, as_of)}


def export_scope(request, pk: int | None) -> Organisation | None:
    """The organisation of the JSON and the workbook: the one named by ``?organisation=CODE``
    (within the user's scope, else a 404), or as for the page."""
    code = request.GET.get("organisation")
    if code:
        return get_object_or_404(
            Organisation.objects.visible_to(request.user).grassroots(), code=code
        )
    return dashboard_scope(request, pk)


def dashboard_json(request):
    """The dashboard's figures for other systems: /dashboard.json?year=YYYY&as_of=YYYY-MM-DD."""
    organisation = export_scope(request, None)
    year, as_of, form = dashboard_period(request)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    board = dashboard_figures(year, as_of, organisation)
    return JsonResponse(stats.as_dict(board), json_dumps_params={"ensure_ascii": False})


def dashboard_xlsx(request, pk: int | None = None):
    """The dashboard as an Excel workbook: /dashboard.xlsx?year=YYYY&as_of=...&organisation=CODE.
    The organisation is found as for the JSON; the figures are those of the page."""
    organisation = export_scope(request, pk)
    year, as_of, form = dashboard_period(request)
    if form.is_bound and not form.is_valid():
        # A workbook for another day than the one asked for would mislead: refuse.
        errors = "; ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    board = dashboard_figures(year, as_of, organisation)
    name = f"bao-cao-phat-trien-dang-vien-{year}"
    if organisation is not None:
        name += f"-{slugify(organisation.code)}"
    return HttpResponse(
        dashboard_workbook(board),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": content_disposition_header(True, f"{name}.xlsx")},
    )
