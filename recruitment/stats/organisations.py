"""The table of organisations: one named row per grassroots organisation, with its quota,
its counts and its status against the quota."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy

from ..models import Organisation
from ..querysets import QuotaTargets
from .figures import PIPELINE_STAGES


class OrganisationStatus(models.TextChoices):
    """Where an organisation stands against its quota, in the order the table sorts by."""

    BEHIND = "behind", gettext_lazy("Behind")
    NONE = "none", gettext_lazy("None admitted yet")
    ON_TRACK = "on_track", gettext_lazy("On track")
    MET = "met", gettext_lazy("Met")
    NO_QUOTA = "no_quota", gettext_lazy("No quota")


def organisation_status(admitted: int, quota: int | None, fraction: float) -> OrganisationStatus:
    """met / on track (at or above the even pace) / behind / none admitted yet."""
    if quota is None or quota == 0:
        return OrganisationStatus.NO_QUOTA if admitted == 0 else OrganisationStatus.MET
    if admitted >= quota:
        return OrganisationStatus.MET
    if admitted == 0:
        return OrganisationStatus.NONE
    if admitted >= quota * fraction:
        return OrganisationStatus.ON_TRACK
    return OrganisationStatus.BEHIND


@dataclass
class OrganisationRow:
    id: int
    code: str
    name: str
    category: str
    category_label: str
    quota: int | None
    admitted: int
    admitted_last_year: int
    admitted_in_term: int
    trained: int
    pipeline: dict[str, int]
    status: OrganisationStatus
    status_label: str = ""

    @property
    def percent(self) -> float | None:
        return round(100 * self.admitted / self.quota, 1) if self.quota else None

    @property
    def remaining(self) -> int | None:
        return max(self.quota - self.admitted, 0) if self.quota is not None else None

    @property
    def in_pipeline(self) -> int:
        return sum(self.pipeline.values())


@dataclass
class OrganisationCounts:
    """The counts of the table, by organisation id (an organisation missing counts 0)."""

    admitted: Mapping[int, int]
    admitted_last_year: Mapping[int, int]
    admitted_in_term: Mapping[int, int]
    trained: Mapping[int, int]
    pipeline: Mapping[int, Mapping[str, int]]


def organisation_rows(
    organisations: list[dict],
    *,
    targets: QuotaTargets,
    counts: OrganisationCounts,
    fraction: float,
) -> list[OrganisationRow]:
    """A row per organisation (``id``, ``code``, ``name`` and ``category`` of each), its
    status judged against the even pace of the quota at ``fraction`` of the year."""
    category_labels = {value: str(label) for value, label in Organisation.Category.choices}
    status_labels = {status: str(status.label) for status in OrganisationStatus}
    no_stages: Mapping[str, int] = {}
    rows = []
    for org in organisations:
        pk = org["id"]
        quota = targets.of(pk).admissions
        admitted = counts.admitted.get(pk, 0)
        status = organisation_status(admitted, quota, fraction)
        stages = counts.pipeline.get(pk, no_stages)
        rows.append(
            OrganisationRow(
                id=pk,
                code=org["code"],
                name=org["name"],
                category=org["category"],
                category_label=category_labels.get(org["category"], org["category"]),
                quota=quota,
                admitted=admitted,
                admitted_last_year=counts.admitted_last_year.get(pk, 0),
                admitted_in_term=counts.admitted_in_term.get(pk, 0),
                trained=counts.trained.get(pk, 0),
                pipeline={stage: stages.get(stage, 0) for stage in PIPELINE_STAGES},
                status=status,
                status_label=status_labels[status],
            )
        )
    return rows


def behind_at_year_end(rows: list[OrganisationRow], fraction: float) -> list[OrganisationRow]:
    """Once the year is over, the organisations below their quota (for the year-end rating)."""
    if fraction < 1:
        return []
    return [row for row in rows if row.quota and row.admitted < row.quota]
