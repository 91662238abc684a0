"""Reads: every list and lookup goes through ``visible_to(user)``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def user_organisation_scope(user: AbstractBaseUser) -> tuple[bool, int | None]:
    """(sees everything, organisation id) for a user. Reads the user's profile (cached on it)."""
    from .roles import Role, role_of

    if not user.is_authenticated or not user.is_active:
        return False, None
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.COMMITTEE_STAFF, Role.BOARD_HEAD):
        return True, None
    if role == Role.GRASSROOTS_STAFF:
        return False, user.staff_profile.organisation_id
    return False, None


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user: AbstractBaseUser) -> OrganisationQuerySet:
        sees_all, organisation_id = user_organisation_scope(user)
        if sees_all:
            return self
        if organisation_id is None:
            return self.none()
        # The grassroots organisation and its sub-committees.
        return self.filter(Q(pk=organisation_id) | Q(parent_id=organisation_id))

    def grassroots(self) -> OrganisationQuerySet:
        return self.filter(kind__in=["grassroots_committee", "grassroots_cell"])

    def active_on(self, day: date) -> OrganisationQuerySet:
        return self.filter(Q(active_to__isnull=True) | Q(active_to__gte=day), active_from__lte=day)


def organisation_filter(prefix: str, organisation_id: int) -> Q:
    """Rows whose organisation (reached through ``prefix``) is the one or a sub-committee of it."""
    return Q(**{f"{prefix}organisation_id": organisation_id}) | Q(
        **{f"{prefix}organisation__parent_id": organisation_id}
    )


class CellQuerySet(models.QuerySet):
    def visible_to(self, user: AbstractBaseUser) -> CellQuerySet:
        sees_all, organisation_id = user_organisation_scope(user)
        if sees_all:
            return self
        if organisation_id is None:
            return self.none()
        return self.filter(organisation_filter("", organisation_id))


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user: AbstractBaseUser):
        sees_all, organisation_id = user_organisation_scope(user)
        if sees_all:
            return self
        if organisation_id is None:
            return self.none()
        return self.filter(organisation_filter("cell__", organisation_id))

    def search(self, text: str):
        """Name (with or without diacritics) or citizen ID."""
        from .text import search_key

        text = text.strip()
        if not text:
            return self
        if text.isdigit():
            return self.filter(citizen_id__startswith=text)
        return self.filter(name_key__contains=search_key(text))


class MemberQuerySet(PersonQuerySet):
    def active(self) -> MemberQuerySet:
        return self.filter(status__in=["probationary", "official"])

    def admitted_between(self, start: date, end: date) -> MemberQuerySet:
        """Members whose admission counts in [start, end] by the configured quota date."""
        from django.conf import settings

        field = "ceremony_date" if settings.QUOTA_COUNT_DATE == "ceremony" else "decision_date"
        return self.filter(**{f"{field}__gte": start, f"{field}__lte": end})


class CandidateQuerySet(PersonQuerySet):
    def open(self) -> CandidateQuerySet:
        return self.exclude(stage__in=["rejected", "cancelled", "decision", "ceremony"])


class QuotaQuerySet(models.QuerySet):
    def visible_to(self, user: AbstractBaseUser) -> QuotaQuerySet:
        sees_all, organisation_id = user_organisation_scope(user)
        if sees_all:
            return self
        if organisation_id is None:
            return self.none()
        return self.filter(organisation_id=organisation_id)


class RuleSetQuerySet(models.QuerySet):
    def in_force_on(self, day: date):
        """The rule set in force on ``day`` (one query). Raises DoesNotExist before the first."""
        return self.filter(effective_from__lte=day).order_by("-effective_from")[:1].get()
