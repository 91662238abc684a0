"""What a command loads when it starts: the admin and its import machinery, and the holiday
calendars, only when something needs them (the roster import's speed, docs/testing.md), and
the admin still fully checked."""

import os
import subprocess
import sys

from django.conf import settings
from django.urls import reverse


def run_python(code: str) -> list[str]:
    """``code`` run in a fresh process with Django set up; its output lines."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", f"import django, sys; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "phuly_members.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_a_command_starts_without_the_admin_or_the_holiday_calendars():
    loaded = run_python(
        "from recruitment.management.commands import import_roster; "
        "print(*[name in sys.modules for name in "
        "('recruitment.admin', 'import_export.admin', 'openpyxl', 'holidays')])"
    )
    assert loaded == ["False", "False", "False", "False"]


def test_the_system_checks_load_and_check_every_admin_module():
    registered = run_python(
        "from django.contrib import admin; from django.core.checks import run_checks; "
        "from recruitment.models import Member; "
        "before = admin.site.is_registered(Member); "
        "problems = run_checks(tags=['admin']); "
        "print(before, admin.site.is_registered(Member), len(problems))"
    )
    assert registered == ["False", "True", "0"]


def test_the_urls_load_the_admin(client, admin_user):
    client.force_login(admin_user)
    # These pages exist only once recruitment/admin.py is loaded.
    assert reverse("admin:recruitment_member_import") == "/admin/recruitment/member/import/"
    response = client.get(reverse("admin:recruitment_member_changelist"))
    assert response.status_code == 200


def manage(*args: str) -> subprocess.CompletedProcess:
    """``manage.py`` run in a fresh process on the test settings' defaults (SQLite)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "phuly_members.settings"},
        capture_output=True,
        text=True,
    )


def test_the_collector_is_off_while_django_starts_and_on_once_it_has():
    """manage.py turns the garbage collector off while Django starts (docs/testing.md); the
    apps' readiness turns it back on, start-up's objects frozen out of its rounds."""
    result = manage(
        "shell", "-v", "0", "-c", "import gc; print(gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_a_command_ends_with_its_status_and_its_whole_output():
    """A command ends without the interpreter's teardown (``manage.leave``): its output
    flushed, its status kept, a refusal's message on stderr."""
    ended = manage("shell", "-v", "0", "-c", "for _ in range(1000): print('x' * 99)")
    assert (ended.returncode, len(ended.stdout)) == (0, 100_000)
    refused = manage("import_roster", "/nonexistent.xlsx", "--organisation", "NONE")
    assert refused.returncode == 1
    assert "Cannot read /nonexistent.xlsx" in refused.stderr
    stopped = manage("shell", "-v", "0", "-c", "import sys; sys.exit(3)")
    assert stopped.returncode == 3


def test_the_server_process_starts_with_the_first_requests_work_done():
    """Loading the WSGI application (what gunicorn's --preload does in its master) imports the
    URLconf with the admin, reads the catalogue and compiles the project's templates, without
    a database connection left open for the forked workers to share."""
    state = run_python(
        "import phuly_members.wsgi; from django.db import connection; "
        "from django.template import engines; from django.utils import translation; "
        "from django.utils.translation import trans_real; "
        "loader = engines['django'].engine.template_loaders[0]; "
        "print('recruitment.views.dashboard' in sys.modules, 'recruitment.admin' in "
        "sys.modules, 'vi' in trans_real._translations, "
        "any(name == 'recruitment/dashboard.html' for name in "
        "[key.split('-')[0] for key in loader.get_template_cache]), "
        "connection.connection is None)"
    )
    assert state == ["True", "True", "True", "True", "True"]
