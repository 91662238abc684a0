"""The roster import pages: upload → preview → confirm → result, the rejected rows to fix,
the import history, the template and the roster export.

The pages call the roster service (``roster.service``), as the command and the admin import
do. An upload waits in ``roster.uploads`` under a random name that only the session that
uploaded it knows, until it is imported, abandoned or swept.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import processing
from ..forms import RosterExportForm, RosterUploadForm
from ..models import ImportBatch, Member, Organisation
from ..roster import service
from ..roster.origin import other_organisation
from ..roster.plan import ImportChanged
from ..roster.read import Roster, RosterFileError
from ..roster.service import importable_organisations
from ..roster.uploads import RosterUploadStorage, forget, keep, session_uploads
from ..roster.workbooks import (
    export_workbook,
    reconciliation_workbook,
    rejected_workbook,
    template_workbook,
)
from ..states import RowAction

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: New rows, changes and warnings listed on the preview (all are counted).
NEW_ROWS_SHOWN = 200
#: The rejected rows' reasons, a page at a time.
REJECTED_PER_PAGE = 100


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def require_importer(request) -> None:
    if not importable_organisations(request.user).exists():
        raise PermissionDenied(_("Your role cannot import rosters."))


def pending(request, token: str) -> tuple[dict, Organisation]:
    """The session's upload under ``token`` (404 for any other), and its organisation, which
    the user must still be allowed to import into."""
    entry = session_uploads(request).get(token)
    if entry is None:
        raise Http404
    organisation = get_object_or_404(
        importable_organisations(request.user), pk=entry["organisation"]
    )
    return entry, organisation


def read_pending(token: str, entry: dict, organisation, *, for_import: bool = False) -> Roster:
    """The stored upload read as a roster (``RosterFileError`` when it is gone), its rows
    checked against ``organisation`` as they are read (for the import, when confirmed)."""
    data = RosterUploadStorage(name=token).read()
    return service.roster_read(
        data=data, file_name=entry["file_name"], organisation=organisation, for_import=for_import
    )


def give_up(request, token: str, error: RosterFileError):
    """An upload that cannot be read any more: deleted, and the clerk told why, back on the
    import page."""
    forget(request, token)
    messages.error(request, str(error))
    return redirect("recruitment:roster-import")


def with_pending_roster(view):
    """A view of the session's pending upload: the importer's right checked, the upload and
    its organisation found (404 for another session's), the file read again (``give_up``
    when it cannot be); the view gets ``entry``, ``organisation`` and ``roster``."""

    @functools.wraps(view)
    def wrapper(request, token: str):
        require_importer(request)
        entry, organisation = pending(request, token)
        try:
            roster = read_pending(token, entry, organisation, for_import=request.method == "POST")
            return view(request, token, entry=entry, organisation=organisation, roster=roster)
        except RosterFileError as error:  # unreadable now, or naming too many of others'
            return give_up(request, token, error)

    return wrapper


def exported(
    request, entry: dict, organisation, *, what: str, count: int, data: bytes, suffix: str
):
    """A workbook made from the upload, logged as an export of personal data."""
    processing.record(
        request.user,
        processing.Action.EXPORT,
        organisation,
        what % {"file": entry["file_name"]},
        count=count,
    )
    stem = entry["file_name"].rsplit(".", 1)[0]
    return xlsx_response(data, f"{stem}-{suffix}.xlsx")


@require_http_methods(["GET", "POST"])
def roster_import(request):
    require_importer(request)
    RosterUploadStorage.sweep()  # abandoned previews' files, whoever uploaded them
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = b"".join(upload.chunks())
        try:
            service.roster_read(data=data, file_name=upload.name)
        except RosterFileError as error:
            form.add_error("file", str(error))
        else:
            replaced = request.POST.get("replaces", "")
            if replaced in session_uploads(request):  # a corrected file replaces the previewed one
                forget(request, replaced)
            token = keep(
                request,
                data=data,
                file_name=upload.name[:255],
                organisation=form.cleaned_data["organisation"],
            )
            return redirect("recruitment:roster-preview", token=token)
    recent = ImportBatch.objects.filter(
        organisation__in=importable_organisations(request.user)
    ).select_related("organisation", "imported_by")[:5]
    context = {
        "form": form,
        "export_form": RosterExportForm(user=request.user),
        "recent": recent,
        "limit_mb": round(settings.ROSTER_MAX_BYTES / 1024 / 1024),
    }
    return render(request, "recruitment/roster_import.html", context)


@require_http_methods(["GET", "POST"])
@with_pending_roster
def roster_preview(request, token: str, *, entry: dict, organisation, roster: Roster):
    """GET: what the file would change. POST: confirm, with the fingerprint of what was
    shown; the import stops if the members changed since."""
    elsewhere = other_organisation(organisation=organisation, roster=roster)
    confirmed = request.POST.get("other_organisation") == str(elsewhere.pk) if elsewhere else True
    if request.method == "POST" and not confirmed:
        messages.error(
            request,
            _("The file seems to be %(other)s's roster: tick the box to import it into %(chosen)s.")
            % {"other": elsewhere.name, "chosen": organisation.name},
        )
    elif request.method == "POST":
        try:
            imported = service.roster_import(
                user=request.user,
                organisation=organisation,
                roster=roster,
                file_name=entry["file_name"],
                expected=request.POST.get("fingerprint", ""),
            )
        except ImportChanged as error:
            messages.error(request, str(error))
        else:
            if imported.batch is not None:
                forget(request, token)
                messages.success(request, _("The roster was imported."))
                return redirect("recruitment:roster-batch", pk=imported.batch.pk)
        messages.error(request, _("Nothing was imported."))
    result = service.roster_preview(
        organisation=organisation, roster=roster, user=request.user, file_name=entry["file_name"]
    )
    plan = result.plan
    # The preview shows what is held of the members the file names: a processing.
    processing.record(
        request.user,
        processing.Action.VIEW,
        organisation,
        _("Roster import preview: %(file)s") % {"file": entry["file_name"]},
        count=len(plan.rows),
    )
    absent = result.absent()
    rejected = [problem for row in plan.rows for problem in row.problems]
    updated = [
        (row, result.change_lines(row)) for row in plan.rows if row.action == RowAction.UPDATED
    ]
    new = [
        (row, result.cell_names.get(row.values.get("cell_id"), ""))
        for row in plan.rows
        if row.action == RowAction.NEW
    ]
    context = {
        "token": token,
        "entry": entry,
        "organisation": organisation,
        "result": result,
        "counts": plan.counts,
        "rejected": rejected,
        "page": Paginator(rejected, REJECTED_PER_PAGE).get_page(request.GET.get("page")),
        "warnings": result.warnings[:NEW_ROWS_SHOWN],
        "warnings_more": max(0, len(result.warnings) - NEW_ROWS_SHOWN),
        "updated": updated[:NEW_ROWS_SHOWN],
        "new": new[:NEW_ROWS_SHOWN],
        "new_more": max(0, len(new) - NEW_ROWS_SHOWN),
        "cell_names": result.cell_names,
        "can_confirm": plan.can_apply and plan.rows,
        "elsewhere": elsewhere,
        "absent": absent[:NEW_ROWS_SHOWN],
        "absent_count": len(absent),
        "form": RosterUploadForm(user=request.user, initial={"organisation": organisation.pk}),
    }
    return render(request, "recruitment/roster_preview.html", context)


@require_POST
def roster_cancel(request, token: str):
    require_importer(request)
    pending(request, token)
    forget(request, token)
    messages.info(request, _("The preview was abandoned and the uploaded file deleted."))
    return redirect("recruitment:roster-import")


@with_pending_roster
def roster_rejected(request, token: str, *, entry: dict, organisation, roster: Roster):
    """The rejected rows as an .xlsx with a reason column, to fix and upload again."""
    result = service.roster_preview(
        organisation=organisation, roster=roster, user=request.user, file_name=entry["file_name"]
    )
    reasons: dict[int, list[str]] = {}
    for row in result.plan.rows:
        for problem in row.problems:
            reasons.setdefault(row.row, []).append(f"{problem.column}: {problem.message}")
    return exported(
        request,
        entry,
        organisation,
        what=_("Rejected rows of %(file)s"),
        count=len(reasons),
        data=rejected_workbook(roster.rows, reasons, title=organisation.name.upper()),
        suffix="rejected",
    )


@with_pending_roster
def roster_reconciliation(request, token: str, *, entry: dict, organisation, roster: Roster):
    """The whole comparison of the file with the members held, absent members included, as
    an .xlsx."""
    result = service.roster_preview(
        organisation=organisation, roster=roster, user=request.user, file_name=entry["file_name"]
    )
    lines = result.comparison(result.absent())
    return exported(
        request,
        entry,
        organisation,
        what=_("Reconciliation of %(file)s"),
        count=len(lines),
        data=reconciliation_workbook(lines, title=organisation.name.upper()),
        suffix="doi-chieu",
    )


def roster_batch(request, pk: int):
    batch = get_object_or_404(
        ImportBatch.objects.filter(
            organisation__in=Organisation.objects.visible_to(request.user)
        ).select_related("organisation", "imported_by"),
        pk=pk,
    )
    return render(request, "recruitment/roster_batch.html", {"batch": batch})


def roster_history(request):
    batches = ImportBatch.objects.filter(
        organisation__in=Organisation.objects.visible_to(request.user)
    ).select_related("organisation", "imported_by")
    page = Paginator(batches, 50).get_page(request.GET.get("page"))
    return render(request, "recruitment/roster_history.html", {"page": page})


def roster_template(request):
    organisations = importable_organisations(request.user)
    name = organisations[0].name if len(organisations) == 1 else ""
    return xlsx_response(template_workbook(name), "mau-danh-sach-dang-vien.xlsx")


def roster_export_choice(request):
    """The import page's "export the current roster" form: on to that organisation's
    export, which an importer may edit and upload again."""
    require_importer(request)
    form = RosterExportForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404
    return redirect("recruitment:roster-export", pk=form.cleaned_data["organisation"].pk)


def roster_export(request, pk: int):
    """An organisation's members (and its sub-committees'), in the template's shape."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    members = (
        Member.objects.visible_to(request.user)
        .of_organisation(organisation.pk)
        .select_related("cell")
        .order_by("cell__sort_key", "sort_key", "id")
    )
    members = list(members)
    processing.record(
        request.user,
        processing.Action.EXPORT,
        organisation,
        _("Roster export of %(organisation)s") % {"organisation": organisation.name},
        count=len(members),
    )
    data = export_workbook(members, title=organisation.name.upper())
    return xlsx_response(data, f"danh-sach-dang-vien-{organisation.code}.xlsx")
