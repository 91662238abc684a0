from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Party member development")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from . import processing  # noqa: F401 - connects the processing log to history

        user_logged_out.connect(
            _forget_roster_uploads, dispatch_uid="recruitment.forget_roster_uploads"
        )


def _forget_roster_uploads(sender, request=None, **kwargs) -> None:
    from .views.imports import forget_all

    forget_all(sender, request, **kwargs)
