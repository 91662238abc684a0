"""The roster import pages: upload → preview → confirm → result, the rejected rows to fix,
the import history, the template and the roster export.

The pages go through ``RosterResource`` and the roster formats, as the admin import does.
An upload waits in ``RosterUploadStorage`` under a random name that only the session that
uploaded it knows; it is deleted after the import, on cancel, at log-out, or when abandoned
(older than ``ROSTER_UPLOAD_MAX_AGE``: swept by the import page and ``sweep_roster_uploads``).
"""

from __future__ import annotations

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
from ..querysets import organisation_filter
from ..roster.read import RosterFileError
from ..roster.resource import (
    RosterResource,
    RosterUploadStorage,
    change_lines,
    dataset_roster,
    format_for,
    importable_organisations,
)
from ..roster.workbooks import export_workbook, rejected_workbook, template_workbook

SESSION_KEY = "roster_uploads"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: New rows listed on the preview (all are counted).
NEW_ROWS_SHOWN = 200


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def require_importer(request) -> None:
    if not importable_organisations(request.user).exists():
        raise PermissionDenied(_("Your role cannot import rosters."))


def uploads(request) -> dict:
    return request.session.setdefault(SESSION_KEY, {})


def pending(request, token: str) -> tuple[dict, RosterUploadStorage, Organisation]:
    """The session's upload under ``token`` (404 for any other), and its organisation, which
    the user must still be allowed to import into."""
    entry = uploads(request).get(token)
    if entry is None:
        raise Http404
    storage = RosterUploadStorage(name=token)
    organisation = get_object_or_404(
        importable_organisations(request.user), pk=entry["organisation"]
    )
    return entry, storage, organisation


def forget(request, token: str, storage: RosterUploadStorage) -> None:
    storage.remove()
    uploads(request).pop(token, None)
    request.session.modified = True


def forget_all(sender, request, **kwargs) -> None:
    """At log-out (``user_logged_out``, before the session is flushed): the previews the
    session leaves behind are abandoned, their files deleted."""
    if request is None or not hasattr(request, "session"):
        return
    for token in list(request.session.get(SESSION_KEY, {})):
        forget(request, token, RosterUploadStorage(name=token))


def run(entry: dict, storage: RosterUploadStorage, organisation, **kwargs):
    """The stored file through the roster format and resource (a preview unless
    ``dry_run=False``)."""
    data = storage.read()
    dataset = format_for(entry["file_name"])().create_dataset(data)
    return dataset, RosterResource(organisation=organisation).import_data(
        dataset, file_name=entry["file_name"], **kwargs
    )


@require_http_methods(["GET", "POST"])
def roster_import(request):
    require_importer(request)
    RosterUploadStorage.sweep()  # abandoned previews' files, whoever uploaded them
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = b"".join(upload.chunks())
        try:
            format_for(upload.name)().create_dataset(data)
        except RosterFileError as error:
            form.add_error("file", str(error))
        else:
            replaced = request.POST.get("replaces", "")
            if replaced in uploads(request):  # a corrected file replaces the previewed one
                forget(request, replaced, RosterUploadStorage(name=replaced))
            storage = RosterUploadStorage()
            storage.save(data)
            uploads(request)[storage.name] = {
                "file_name": upload.name[:255],
                "organisation": form.cleaned_data["organisation"].pk,
            }
            request.session.modified = True
            return redirect("recruitment:roster-preview", token=storage.name)
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
def roster_preview(request, token: str):
    """GET: what the file would change. POST: confirm, with the fingerprint of what was
    shown; the import stops if the members changed since."""
    require_importer(request)
    entry, storage, organisation = pending(request, token)
    try:
        if request.method == "POST":
            dataset, result = run(
                entry,
                storage,
                organisation,
                dry_run=False,
                user=request.user,
                expected=request.POST.get("fingerprint", ""),
            )
            if result.batch is not None:
                forget(request, token, storage)
                messages.success(request, _("The roster was imported."))
                return redirect("recruitment:roster-batch", pk=result.batch.pk)
            for error in result.base_errors:
                messages.error(request, str(error.error))
            messages.error(request, _("Nothing was imported."))
            dataset, result = run(entry, storage, organisation, dry_run=True)
        else:
            dataset, result = run(entry, storage, organisation, dry_run=True)
    except RosterFileError as error:
        forget(request, token, storage)
        messages.error(request, str(error))
        return redirect("recruitment:roster-import")
    plan = result.plan
    cell_names = result.cell_names
    rejected = [problem for row in plan.rows for problem in row.problems]
    updated = [(row, change_lines(row, cell_names)) for row in plan.rows if row.action == "updated"]
    new = [
        (row, cell_names.get(row.values.get("cell_id"), ""))
        for row in plan.rows
        if row.action == "new"
    ]
    context = {
        "token": token,
        "entry": entry,
        "organisation": organisation,
        "result": result,
        "counts": plan.counts,
        "rejected": rejected,
        "warnings": result.warnings,
        "updated": updated,
        "new": new[:NEW_ROWS_SHOWN],
        "new_more": max(0, len(new) - NEW_ROWS_SHOWN),
        "cell_names": cell_names,
        "can_confirm": plan.can_apply and plan.rows,
        "form": RosterUploadForm(user=request.user, initial={"organisation": organisation.pk}),
    }
    return render(request, "recruitment/roster_preview.html", context)


@require_POST
def roster_cancel(request, token: str):
    require_importer(request)
    _entry, storage, _organisation = pending(request, token)
    forget(request, token, storage)
    messages.info(request, _("The preview was abandoned and the uploaded file deleted."))
    return redirect("recruitment:roster-import")


def roster_rejected(request, token: str):
    """The rejected rows as an .xlsx with a reason column, to fix and upload again."""
    require_importer(request)
    entry, storage, organisation = pending(request, token)
    try:
        dataset, result = run(entry, storage, organisation, dry_run=True)
    except RosterFileError as error:
        forget(request, token, storage)
        messages.error(request, str(error))
        return redirect("recruitment:roster-import")
    reasons: dict[int, list[str]] = {}
    for row in result.plan.rows:
        for problem in row.problems:
            reasons.setdefault(row.row, []).append(f"{problem.column}: {problem.message}")
    processing.record(
        request.user,
        processing.Action.EXPORT,
        organisation,
        _("Rejected rows of %(file)s") % {"file": entry["file_name"]},
        count=len(reasons),
    )
    data = rejected_workbook(dataset_roster(dataset).rows, reasons, title=organisation.name.upper())
    stem = entry["file_name"].rsplit(".", 1)[0]
    return xlsx_response(data, f"{stem}-rejected.xlsx")


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
        .filter(organisation_filter("cell__", organisation.pk))
        .select_related("cell")
        .order_by("cell__name", "full_name", "id")
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
