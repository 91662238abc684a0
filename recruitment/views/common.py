"""Helpers the staff pages share: scoping of choices, service errors on forms, searches kept
in the session."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import processing, services
from ..access import can_edit_records
from ..models import (
    Cell,
    Member,
    Organisation,
)

PAGE_SIZE = 50


def listed_page(request, form, rows, what: str) -> Page:
    """The page of ``rows`` asked for, recorded in the processing log as a list of personal
    data with its (masked) search and the number of rows shown."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    processing.record_list(
        request.user,
        what,
        search=(form.cleaned_data.get("q") or "") if form.is_bound and form.is_valid() else "",
        count=len(page.object_list),
    )
    return page


def require_editor(request) -> None:
    if not can_edit_records(request.user):
        raise PermissionDenied(_("Your role can read these records but not change them."))


def visible_cells(user):
    return (
        Cell.objects.visible_to(user)
        .select_related("organisation")
        .order_by("organisation__sort_key", "sort_key")
    )


def visible_grassroots(user):
    return Organisation.objects.visible_to(user).grassroots().order_by("sort_key")


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


def versioned_edit(request, form, record, update, *, what: str, template: str, context: dict):
    """An edit page of a personal record: on a valid POST, ``update(expected_version=…,
    **changes)`` (a service, which refuses a stale version or a broken rule onto the form)
    and back to the record; else the form, the viewing of the whole citizen ID logged."""
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        version = changes.pop("version")
        if submitted(form, lambda: update(expected_version=version, **changes)):
            messages.success(request, _("Changes saved."))
            return redirect(record)
    # The form shows the whole citizen ID.
    processing.record(request.user, processing.Action.VIEW, record, what)
    return render(request, template, {"form": form, **context})


def official_members_of(organisation_id: int):
    return (
        Member.objects.filter(cell__organisation_id=organisation_id, status=Member.Status.OFFICIAL)
        .select_related("cell")
        .order_by("sort_key", "id")
    )


# --- candidates ---------------------------------------------------------------------------

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
