"""Backups: scripts/backup.sh dumps the database, scripts/restore-check.sh restores the dump
into a scratch database and compares every table's rows (PostgreSQL, as in production)."""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from recruitment.models import Member

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def database_url() -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPTS / script), *args],
        env={**os.environ, "DATABASE_URL": database_url()},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_with_every_row(tmp_path, make_member):
    if connection.vendor != "postgresql":
        pytest.skip("backups are of the PostgreSQL production database")
    for n in range(3):
        make_member(full_name=f"Đảng viên {n}")
    backup = run("backup.sh", str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip())
    assert dump.exists() and dump.stat().st_size > 0

    check = run("restore-check.sh", str(dump))
    assert check.returncode == 0, check.stderr
    assert "Restore check passed" in check.stdout

    Member.objects.filter(full_name="Đảng viên 0").delete()  # the database moves on
    stale = run("restore-check.sh", str(dump))
    assert stale.returncode == 1
    assert "recruitment_member" in stale.stderr
