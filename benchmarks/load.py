"""Under load: 50 staff browsing while a 10,000-row roster is imported, on PostgreSQL.

A database of its own (``phuly_bench_load``, or ``<prefix>_load`` with ``run.py
--database-prefix``) is built afresh with the Phủ Lý demo, gunicorn serves the application
on 127.0.0.1 as in production (DEBUG off, 5 workers of 16 threads), and locust
(``benchmarks/locustfile.py``) runs 50 users for ``DURATION`` seconds: log in, the
dashboard, the JSON, the lists, a person's page, the forms, searches. Fifteen seconds in,
``manage.py import_roster`` imports a generated 10,000-row roster into an organisation of
the same database (at its default priority, nice 10). The run passes with zero failed
requests and the import written. Locust, gunicorn and PostgreSQL share the machine's cores:
the times are those of the whole machine under that load, not of the server alone.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from psycopg2 import sql

from benchmarks import databases
from benchmarks.databases import REPO, connect, django_env, manage
from benchmarks.report import markdown_table, text_table
from benchmarks.roster_import import CODE, ROWS, write_roster

TITLE = "Load: 50 users while a 10,000-row roster is imported"
USERS = 50
SPAWN_RATE = 10
DURATION = 90
IMPORT_AFTER = 15
#: The port gunicorn serves on ($BENCH_LOAD_PORT beside others' servers).
PORT = int(os.environ.get("BENCH_LOAD_PORT", "8100"))
WORKERS = 5
#: Threads per worker (docs/deploy.md): a request waiting for a log-in's hash, which runs at a
#: lower priority (recruitment/hashers.py), holds a thread, not the whole worker.
THREADS = 16
Result = dict[str, Any]


def database_name() -> str:
    """``<prefix>_load``: the scaled databases' prefix (``run.py --database-prefix``)."""
    return f"{databases.PREFIX}_load"


def database(server: str) -> str:
    name = database_name()
    with connect(server, "postgres") as conn, conn.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(server)
    return f"{parts.scheme}://{parts.netloc}/{name}"


def wait_for(url: str, seconds: float = 30) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


def run_all(server: str, *, log=print) -> list[Result]:
    url = database(server)
    log(f"  building {database_name()} with the demo")
    manage(url, "migrate", "--noinput", "--verbosity", "0")
    manage(url, "seed_demo")
    env = {
        **django_env(url),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "ROSTER_MAX_BYTES": str(50 * 1024 * 1024),
    }
    subprocess.run(
        [sys.executable, "-m", "benchmarks.roster_import", "child", "organisation"],
        cwd=REPO,
        env=env,
        check=True,
    )
    with tempfile.TemporaryDirectory(prefix="phuly-load-") as folder:
        roster = Path(folder) / "danh-sach.xlsx"
        write_roster(roster, ROWS)
        server_process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "phuly_members.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
                # The application loaded once, before the workers are forked (docs/deploy.md).
                "--preload",
                # A connection per request, as behind nginx (docs/deploy.md): no kept-alive
                # connection closing just as a client sends on it.
                "--keep-alive",
                "0",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
        )
        try:
            wait_for(f"http://127.0.0.1:{PORT}/accounts/login/")
            log(f"  locust: {USERS} users for {DURATION} s; the import starts at {IMPORT_AFTER} s")
            stats = Path(folder) / "locust"
            locust = subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "locust"),
                    "-f",
                    str(REPO / "benchmarks" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(USERS),
                    "--spawn-rate",
                    str(SPAWN_RATE),
                    "--run-time",
                    f"{DURATION}s",
                    "--host",
                    f"http://127.0.0.1:{PORT}",
                    "--csv-full-history",
                    "--csv",
                    str(stats),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(IMPORT_AFTER)
            started = time.perf_counter()
            imported = subprocess.run(
                [sys.executable, "manage.py", "import_roster", str(roster), "--organisation", CODE],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
            )
            import_seconds = time.perf_counter() - started
            _out, errors = locust.communicate(timeout=DURATION + 120)
        finally:
            server_process.terminate()
            server_process.wait(timeout=30)
        if keep := os.environ.get("BENCH_LOAD_KEEP"):
            # Locust's own files (the history second by second among them), for a closer look.
            for produced in Path(folder).glob("locust_*.csv"):
                shutil.copy(produced, Path(keep) / produced.name)
        rows = list(csv.DictReader((stats.with_name("locust_stats.csv")).open()))
        failures = list(csv.DictReader((stats.with_name("locust_failures.csv")).open()))
    members = None
    with connect(url, database_name()) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM recruitment_member m JOIN recruitment_cell c ON c.id = m.cell_id"
            " JOIN recruitment_organisation o ON o.id = c.organisation_id WHERE o.code = %s",
            [CODE],
        )
        members = cursor.fetchone()[0]
    requests = [
        {
            "name": row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "median_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "rps": float(row["Requests/s"]),
        }
        for row in rows
    ]
    return [
        {
            "database": "PostgreSQL",
            "users": USERS,
            "duration_s": DURATION,
            "workers": WORKERS,
            "threads": THREADS,
            "requests": requests,
            "failures": failures,
            "import_seconds": import_seconds,
            "import_output": (imported.stdout.strip().splitlines() or [""])[0],
            "import_returncode": imported.returncode,
            "members_imported": members,
            "locust_errors": errors.strip()[-2000:],
        }
    ]


def _table(result: Result) -> list[list[str]]:
    return [
        [
            row["name"],
            f"{row['requests']:,}",
            str(row["failures"]),
            f"{row['rps']:.1f}",
            f"{row['median_ms']:.0f}",
            f"{row['p95_ms']:.0f}",
        ]
        for row in result["requests"]
    ]


HEADERS = ["request", "count", "failures", "per second", "median ms", "95th percentile ms"]


def verdicts(results: list[Result]) -> list[str]:
    lines = []
    for result in results:
        total = next(row for row in result["requests"] if row["name"] == "Aggregated")
        ok = (
            total["failures"] == 0
            and result["import_returncode"] == 0
            and result["members_imported"] == ROWS
        )
        lines.append(
            f"{result['users']} users, {result['duration_s']} s, gunicorn {result['workers']} "
            f"workers × {result.get('threads', 1)} threads: {total['requests']:,} requests, "
            f"{total['failures']} failed, "
            f"{total['rps']:.1f} per second, median {total['median_ms']:.0f} ms, 95th "
            f"percentile {total['p95_ms']:.0f} ms."
        )
        lines.append(
            f"The import during the run: {result['import_output']} in "
            f"{result['import_seconds']:.1f} s (exit {result['import_returncode']}); "
            f"{result['members_imported']:,} members in the organisation afterwards."
        )
        lines.append(f"Zero errors: {'yes' if ok else 'NO'}.")
    return lines


def console(results: list[Result]) -> str:
    body = [row for result in results for row in _table(result)]
    return "\n".join([text_table(HEADERS, body), "", *verdicts(results)])


def markdown(results: list[Result]) -> str:
    table = markdown_table(HEADERS, [row for result in results for row in _table(result)])
    intro = __doc__.split("\n\n", 1)[1].strip()
    return f"{intro}\n\n{table}\n\n" + "\n".join(f"- {line}" for line in verdicts(results))
