"""Settings come from the environment and refuse unsafe production values."""

import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.DEBUG, s.LANGUAGE_CODE, s.TIME_ZONE)"
)


def run_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "phuly_members.settings", **env},
        capture_output=True,
        text=True,
    )


def test_defaults_are_sqlite_with_debug_in_vietnamese():
    result = run_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "vi",
        "Asia/Ho_Chi_Minh",
    ]


def test_database_url_switches_to_postgresql():
    result = run_settings(DATABASE_URL="postgres://someone@db.example:5432/phuly")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_production_without_secret_key_refuses_to_start():
    result = run_settings(DEBUG="False")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_with_secret_key_starts():
    result = run_settings(DEBUG="False", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "False"


def test_dates_are_read_day_first():
    from django import forms

    field = forms.DateField()
    assert field.clean("03/04/2024").isoformat() == "2024-04-03"
    assert settings.DATE_INPUT_FORMATS[0] == "%d/%m/%Y"


def test_dates_are_shown_day_first():
    from datetime import date

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        rendered = Template("{{ day|date:'SHORT_DATE_FORMAT' }}|{{ day }}").render(
            Context({"day": date(2024, 3, 26)})
        )
    assert rendered == "26/03/2024|26/03/2024"
