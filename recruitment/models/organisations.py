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
    CommitteeLevel,
    OrganisationCategory,
    OrganisationKind,
)
from ..text import vietnamese_sort_key


class Organisation(models.Model):
    """A Party organisation: a committee above the grassroots (the one at the top, e.g. a
    province, and those under it, e.g. wards), a grassroots organisation or a sub-committee.

    A committee carries what titles and documents need: its level, the name of its
    executive committee (the issuing body, "Thành ủy Phủ Lý"), the place written before a
    document's date, its standing board and Organisation Board. A grassroots organisation
    records the committee whose standing board decides its admissions."""

    Kind = OrganisationKind

    Level = CommitteeLevel

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
    level = models.CharField(_("committee level"), max_length=20, choices=Level.choices, blank=True)
    committee_name = models.CharField(
        _("executive committee (issuing body)"),
        max_length=200,
        blank=True,
        help_text=_("Committees only, e.g. Thành ủy Phủ Lý: the title of pages and documents."),
    )
    superior_name = models.CharField(
        _("Party organisation above"),
        max_length=200,
        blank=True,
        help_text=_(
            "Committees only: the first line of a document's heading, e.g. Đảng bộ tỉnh Hà Nam."
        ),
    )
    place_name = models.CharField(
        _("place name on documents"),
        max_length=100,
        blank=True,
        help_text=_("Committees only: written before the date, e.g. Phủ Lý, ngày … tháng … năm …"),
    )
    standing_board_name = models.CharField(_("standing board"), max_length=200, blank=True)
    organisation_board_name = models.CharField(_("Organisation Board"), max_length=200, blank=True)
    admitting_committee = models.ForeignKey(
        "self",
        verbose_name=_("committee deciding admissions"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admitting_for",
        limit_choices_to={"kind": OrganisationKind.COMMITTEE},
        help_text=_("Grassroots organisations: whose standing board decides their admissions."),
    )

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
                condition=Q(kind=OrganisationKind.COMMITTEE) | Q(parent__isnull=False),
                name="recruitment_organisation_has_parent_below_committee",
            ),
            models.CheckConstraint(
                condition=(Q(kind=OrganisationKind.COMMITTEE) & ~Q(level=""))
                | (~Q(kind=OrganisationKind.COMMITTEE) & Q(level="")),
                name="recruitment_organisation_level_of_committees_only",
            ),
            models.CheckConstraint(
                condition=(Q(kind__in=GRASSROOTS_KINDS) & Q(admitting_committee__isnull=False))
                | (~Q(kind__in=GRASSROOTS_KINDS) & Q(admitting_committee__isnull=True)),
                name="recruitment_organisation_grassroots_has_admitting_committee",
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

    @property
    def is_committee(self) -> bool:
        return self.kind == OrganisationKind.COMMITTEE


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
