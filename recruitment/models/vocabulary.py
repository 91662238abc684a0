"""The words clerks write in a roster's coded columns, beyond those the software knows: a
table the administrator extends in the admin ("Kinh doanh" is a business owner)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import (
    ETHNICITY_CHOICES,
    Gender,
    Occupation,
    PoliticalTheory,
    ProfessionalLevel,
    Religion,
)


class RosterWord(models.Model):
    """One more way of writing a value of a roster's coded column."""

    class Column(models.TextChoices):
        GENDER = "gender", _("gender")
        ETHNICITY = "ethnicity", _("ethnicity")
        RELIGION = "religion", _("religion")
        OCCUPATION = "occupation", _("occupation")
        PROFESSIONAL_LEVEL = "professional_level", _("professional level")
        POLITICAL_THEORY = "political_theory", _("political theory")
        YOUTH_UNION_MEMBER = "youth_union_member", _("Youth Union member")

    #: Each column's values (stored value, label); the Youth Union column's are yes and no.
    VALUES = {
        Column.GENDER: Gender.choices,
        Column.ETHNICITY: ETHNICITY_CHOICES,
        Column.RELIGION: Religion.choices,
        Column.OCCUPATION: Occupation.choices,
        Column.PROFESSIONAL_LEVEL: ProfessionalLevel.choices,
        Column.POLITICAL_THEORY: PoliticalTheory.choices,
        Column.YOUTH_UNION_MEMBER: [("yes", _("Yes")), ("no", _("No"))],
    }

    column = models.CharField(_("roster column"), max_length=30, choices=Column.choices)
    written = models.CharField(_("as written in rosters"), max_length=100)
    value = models.CharField(_("read as (stored value)"), max_length=40)

    class Meta:
        verbose_name = _("roster word")
        verbose_name_plural = _("roster words")
        ordering = ["column", "written"]
        constraints = [
            models.UniqueConstraint(
                fields=["column", "written"], name="recruitment_rosterword_column_written_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.written} → {self.value}"

    def clean(self) -> None:
        values = [str(value) for value, _label in self.VALUES.get(self.column, [])]
        if self.column and self.value not in values:
            raise ValidationError(
                {"value": _("Choose one of: %(values)s.") % {"values": ", ".join(values)}}
            )
