"""Reads: every list and lookup goes through ``visible_to(user)``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Targets:
    """The targets of the committee or of one organisation for a year and its term; None
    where no quota is set."""

    admissions: int | None = None  # the year's quota of admissions, handed down
    aspiration: int | None = None  # the year's admissions the committee aims at itself
    training: int | None = None  # the year's elite candidates to train
    term: int | None = None  # admissions in the term


@dataclass(frozen=True)
class QuotaMeaning:
    """What a field of ``Targets`` is as a quota: its kind, its basis, and whether it is set
    for a year (else for a term)."""

    kind: str
    basis: str
    per_year: bool


@dataclass(frozen=True)
class QuotaTargets:
    """The quotas of a year and of its term, by meaning: the committee's, and those of each
    organisation that has one (by id)."""

    committee: Targets
    organisations: dict[int, Targets]

    def of(self, organisation_id: int) -> Targets:
        return self.organisations.get(organisation_id, NO_TARGETS)


NO_TARGETS = Targets()


class QuotaQuerySet(models.QuerySet):
    def visible_to(self, user: AbstractBaseUser) -> QuotaQuerySet:
        sees_all, organisation_id = user_organisation_scope(user)
        if sees_all:
            return self
        if organisation_id is None:
            return self.none()
        return self.filter(organisation_id=organisation_id)

    def meanings(self) -> dict[str, QuotaMeaning]:
        """Each field of ``Targets`` as a quota. ``targets()`` reads the quotas by this table
        and ``services.quotas_set`` writes them by it. No query."""
        kind, basis = self.model.Kind, self.model.Basis
        return {
            "admissions": QuotaMeaning(kind.ADMISSIONS, basis.ASSIGNED, per_year=True),
            "aspiration": QuotaMeaning(kind.ADMISSIONS, basis.ASPIRATION, per_year=True),
            "training": QuotaMeaning(kind.TRAINING, basis.ASSIGNED, per_year=True),
            "term": QuotaMeaning(kind.ADMISSIONS, basis.ASSIGNED, per_year=False),
        }

    def targets(self, *, year: int, term: models.Model | None) -> QuotaTargets:
        """The targets of ``year`` and of ``term`` (None: no term covers the year), the
        committee's and each organisation's. One query."""
        names = {
            (meaning.kind, meaning.basis, meaning.per_year): name
            for name, meaning in self.meanings().items()
        }
        in_period = Q(year=year) | (Q(term=term) if term else Q(pk__in=[]))
        committee: dict[str, int] = {}
        organisations: dict[int, dict[str, int]] = defaultdict(dict)
        rows = (
            self.filter(in_period)
            .values_list("organisation_id", "kind", "basis", "year", "target")
            .order_by()
        )
        for organisation_id, kind, basis, quota_year, target in rows:
            name = names.get((kind, basis, quota_year is not None))
            if name is not None:
                found = committee if organisation_id is None else organisations[organisation_id]
                found[name] = target
        return QuotaTargets(
            committee=Targets(**committee),
            organisations={pk: Targets(**found) for pk, found in organisations.items()},
        )


class RuleSetQuerySet(models.QuerySet):
    def in_force_on(self, day: date):
        """The rule set in force on ``day`` (one query). Raises DoesNotExist before the first."""
        return self.filter(effective_from__lte=day).order_by("-effective_from")[:1].get()
