"""Paperwork: the .docx documents of a candidate, a member and a meeting's decisions, the
list exports, the member list book and the new-member statistics form. Every download is
of the user's own records (another organisation's is a 404) and is in the processing log."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .. import processing
from ..access import user_organisation_scope
from ..forms import MemberBookForm, StatisticsForm
from ..models import Candidate, Member, Organisation
from ..paperwork import files, sheets
from ..paperwork.heading import issuing_body, place_and_date
from ..states import ACTIVE_STATUSES, Stage
from .candidates import filtered_candidates
from .common import visible_cells, visible_grassroots
from .members import filtered_members


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def person_document(request, person, paper, kind):
    """One person's document as .docx, recorded in the processing log as an export."""
    label = str(kind.label)
    processing.record(request.user, processing.Action.EXPORT, person, label)
    return download(
        files.docx([paper], title=label), files.DOCX, f"{kind.filename}-{person.pk}.docx"
    )


def candidate_document(request, pk: int, kind: str):
    """One document of a candidate's file as .docx."""
    if kind not in files.CANDIDATE_KINDS:
        raise Http404
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user)
        .select_related("cell__organisation")
        .prefetch_related("stage_records"),
        pk=pk,
    )
    paper = files.candidate_paper(candidate, kind, today=timezone.localdate())
    if paper is None:
        raise Http404(_("This document's stage is not recorded yet."))
    return person_document(request, candidate, paper, files.CANDIDATE_KINDS[kind])


def member_document(request, pk: int, kind: str):
    """The member record or the recognition decision of a member as .docx."""
    if kind not in files.MEMBER_KINDS:
        raise Http404
    member = get_object_or_404(
        Member.objects.visible_to(request.user).select_related("cell__organisation"), pk=pk
    )
    paper = files.member_paper(member, kind, today=timezone.localdate())
    if paper is None:
        raise Http404(_("This document's stage is not recorded yet."))
    return person_document(request, member, paper, files.MEMBER_KINDS[kind])


def meeting_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Http404 from None


def meeting(request, day: str):
    """The admission decisions signed on one day (one meeting of the standing board) that the
    user may see, with the file of all of them."""
    signed = meeting_day(day)
    candidates = files.meeting_decisions(signed, Candidate.objects.visible_to(request.user))
    if not candidates:
        raise Http404
    rows = [
        {"candidate": candidate, "record": files.records_of(candidate)[Stage.DECISION]}
        for candidate in candidates
    ]
    # One file per number series signed that day (the registers of different bodies).
    series = sorted({files.series_of(row["record"]) for row in rows})
    return render(
        request, "recruitment/meeting.html", {"day": signed, "rows": rows, "series": series}
    )


def meeting_decisions(request, day: str):
    """Every admission decision of the meeting of ``day`` (of one number series with
    ``?series=``) in one .docx, each on its page."""
    signed = meeting_day(day)
    candidates = files.meeting_decisions(
        signed, Candidate.objects.visible_to(request.user), series=request.GET.get("series")
    )
    if not candidates:
        raise Http404
    label = _("Admission decisions of %(day)s") % {"day": signed.strftime("%d/%m/%Y")}
    for candidate in candidates:
        processing.record(request.user, processing.Action.EXPORT, candidate, label)
    return download(
        files.docx(files.meeting_papers(signed, candidates), title=label),
        files.DOCX,
        f"quyet-dinh-ket-nap-{signed.isoformat()}.docx",
    )


def candidate_list_xlsx(request):
    """The candidate list as filtered and sorted on its page, as .xlsx."""
    _form, candidates = filtered_candidates(request)
    candidates = list(candidates.prefetch_related("stage_records"))
    processing.record(
        request.user,
        processing.Action.EXPORT,
        description=_("Candidate list (.xlsx)"),
        count=len(candidates),
    )
    return download(sheets.candidate_workbook(candidates), sheets.XLSX, "quan-chung-uu-tu.xlsx")


def member_list_xlsx(request):
    """The member list as filtered and sorted on its page, as .xlsx."""
    _form, members, _organisation = filtered_members(request)
    members = list(members)
    processing.record(
        request.user,
        processing.Action.EXPORT,
        description=_("Member list (.xlsx)"),
        count=len(members),
    )
    return download(sheets.member_workbook(members), sheets.XLSX, "dang-vien.xlsx")


def outside_scope(form) -> None:
    """An organisation or cell the user may not see, named in the query string, is a 404, as
    for any other record of another organisation."""
    if form.is_bound and not form.is_valid() and {"organisation", "cell"} & set(form.errors):
        raise Http404


def member_book(request):
    """The member list book (Sổ danh sách đảng viên, 7-HSĐV) of an organisation or a cell,
    laid out for printing on A4 landscape."""
    form = MemberBookForm(
        request.GET or None,
        organisations=visible_grassroots(request.user),
        cells=visible_cells(request.user),
    )
    members, heading, scope = [], None, None
    today = timezone.localdate()
    outside_scope(form)
    if form.is_bound and form.is_valid() and form.scope():
        scope = form.scope()
        members = list(
            Member.objects.visible_to(request.user)
            .filter(status__in=ACTIVE_STATUSES, **form.member_filter())
            .select_related("cell__organisation")
            .order_by("cell__sort_key", "sort_key", "id")
        )
        heading = issuing_body(scope, today)
        processing.record(
            request.user,
            processing.Action.EXPORT,
            description=_("Member list book"),
            count=len(members),
        )
    return render(
        request,
        "recruitment/member_book.html",
        {
            "form": form,
            "members": members,
            "heading": heading,
            "scope": scope,
            "dated": place_and_date(heading, today) if heading else "",
            "today": today,
        },
    )


def statistics_form(request):
    """The new-member statistics form (Biểu 2) of a period and an organisation's subtree:
    the page asks, the download is the .xlsx."""
    form = StatisticsForm(request.GET or None, organisations=visible_grassroots(request.user))
    outside_scope(form)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        organisation = data["organisation"] or own_organisation(request.user)
        found = sheets.statistics(start=data["start"], end=data["end"], organisation=organisation)
        processing.record(
            request.user,
            processing.Action.EXPORT,
            description=_("New-member statistics form (.xlsx)"),
            count=int(found.lines[0]["value"]),
        )
        name = f"bieu-2-{data['start'].isoformat()}-{data['end'].isoformat()}.xlsx"
        return download(
            sheets.statistics_workbook(found, today=timezone.localdate()), sheets.XLSX, name
        )
    return render(request, "recruitment/statistics_form.html", {"form": form})


def own_organisation(user) -> Organisation | None:
    """The organisation a user is limited to (None: the whole committee)."""
    sees_all, own = user_organisation_scope(user)
    if sees_all:
        return None
    return get_object_or_404(Organisation, pk=own)
