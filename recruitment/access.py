"""Who may see and do what: a user's role and the organisation they are limited to.

Reads the user's ``StaffProfile`` through the user object only, so that the querysets and
the models can ask without importing the models (``roles`` sets roles and permissions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .states import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

#: The roles that see every organisation's records.
COMMITTEE_WIDE = (Role.ADMINISTRATOR, Role.COMMITTEE_STAFF, Role.BOARD_HEAD)


def role_of(user: AbstractBaseUser) -> str | None:
    """The user's role (reads the profile once per user object)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    # A missing profile raises RelatedObjectDoesNotExist, an AttributeError.
    profile = getattr(user, "staff_profile", None)
    return profile.role if profile is not None else None


def user_organisation_scope(user: AbstractBaseUser) -> tuple[bool, int | None]:
    """(sees everything, organisation id) for a user. Reads the user's profile (cached on it)."""
    role = role_of(user)
    if role in COMMITTEE_WIDE:
        return True, None
    if role == Role.GRASSROOTS_STAFF:
        return False, user.staff_profile.organisation_id
    return False, None


def can_edit_records(user: AbstractBaseUser) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.COMMITTEE_STAFF, Role.GRASSROOTS_STAFF)


def can_set_quotas(user: AbstractBaseUser) -> bool:
    return role_of(user) in COMMITTEE_WIDE


def can_reorganise(user: AbstractBaseUser) -> bool:
    """The Organisation Board (its head and staff) and the administrator change the tree."""
    return role_of(user) in COMMITTEE_WIDE


def check_may_edit(user, *cells) -> None:
    """The acting user may change records of these cells: their role edits records and each
    cell is within their scope (grassroots staff: their organisation and its sub-committees).
    ``user=None`` is the system itself (the demo builder, a command-line import), which acts
    for nobody. Raises ``PermissionDenied``; reads the user's profile (cached on the user) and,
    for a cell not directly under the user's organisation, the cell's organisation."""
    if user is None:
        return
    if not can_edit_records(user):
        raise PermissionDenied(_("Your role can read these records but not change them."))
    everything, own = user_organisation_scope(user)
    if everything:
        return
    for cell in cells:
        if own is None or (cell.organisation_id != own and cell.organisation.parent_id != own):
            raise PermissionDenied(_("These records belong to another organisation."))
