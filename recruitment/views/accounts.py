"""Password reset by e-mail: offered only when a mail server is configured, and throttled
per address and per e-mail address so that nobody can flood a colleague's mailbox or the
mail server through it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import PasswordResetRequest
from ..security import client_ip
from .errors import error_page

WINDOW = timedelta(hours=1)


def _off(request):
    return error_page(
        request,
        404,
        _("Password reset by e-mail is not available"),
        _(
            "This site sends no e-mail. Ask the administrator to set a new password for "
            "your account."
        ),
    )


def _account_key(email: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), email.strip().lower().encode(), hashlib.sha256
    ).hexdigest()


def _throttled(request) -> bool:
    """Whether this request for a reset message is one too many (one query each count);
    records it otherwise."""
    since = timezone.now() - WINDOW
    address = client_ip(request)
    key = _account_key(request.POST.get("email", ""))
    recent = PasswordResetRequest.objects.filter(at__gte=since)
    if (
        recent.filter(address=address).count() >= settings.PASSWORD_RESET_PER_ADDRESS
        or recent.filter(account_key=key).count() >= settings.PASSWORD_RESET_PER_ACCOUNT
    ):
        return True
    PasswordResetRequest.objects.create(address=address, account_key=key)
    return False


@login_not_required
def password_reset(request):
    if not settings.PASSWORD_RESET_BY_EMAIL:
        return _off(request)
    if request.method == "POST" and _throttled(request):
        return error_page(
            request,
            429,
            _("Too many password-reset requests"),
            _("Wait an hour before asking again, or ask the administrator."),
        )
    return auth_views.PasswordResetView.as_view()(request)


def _when_mail(view):
    @login_not_required
    def wrapped(request, *args, **kwargs):
        if not settings.PASSWORD_RESET_BY_EMAIL:
            return _off(request)
        return view(request, *args, **kwargs)

    return wrapped


password_reset_done = _when_mail(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = _when_mail(auth_views.PasswordResetConfirmView.as_view())
password_reset_complete = _when_mail(auth_views.PasswordResetCompleteView.as_view())
