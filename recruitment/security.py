"""Request facts that security features rely on."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies the
    address the outermost trusted proxy saw (counting from the right of X-Forwarded-For, so
    a client cannot choose it by sending the header itself)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


class LoginThrottle(AxesDatabaseHandler):
    """django-axes' database handler with two limits: ``AXES_FAILURE_LIMIT`` failures of one
    account from one address lock that account at that address only, so that guessing from
    one place never locks the owner out elsewhere; ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures
    from one address, on any accounts, lock the address. ``AXES_LOCKOUT_PARAMETERS`` lists
    the two in that order."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        account_here, address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes locks at AXES_FAILURE_LIMIT: scale the address's failures so that it is
        # reached exactly at the address's own limit.
        per_account = settings.AXES_FAILURE_LIMIT
        return max(account_here, address * per_account // settings.LOGIN_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful log-in clears that account's failures at that address, and only
        those: logging in to one's own account must not wipe the address's count of guesses
        at other accounts."""
        account_here = self.filter_user_attempts(request, credentials)[0]
        count, _ = account_here.delete()
        return count
