"""Party organisations and their cells."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..querysets import (
    CellQuerySet,
    OrganisationQuerySet,
)
from ..states import (
    GRASSROOTS_KINDS,
    OrganisationCategory,
    OrganisationKind,
)
from ..text import vietnamese_sort_key


class Organisation(models.Model):
    """A Party organisation: the city committee, a grassroots organisation or a sub-committee."""

    Kind = OrganisationKind

    Category = OrganisationCategory

    GRASSROOTS_KINDS = GRASSROOTS_KINDS

    name = models.CharField(_("name"), max_length=200)
    sort_key = models.CharField(
        _("Vietnamese sort key"), max_length=500, editable=False, default="", db_index=True
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    category = models.CharField(
        _("grassroots category"), max_length=30, choices=Category.choices, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active until"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Party organisation")
        verbose_name_plural = _("Party organisations")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=F("active_from")),
                name="recruitment_organisation_active_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(kind=OrganisationKind.CITY_COMMITTEE) | Q(parent__isnull=False),
                name="recruitment_organisation_has_parent_below_city",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=GRASSROOTS_KINDS) | ~Q(category=""),
                name="recruitment_organisation_grassroots_has_category",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = vietnamese_sort_key(self.name)
        super().save(*args, **kwargs)


class Cell(models.Model):
    """A Party cell (chi bộ). A grassroots cell has exactly one: itself."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="cells",
    )
    name = models.CharField(_("name"), max_length=200)
    sort_key = models.CharField(
        _("Vietnamese sort key"), max_length=500, editable=False, default="", db_index=True
    )
    is_organisation_itself = models.BooleanField(
        _("is the grassroots cell itself"),
        default=False,
        help_text=_("Set for the one cell of a grassroots cell (chi bộ cơ sở)."),
    )
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active until"), null=True, blank=True)

    objects = CellQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Party cell")
        verbose_name_plural = _("Party cells")
        ordering = ["organisation__sort_key", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="recruitment_cell_name_unique_in_org"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_organisation_itself=True),
                name="recruitment_cell_one_own_cell_per_org",
            ),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=F("active_from")),
                name="recruitment_cell_active_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = vietnamese_sort_key(self.name)
        super().save(*args, **kwargs)
