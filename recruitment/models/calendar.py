"""The Government's swaps of working days, entered by staff, on top of the holiday calendar."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WorkdayOverride(models.Model):
    """A day the Government declared off (a weekday) or worked (a Saturday paid back), with
    the document that says so; every working-day deadline reads it."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    document = models.CharField(
        _("document"),
        max_length=200,
        help_text=_("The document announcing it, e.g. Công văn 12729/VPCP-KGVX."),
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("working-day change")
        verbose_name_plural = _("working-day changes")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["day_off", "working_day"]),
                name="recruitment_workdayoverride_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(document=""), name="recruitment_workdayoverride_has_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.get_kind_display()} ({self.document})"

    @property
    def is_working_day(self) -> bool:
        return self.kind == self.Kind.WORKING_DAY
