"""The error pages, in Vietnamese and in the site's layout: 400, 403 (with the reason the
software gave, which is always ours to show), 404, 500 and a refused CSRF token.

With ``DEBUG`` on, ``FriendlyErrorsMiddleware`` shows the same pages, so that what a clerk
sees under ``make run`` is what production shows; ``DEBUG_ERROR_PAGES=true`` brings back
Django's pages for the developer.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def error_page(request, status: int, title: str, explanation: str, reason: str = ""):
    response = render(
        request,
        "error.html",
        {"status": status, "title": title, "explanation": explanation, "reason": reason},
        status=status,
    )
    response.friendly_error = True
    return response


def bad_request(request, exception=None):
    return error_page(
        request,
        400,
        _("The request could not be understood"),
        _("The address or the form sent was not valid. Go back and try again."),
    )


def permission_denied(request, exception=None):
    # The reasons the software gives (PermissionDenied("...")) are written for the user;
    # the framework's own carry no message.
    reason = str(exception) if isinstance(exception, PermissionDenied) else ""
    return error_page(
        request,
        403,
        _("You cannot open this page"),
        _("Your role or your organisation does not give access to it."),
        reason,
    )


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        _("Page not found"),
        _(
            "The page does not exist, or it holds records of an organisation you do not "
            "serve. Check the address, or start again from the menu."
        ),
    )


def server_error(request):
    try:
        return error_page(
            request,
            500,
            _("Something went wrong"),
            _(
                "The error has been recorded. Nothing was half-saved: try again in a moment, "
                "and tell the administrator if it happens again."
            ),
        )
    except Exception:  # the page itself failed (say, the database is down): plain text
        logger.exception("The error page could not be rendered.")
        return HttpResponseServerError(
            "Lỗi hệ thống. Vui lòng thử lại sau.", content_type="text/plain; charset=utf-8"
        )


def csrf_failure(request, reason: str = "") -> HttpResponse:
    return error_page(
        request,
        403,
        _("The form has expired"),
        _(
            "The page was open too long, or you logged in again in another tab. Go back, "
            "reload the page and send the form again."
        ),
    )
