from django.conf import settings

from .access import can_edit_records, role_of
from .committee import current_committee


def committee(request):
    """The committee at the top today, for every title (no query once read by the process)."""
    return {"committee": current_committee()}


def role(request):
    """The signed-in user's role, for the navigation bar."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "user_role": role_of(user),
        "can_import": can_edit_records(user),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
