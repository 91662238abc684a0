"""Dedicated PostgreSQL databases for the benchmarks: ``phuly_bench_<scale>`` (another
prefix with ``--database-prefix`` or ``$BENCH_DATABASE_PREFIX``, for a worktree of one's own
on a shared server).

Each scale gets its own database, created on the server's ``postgres`` maintenance
database, migrated on every run and seeded with ``seed_demo --scale N`` only when it is
empty, so a rerun costs seconds. ``rebuild=True`` drops it first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import connection as Connection

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
#: Members per copy of the demo committee: those of the snapshot of 26/03/2024
#: (``recruitment.demo.MEMBERS``, 9,805) and those admitted after it, to 31/10/2026
#: (``demo.continuation``: 158 in 2024, 214 in 2025, 171 in 2026).
MEMBERS_PER_COPY = 9805 + 158 + 214 + 171

Log = Callable[[str], None]


#: The benchmark databases' names begin with it (``run.py --database-prefix``).
PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "phuly_bench")


def database_name(scale: int) -> str:
    return f"{PREFIX}_{scale}"


def database_url(server: str, scale: int) -> str:
    """``server`` is ``postgres://user@host:port`` (any database path is replaced)."""
    parts = urlsplit(server)
    return f"{parts.scheme}://{parts.netloc}/{database_name(scale)}"


def django_env(url: str) -> dict[str, str]:
    """The environment of a Django process on the database at ``url``, set up like
    production: DEBUG off (so it needs a SECRET_KEY), but no HTTPS redirect, since the test
    client speaks plain HTTP."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "phuly_members.settings",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-not-used-anywhere-else",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def connect(url: str, dbname: str) -> Iterator[Connection]:
    """An autocommit connection to ``dbname`` on the server of ``url`` (needed for
    CREATE/DROP DATABASE and VACUUM)."""
    parts = urlsplit(url)
    params = {
        "dbname": dbname,
        "user": parts.username,
        "password": parts.password,
        "host": parts.hostname,
        "port": parts.port,
    }
    conn = psycopg2.connect(**{key: value for key, value in params.items() if value})
    conn.autocommit = True
    try:
        yield conn
    finally:
        conn.close()


def manage(url: str, *args: str) -> None:
    """Run ``manage.py <args>`` against the database at ``url`` in a child process."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=django_env(url), check=True)


def server_version(server: str) -> str:
    with connect(server, "postgres") as conn, conn.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def prepare(server: str, scale: int, *, rebuild: bool = False, log: Log = print) -> str:
    """Make sure ``<PREFIX>_<scale>`` exists, is migrated and holds the demo data at
    ``scale``; return its URL. Seeding (minutes at scale 100) happens only when the
    database is empty; the database is then vacuumed and analysed."""
    name = database_name(scale)
    url = database_url(server, scale)
    with connect(server, "postgres") as conn, conn.cursor() as cursor:
        if rebuild:
            log(f"Dropping {name}.")
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"Creating {name}.")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    manage(url, "migrate", "--noinput", "--verbosity", "0")

    with connect(url, name) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM recruitment_organisation")
        empty = cursor.fetchone()[0] == 0
    if empty:
        log(f"Seeding {name} with seed_demo --scale {scale} (minutes at large scales).")
        started = time.perf_counter()
        manage(url, "seed_demo", "--scale", str(scale))
        log(f"Seeded {name} in {time.perf_counter() - started:.0f} s; VACUUM ANALYZE.")
        with connect(url, name) as conn, conn.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")

    with connect(url, name) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM recruitment_member")
        members = cursor.fetchone()[0]
    if members != MEMBERS_PER_COPY * scale:
        raise SystemExit(
            f"{name} holds {members:,} members, not the {MEMBERS_PER_COPY * scale:,} of scale "
            f"{scale}: it was filled by something else. Run with --rebuild to rebuild it."
        )
    return url
