"""Django's admin, its modules loaded with the URLs rather than when the apps start."""

from django.contrib import admin
from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.checks import check_admin_app, check_dependencies
from django.core import checks


class AdminConfig(SimpleAdminConfig):
    """Django's admin, its modules (each app's ``admin.py``) loaded by the URL configuration
    (``phuly_members/urls.py``) and by the system checks rather than when the apps start: a
    command that shows no page, such as ``import_roster``, does not load the admin and its
    import machinery (django-import-export's formats, openpyxl), a third of its start-up."""

    def ready(self) -> None:
        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(check_admin_modules, checks.Tags.admin)


def check_admin_modules(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The admin's own checks, on every app's admin module (loaded first if the URL
    configuration has not been)."""
    admin.autodiscover()
    return check_admin_app(app_configs, **kwargs)
