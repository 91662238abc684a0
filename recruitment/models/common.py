"""Validators and field builders the models share."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

citizen_id_validator = RegexValidator(
    r"^[0-9]{12}$", _("A citizen ID has exactly 12 digits."), code="citizen_id"
)
general_education_validator = RegexValidator(
    r"^[0-9]{1,2}/(10|12)$",
    _("Write general education as grade/system, for example 12/12 or 10/10."),
    code="general_education",
)


def acting_user(verbose_name) -> models.ForeignKey:
    """Who recorded, imported or did something: kept (PROTECT) while the record stands,
    empty for what the system did itself, no reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
