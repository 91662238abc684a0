"""Party organisations and their cells."""

from django.conf import settings
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
    OrganisationEventKind,
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


class OrganisationEvent(models.Model):
    """A change to the tree from an effective date, with the document that made it and who
    recorded it. Written only by ``recruitment.reorganisation``; the organisations and cells
    keep their dates (``active_from``/``active_to``, ``CellPlacement``) in step with it."""

    Kind = OrganisationEventKind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    effective_date = models.DateField(_("effective date"))
    document_number = models.CharField(_("document number"), max_length=50)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    signed_by = models.CharField(_("signed by"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("The organisation renamed, moved, split or dissolved, or a moved cell's."),
    )
    target = models.ForeignKey(
        Organisation,
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The new parent, the organisation receiving a cell, or the merged one."),
    )
    cell = models.ForeignKey(
        "Cell", verbose_name=_("cell"), on_delete=models.PROTECT, null=True, blank=True
    )
    parent_before = models.ForeignKey(
        Organisation,
        verbose_name=_("parent before"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name_before = models.CharField(_("name before"), max_length=200, blank=True)
    name_after = models.CharField(_("name after"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation event")
        verbose_name_plural = _("organisation events")
        ordering = ["-effective_date", "-pk"]
        indexes = [models.Index(fields=["effective_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y} ({self.document_number})"


class Succession(models.Model):
    """An organisation that ended in a merger or split, and one that carries on its work: its
    figures and targets count for the successor from the event's effective date, in
    proportion to ``weight`` when it has several (the members each received)."""

    event = models.ForeignKey(
        OrganisationEvent,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="successions",
    )
    predecessor = models.ForeignKey(
        Organisation,
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        related_name="successions_as_predecessor",
    )
    successor = models.ForeignKey(
        Organisation,
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        related_name="successions_as_successor",
    )
    weight = models.PositiveIntegerField(_("weight"), default=1)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"],
                name="recruitment_succession_unique_pair",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="recruitment_succession_not_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class CellPlacement(models.Model):
    """Which organisation a cell belonged to from one date to another. Written when a cell
    first moves (its earlier organisation from its first day, then the new one); a cell with
    no placement has always been in ``Cell.organisation``, which is always today's."""

    cell = models.ForeignKey(
        Cell, verbose_name=_("cell"), on_delete=models.PROTECT, related_name="placements"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="cell_placements",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    event = models.ForeignKey(
        OrganisationEvent,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )

    class Meta:
        verbose_name = _("cell placement")
        verbose_name_plural = _("cell placements")
        ordering = ["cell", "start"]
        indexes = [models.Index(fields=["cell", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="recruitment_cellplacement_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell} – {self.organisation} ({self.start:%d/%m/%Y})"
