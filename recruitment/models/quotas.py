"""Terms, quotas and the rule sets of statutory parameters."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..querysets import (
    QuotaQuerySet,
    RuleSetQuerySet,
)
from ..states import (
    QuotaBasis,
    QuotaKind,
)
from .organisations import Organisation


class Term(models.Model):
    """A congress term of the committee, e.g. 2020–2025."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="recruitment_term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Quota(models.Model):
    """A target for an organisation (or the whole committee) for a year or a term."""

    Kind = QuotaKind

    Basis = QuotaBasis

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotas",
        help_text=_("Leave empty for the whole committee."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    basis = models.CharField(
        _("basis"), max_length=20, choices=Basis.choices, default=Basis.ASSIGNED
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, null=True, blank=True
    )
    target = models.PositiveIntegerField(_("target"))
    share = models.DecimalField(
        _("share of the members at the start of the year (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Set when the target was given as a share: the target is that share of "
            "the members on 1 January, rounded up."
        ),
    )

    objects = QuotaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["-year", "organisation__code", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(year__isnull=False) & Q(term__isnull=True))
                | (Q(year__isnull=True) & Q(term__isnull=False)),
                name="recruitment_quota_year_or_term",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1930, year__lte=2100),
                name="recruitment_quota_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__gt=0, share__lte=100),
                name="recruitment_quota_share_a_percentage",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "basis", "year"],
                condition=Q(organisation__isnull=False, year__isnull=False),
                name="recruitment_quota_unique_org_year",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "basis", "term"],
                condition=Q(organisation__isnull=False, term__isnull=False),
                name="recruitment_quota_unique_org_term",
            ),
            models.UniqueConstraint(
                fields=["kind", "basis", "year"],
                condition=Q(organisation__isnull=True, year__isnull=False),
                name="recruitment_quota_unique_committee_year",
            ),
            models.UniqueConstraint(
                fields=["kind", "basis", "term"],
                condition=Q(organisation__isnull=True, term__isnull=False),
                name="recruitment_quota_unique_committee_term",
            ),
        ]

    def __str__(self) -> str:
        who = self.organisation or _("Whole committee")
        period = self.year if self.year else self.term
        return f"{who} – {self.get_kind_display()} {period}: {self.target}"


class RuleSet(models.Model):
    """The statutory parameters of admission, in force from a date until the next set."""

    effective_from = models.DateField(_("effective from"), unique=True)
    reference = models.CharField(
        _("legal reference"),
        max_length=200,
        help_text=_("The regulations these parameters come from, e.g. Quy định 24-QĐ/TW."),
    )
    min_age_years = models.PositiveSmallIntegerField(_("minimum age (years)"), default=18)
    max_age_years = models.PositiveSmallIntegerField(_("maximum age (years)"), default=60)
    youth_age_years = models.PositiveSmallIntegerField(
        _("youth age for a Youth Union introduction (years)"), default=30
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("awareness-course certificate valid (months)"), default=60
    )
    introducer_known_months = models.PositiveSmallIntegerField(
        _("introducer must have known the candidate (months)"), default=12
    )
    vote_numerator = models.PositiveSmallIntegerField(_("vote fraction numerator"), default=2)
    vote_denominator = models.PositiveSmallIntegerField(_("vote fraction denominator"), default=3)
    decision_deadline_workdays = models.PositiveSmallIntegerField(
        _("admission decision deadline (working days)"), default=60
    )
    decision_extension_workdays = models.PositiveSmallIntegerField(
        _("admission decision extension (working days)"), default=30
    )
    ceremony_deadline_workdays = models.PositiveSmallIntegerField(
        _("ceremony deadline (working days)"), default=30
    )
    probation_months = models.PositiveSmallIntegerField(_("probation (months)"), default=12)
    recognition_vote_deadline_workdays = models.PositiveSmallIntegerField(
        _("recognition vote deadline (working days)"), default=30
    )
    recognition_decision_deadline_workdays = models.PositiveSmallIntegerField(
        _("recognition decision deadline (working days)"), default=30
    )
    recognition_decision_extension_workdays = models.PositiveSmallIntegerField(
        _("recognition decision extension (working days)"), default=30
    )
    grassroots_committee_min_members = models.PositiveSmallIntegerField(
        _("members needed for a grassroots committee"), default=30
    )
    min_official_members_for_cell = models.PositiveSmallIntegerField(
        _("official members needed to form a cell"), default=3
    )
    file_valid_months = models.PositiveSmallIntegerField(
        _("admission file valid without a cell vote (months)"), default=12
    )
    readmission_wait_months = models.PositiveSmallIntegerField(
        _("wait before re-admission (months)"), default=36
    )

    objects = RuleSetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age_years__gt=F("min_age_years")),
                name="recruitment_ruleset_age_limits_in_order",
            ),
            models.CheckConstraint(
                condition=Q(vote_denominator__gt=0) & Q(vote_numerator__lte=F("vote_denominator")),
                name="recruitment_ruleset_vote_fraction_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.effective_from:%d/%m/%Y})"
