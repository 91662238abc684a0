from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Party member development")

    def ready(self) -> None:
        from . import processing  # noqa: F401 - connects the processing log to history
