from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Party member development")

    def ready(self) -> None:
        # Late import: signal receivers are connected once the app registry is ready.
        from django.contrib.auth.signals import user_logged_out

        # Late import: connects the processing log to the history records.
        from . import processing  # noqa: F401

        user_logged_out.connect(
            _forget_roster_uploads, dispatch_uid="recruitment.forget_roster_uploads"
        )


def _forget_roster_uploads(sender, request=None, **kwargs) -> None:
    # Late import: the views import the models, which are not ready when apps.py is read.
    from .views.imports import forget_all

    forget_all(sender, request, **kwargs)
