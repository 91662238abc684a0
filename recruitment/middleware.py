"""Response headers for pages that carry personal data; the error pages under DEBUG."""

import logging
import time

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.utils.cache import patch_cache_control

from .views import errors

logger = logging.getLogger("django.request")


class SessionActivityMiddleware:
    """A session ends after ``SESSION_COOKIE_AGE`` seconds without a request. Its expiry is
    pushed ahead as it is used, at most once every ``SESSION_ACTIVITY_SECONDS`` (a minute):
    one write to the database a minute for each user at work rather than one for every page
    (``SESSION_SAVE_EVERY_REQUEST`` would write at every request)."""

    KEY = "_active_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key is not None:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_ACTIVITY_SECONDS:
                session[self.KEY] = now  # saved, with its expiry pushed ahead
        return response


class NoStoreMiddleware:
    """Every response to a signed-in user (pages, exports, JSON) is sent with
    ``Cache-Control: no-store``: party records are personal data, and no browser or proxy
    cache may keep them. Static files are served elsewhere and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response


class FriendlyErrorsMiddleware:
    """With ``DEBUG`` on, the error pages users get in production instead of Django's
    developer pages (unless ``DEBUG_ERROR_PAGES`` asks for those). With ``DEBUG`` off it does
    nothing: Django calls the handlers of ``phuly_members.urls`` itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    @property
    def active(self) -> bool:
        return settings.DEBUG and not settings.DEBUG_ERROR_PAGES

    def __call__(self, request):
        response = self.get_response(request)
        if not self.active or getattr(response, "friendly_error", False):
            return response
        # Django's own pages for what happened outside a view (an unknown address, say).
        if response.status_code in (404, 500) and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            if response.status_code == 404:
                return errors.page_not_found(request)
            return errors.server_error(request)
        return response

    def process_exception(self, request, exception):
        if not self.active:
            return None
        if isinstance(exception, Http404):
            return errors.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return errors.permission_denied(request, exception)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            return errors.bad_request(request, exception)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return errors.server_error(request)
