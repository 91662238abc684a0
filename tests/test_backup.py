"""Backups: scripts/backup.sh writes private dumps (0600 in a 0700 directory, optionally
encrypted with gpg) with the row counts of the dump's own snapshot beside them;
scripts/restore-check.sh restores a dump into a scratch database and compares with those
counts, so it passes on a database that moves on and still catches a dump that is not the one
counted, whose rows differ, or that is stale (PostgreSQL, as in production)."""

import os
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from recruitment.models import Member

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="backups are of the PostgreSQL database"
    ),
]


def database_url() -> str:
    """The test database, as its owner (``DATABASE_OWNER_URL`` in CI, where the suite runs
    as the application's role), who dumps and may create the scratch database."""
    if os.environ.get("DATABASE_OWNER_URL"):
        return os.environ["DATABASE_OWNER_URL"]
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPTS / script), *args],
        env={**os.environ, "DATABASE_URL": database_url(), **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def backup(directory: Path, **env: str) -> Path:
    result = run("backup.sh", str(directory), **env)
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def members(make_member):
    return [make_member(full_name=f"Đảng viên {n}") for n in range(3)]


def test_dumps_are_private(tmp_path, members):
    directory = tmp_path / "backups"
    directory.mkdir(mode=0o755)
    directory.chmod(0o755)  # as the old script left it
    dump = backup(directory)
    assert mode(directory) == 0o700
    assert mode(dump) == 0o600 and mode(Path(f"{dump}.counts")) == 0o600
    assert dump.read_bytes()[:5] == b"PGDMP"
    assert sorted(path.name for path in directory.iterdir()) == [dump.name, f"{dump.name}.counts"]


def test_the_counts_are_those_of_the_dump(tmp_path, members):
    dump = backup(tmp_path)
    lines = Path(f"{dump}.counts").read_text().splitlines()
    assert "recruitment_member 3" in lines


def test_the_restore_check_passes_on_a_database_that_moved_on(tmp_path, members, make_member):
    dump = backup(tmp_path)
    Member.objects.filter(pk=members[0].pk).delete()  # the database moves on ...
    make_member(full_name="Đảng viên mới")
    make_member(full_name="Đảng viên mới nữa")
    check = run("restore-check.sh", str(dump))
    assert check.returncode == 0, check.stderr
    assert "Restore check passed" in check.stdout
    assert "recruitment_member +1" in check.stdout  # ... and the check says by how much


def test_the_restore_check_catches_a_dump_that_is_not_the_one_counted(tmp_path, members):
    first = backup(tmp_path / "a")
    Member.objects.filter(pk=members[0].pk).delete()
    second = backup(tmp_path / "b")
    # Yesterday's dump put in place of today's, beside today's counts.
    shutil.copyfile(first, second)
    check = run("restore-check.sh", str(second))
    assert check.returncode == 1
    assert "is not the dump its row counts were taken with" in check.stderr


def test_the_restore_check_catches_rows_that_differ(tmp_path, members):
    dump = backup(tmp_path)
    counts = Path(f"{dump}.counts")
    counts.write_text(counts.read_text().replace("recruitment_member 3", "recruitment_member 4"))
    check = run("restore-check.sh", str(dump))
    assert check.returncode == 1
    assert "row counts differ" in check.stderr
    assert "recruitment_member 4" in check.stderr and "recruitment_member 3" in check.stderr


def test_the_restore_check_catches_a_stale_dump(tmp_path, members):
    dump = backup(tmp_path)
    counts = Path(f"{dump}.counts")
    three_days_ago = int(time.time()) - 3 * 24 * 3600
    lines = counts.read_text().splitlines()
    lines[0] = f"# taken 2026-11-26T00:00:00Z {three_days_ago}"
    counts.write_text("\n".join(lines) + "\n")
    check = run("restore-check.sh", str(dump))
    assert check.returncode == 1
    assert "the dump is stale: taken 72 hours ago" in check.stderr


@pytest.mark.skipif(shutil.which("gpg") is None, reason="gpg is not installed")
def test_an_encrypted_dump_is_unreadable_without_the_key_and_restores_with_it(tmp_path, members):
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "backup@phuly.example.vn"],
        env={**os.environ, "GNUPGHOME": str(home)},
        check=True,
        capture_output=True,
        timeout=120,
    )
    dump = backup(
        tmp_path / "backups", GNUPGHOME=str(home), BACKUP_GPG_RECIPIENT="backup@phuly.example.vn"
    )
    assert dump.name.endswith(".dump.gpg") and mode(dump) == 0o600
    assert b"PGDMP" not in dump.read_bytes()[:64] and "Đảng viên".encode() not in dump.read_bytes()
    check = run("restore-check.sh", str(dump), GNUPGHOME=str(home))
    assert check.returncode == 0, check.stderr
    assert "Restore check passed" in check.stdout
