"""The four roles: setting a user's role, and the permissions each role brings.

A user's role lives in ``StaffProfile.role``; the permissions below follow from it through
``RoleBackend``, so there is no group membership to keep in step with the role.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.db import transaction

from .access import role_of
from .models import Organisation, StaffProfile
from .states import Role

_ALL = ("add", "change", "delete", "view")
_RECORDS = ("organisation", "cell", "member", "memberevent", "candidate", "stagerecord")
_REFERENCE = ("term", "quota", "ruleset", "workdayoverride")


def _perms(models: tuple[str, ...], actions: tuple[str, ...]) -> set[str]:
    return {f"recruitment.{action}_{model}" for model in models for action in actions}


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    # Committee staff of the Organisation Board edit every record of every organisation.
    Role.COMMITTEE_STAFF: frozenset(_perms(_RECORDS + _REFERENCE, _ALL)),
    # The board head reads everything and sets quotas and terms.
    Role.BOARD_HEAD: frozenset(
        _perms(_RECORDS + _REFERENCE, ("view",)) | _perms(("quota", "term"), _ALL)
    ),
    # Grassroots staff keep their own organisation's records (scoped by visible_to).
    Role.GRASSROOTS_STAFF: frozenset(
        _perms(_RECORDS + _REFERENCE, ("view",))
        | _perms(("cell", "member", "memberevent", "candidate", "stagerecord"), ("add", "change"))
    ),
}


@transaction.atomic
def set_role(*, user, role: str, organisation: Organisation | None = None) -> StaffProfile:
    """Give ``user`` a role (and, for grassroots staff, an organisation)."""
    if role == Role.GRASSROOTS_STAFF and organisation is None:
        raise ValueError("Grassroots staff need an organisation.")
    user.is_staff = True
    user.is_superuser = role == Role.ADMINISTRATOR
    user.save(update_fields=["is_staff", "is_superuser"])
    profile, _ = StaffProfile.objects.update_or_create(
        user=user,
        defaults={
            "role": role,
            "organisation": organisation if role == Role.GRASSROOTS_STAFF else None,
        },
    )
    user.staff_profile = profile
    return profile


class RoleBackend(ModelBackend):
    """Password log-in as usual; permissions from the user's role on top of any granted."""

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        permissions = set(super().get_group_permissions(user_obj, obj))
        if user_obj.is_active and not user_obj.is_anonymous and obj is None:
            permissions |= ROLE_PERMISSIONS.get(role_of(user_obj), frozenset())
        return permissions
