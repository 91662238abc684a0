"""Reads: every list and lookup goes through ``visible_to(user)``.

Each scoped model says how to reach its organisation (``organisation_path`` on its
queryset); one ``visible_to`` serves them all, the admin included.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from .access import user_organisation_scope
from .states import CLOSED_STAGES, GRASSROOTS_KINDS, QuotaBasis, QuotaKind, Stage
from .text import search_key

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


#: A citizen ID as the lists show it, copied into the search box: "035•••••2658".
MASKED_CITIZEN_ID = re.compile(r"(?P<head>[0-9]{1,3})[•*.xX ]+(?P<tail>[0-9]{1,4})")


def organisation_filter(prefix: str, organisation_id: int) -> Q:
    """Rows whose organisation (reached through ``prefix``, e.g. ``"cell__"``) is the one or
    a sub-committee of it."""
    return Q(**{f"{prefix}organisation_id": organisation_id}) | Q(
        **{f"{prefix}organisation__parent_id": organisation_id}
    )


class ScopedQuerySet(models.QuerySet):
    """Rows of the organisation a user is limited to (all of them for the committee)."""

    #: The path from the model to the field holding its organisation (``"cell__"`` for
    #: members: ``cell__organisation``).
    organisation_prefix = ""

    def visible_to(self, user: AbstractBaseUser):
        sees_all, organisation_id = user_organisation_scope(user)
        if sees_all:
            return self
        if organisation_id is None:
            return self.none()
        return self.of_organisation(organisation_id)

    def of_organisation(self, organisation_id: int):
        """The rows of one organisation and its sub-committees."""
        return self.filter(organisation_filter(self.organisation_prefix, organisation_id))


class OrganisationQuerySet(ScopedQuerySet):
    def of_organisation(self, organisation_id: int) -> OrganisationQuerySet:
        """The organisation and its sub-committees."""
        return self.filter(Q(pk=organisation_id) | Q(parent_id=organisation_id))

    def grassroots(self) -> OrganisationQuerySet:
        return self.filter(kind__in=GRASSROOTS_KINDS)


class CellQuerySet(ScopedQuerySet):
    pass


class PersonQuerySet(ScopedQuerySet):
    organisation_prefix = "cell__"

    def search(self, text: str):
        """Name (with or without diacritics) or citizen ID: its first digits, its last
        digits (what the lists show: "035•••••2658", or just "2658"), or both as masked."""
        text = text.strip()
        if not text:
            return self
        masked = MASKED_CITIZEN_ID.fullmatch(text)
        if masked:
            return self.filter(
                citizen_id__startswith=masked["head"], citizen_id__endswith=masked["tail"]
            )
        if text.isdigit():
            return self.filter(Q(citizen_id__startswith=text) | Q(citizen_id__endswith=text))
        return self.filter(name_key__contains=search_key(text))


class MemberQuerySet(PersonQuerySet):
    pass


class CandidateQuerySet(PersonQuerySet):
    def open(self) -> CandidateQuerySet:
        """Candidates still before the admission decision (not closed, not admitted)."""
        return self.exclude(stage__in=[*CLOSED_STAGES, Stage.DECISION, Stage.CEREMONY])


class StageRecordQuerySet(ScopedQuerySet):
    organisation_prefix = "candidate__cell__"


class IntroducerQuerySet(ScopedQuerySet):
    organisation_prefix = "record__candidate__cell__"


class MemberEventQuerySet(ScopedQuerySet):
    organisation_prefix = "member__cell__"


class ImportBatchQuerySet(ScopedQuerySet):
    pass


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


class QuotaQuerySet(ScopedQuerySet):
    def meanings(self) -> dict[str, QuotaMeaning]:
        """Each field of ``Targets`` as a quota. ``targets()`` reads the quotas by this table
        and ``services.quotas_set`` writes them by it. No query."""
        kind, basis = QuotaKind, QuotaBasis
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
