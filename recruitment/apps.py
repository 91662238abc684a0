import gc

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_out
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Party member development")

    def ready(self) -> None:
        # What start-up made (modules, classes, models) lives as long as the process: kept
        # out of the collector's rounds from here (and, in a server that forks its workers
        # after start-up, shared with them untouched); manage.py kept the collector off
        # while it was made.
        gc.freeze()
        gc.enable()

        # Late import: it uses the models, which exist only once the apps are ready.
        from . import processing  # noqa: F401 - connects the processing log to history

        # Late import: it uses the models, which exist only once the apps are ready.
        from .roster.uploads import forget_all

        user_logged_out.connect(forget_all, dispatch_uid="recruitment.forget_roster_uploads")

        # Late import: it uses the models, which exist only once the apps are ready.
        from .calendar import connect as connect_working_day_overrides

        connect_working_day_overrides()

        # Late import: it uses the models, which exist only once the apps are ready.
        from .committee import connect as connect_committee

        connect_committee()
