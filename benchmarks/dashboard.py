"""Server time of the quota dashboard (``/dashboard/`` and ``/dashboard.json``).

``run(url)`` measures in a child process (``python -m benchmarks.dashboard``) with
DATABASE_URL pointing at one benchmark database, because the settings read it at import.
The child logs in as the demo board head through Django's test client (the whole
middleware stack, no network) and times rounds of calls, in turn: the page, the JSON, and
``stats.dashboard(...)`` alone (which splits the queries and their aggregation from the rest
of the request: form, chart, sorting, template, session) of the snapshot's day; the page and
``stats.dashboard`` of 2025 as of 31/12/2025, across the reorganisation of 01/07/2025; and
the page of a grassroots organisation's staff as of 30/06/2025, before the merger that made
their organisation (its lineage). Two rounds warm up, then N are timed. One more call of each
runs under ``CaptureQueriesContext`` for the query count and each query's time, and one under
``tracemalloc`` for the peak memory it allocates.

Every call of a page starts with nothing kept: the figures a process keeps between requests
while the data is unchanged (``recruitment.datacache``) are forgotten first, so that the
times are those of a page worked out afresh, as after any write (the query counts include
the one that reads the data version). The load benchmark shows what keeping them brings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.databases import REPO, django_env
from benchmarks.report import markdown_table, text_table

Result = dict[str, Any]

YEAR = 2024
AS_OF = date(2024, 3, 26)  # the demo data is a snapshot of this day
PAGE_URL = f"/dashboard/?year={YEAR}&as_of={AS_OF:%d/%m/%Y}"
JSON_URL = f"/dashboard.json?year={YEAR}&as_of={AS_OF:%Y-%m-%d}"
USERNAME = "truongban"  # the demo Organisation Board head: reads everything
#: Across the reorganisation of 01/07/2025 (the demo continued): the year 2025 at its end.
MERGER_YEAR, MERGER_AS_OF = 2025, date(2025, 12, 31)
MERGER_URL = f"/dashboard/?year={MERGER_YEAR}&as_of={MERGER_AS_OF:%d/%m/%Y}"
#: The staff of a ward organisation made by the merger, the day before it.
GRASSROOTS_URL = "/dashboard/?year=2025&as_of=30/06/2025"
WARMUP = 2
#: Fewer timed rounds when one takes long (budget in seconds), never fewer than MIN_CALLS.
TIME_BUDGET_SECONDS = 60.0
MIN_CALLS = 5
#: What is timed: the HTML page, the JSON, and ``stats.dashboard(...)`` alone, of the
#: snapshot's day; the page and stats across the merger; a grassroots page before it.
KINDS = ("page", "json", "stats", "merger_page", "merger_stats", "grassroots_page")
#: Logged by Django around a transaction, not through the cursor's execute wrappers.
TRANSACTION_STATEMENTS = {"BEGIN", "COMMIT", "ROLLBACK"}


# --- in the child process (Django set up on one benchmark database) ----------------------


def summary(samples: list[float]) -> Result:
    """Count, median, p90, min and max of ``samples`` (seconds), in milliseconds."""
    ms = sorted(sample * 1000 for sample in samples)
    p90 = statistics.quantiles(ms, n=10, method="inclusive")[8] if len(ms) > 1 else ms[0]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 1),
        "p90_ms": round(p90, 1),
        "min_ms": round(ms[0], 1),
        "max_ms": round(ms[-1], 1),
    }


def timed(calls: dict[str, Callable[[], object]], *, rounds: int) -> dict[str, list[float]]:
    """Warm each call up, then time ``rounds`` rounds of all of them in turn, so that a
    slower or faster spell of the machine falls on every kind alike. Fewer rounds when one
    round is slow (over the time budget), but at least MIN_CALLS."""
    started = time.perf_counter()
    for _ in range(WARMUP):
        for call in calls.values():
            call()
    per_round = (time.perf_counter() - started) / WARMUP
    count = max(MIN_CALLS, min(rounds, int(TIME_BUDGET_SECONDS / max(per_round, 1e-6))))
    samples: dict[str, list[float]] = {kind: [] for kind in calls}
    for _ in range(count):
        for kind, call in calls.items():
            started = time.perf_counter()
            call()
            samples[kind].append(time.perf_counter() - started)
    return samples


def label(sql: str, length: int = 60) -> str:
    """A short label of a statement: the start of its own FROM clause (not a subquery's),
    and whether it groups."""
    depth = 0
    for position, char in enumerate(sql):
        depth += (char == "(") - (char == ")")
        if depth == 0 and sql.startswith(" FROM ", position):
            rest = sql[position + 1 :]
            return f"{rest[:length]}…{' GROUP BY' if ' GROUP BY ' in rest else ''}"
    return " ".join(sql.split()[:3])  # UPDATE "table" SET, without the values


def captured(call: Callable[[], object]) -> tuple[int, list[Result]]:
    """How many queries ``call`` runs, and each query with its time in ms and a short label
    (not the SQL, which holds session data).

    The count is that of the call as it runs: an execute wrapper on the request's connection
    also sees the queries the dashboard runs at once on its query threads
    (``recruitment.together`` passes the wrappers on), and ``CaptureQueriesContext`` adds
    BEGIN and COMMIT, which Django logs without the wrappers. The times and labels come from
    a second call with the queries run in turn (``QUERY_THREADS`` 0): each query's own time,
    in a fixed order, finer than ``CaptureQueriesContext``'s whole milliseconds."""
    import threading

    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    lock = threading.Lock()
    statements: list[str] = []

    def counter(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict):
        with lock:
            statements.append(sql)
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as context, connection.execute_wrapper(counter):
        call()
    own = [query for query in context.captured_queries if query["sql"] in TRANSACTION_STATEMENTS]
    count = len(statements) + len(own)

    timings: list[float] = []

    def timer(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(time.perf_counter() - started)

    with (
        override_settings(QUERY_THREADS=0),
        CaptureQueriesContext(connection) as context,
        connection.execute_wrapper(timer),
    ):
        call()
    fine = iter(timings)
    log = []
    for query in context.captured_queries:
        own = query["sql"] in TRANSACTION_STATEMENTS
        seconds = float(query["time"]) if own else next(fine)
        sql = query["sql"]
        log.append({"ms": round(seconds * 1000, 2), "label": label(sql)})
    return count, log


def peak_memory(call: Callable[[], object]) -> float:
    """The peak of the memory ``call`` allocates (tracemalloc), in MB."""
    tracemalloc.start()
    try:
        call()
        return round(tracemalloc.get_traced_memory()[1] / 1e6, 2)
    finally:
        tracemalloc.stop()


def grassroots_username() -> str:
    """The demo's grassroots staff whose organisation was made by a merger. One query."""
    from recruitment.demo.specs import DEMO_USERNAMES
    from recruitment.models import StaffProfile, Succession

    return (
        StaffProfile.objects.filter(
            user__username__in=DEMO_USERNAMES,
            organisation__in=Succession.objects.values("successor"),
        )
        .values_list("user__username", flat=True)
        .order_by("user__username")
        .first()
    )


def measure(*, rounds: int) -> Result:  # Long: one list of the calls and their results
    """Counts of the database, then page, JSON and ``stats.dashboard`` timings."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from recruitment import datacache, stats
    from recruitment.models import Candidate, Member, Organisation, StageRecord

    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
    grassroots = Client()
    username = grassroots_username()
    if username is None:
        raise SystemExit("No demo grassroots staff of a merged organisation: seed_demo again.")
    grassroots.force_login(get_user_model().objects.get(username=username))

    def get(url: str, client: Client = client) -> Callable[[], object]:
        def call() -> object:
            datacache.forget()
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"GET {url} answered {response.status_code}, not 200.")
            return response

        return call

    def board() -> object:
        return stats.dashboard(year=YEAR, as_of=AS_OF, organisation=None)

    def merger_board() -> object:
        return stats.dashboard(year=MERGER_YEAR, as_of=MERGER_AS_OF, organisation=None)

    result: Result = {
        "counts": {
            "members": Member.objects.count(),
            "organisations": Organisation.objects.count(),
            "grassroots_organisations": Organisation.objects.grassroots().count(),
            "candidates": Candidate.objects.count(),
            "stage_records": StageRecord.objects.count(),
        },
        "page_bytes": len(get(PAGE_URL)().content),
    }
    calls = dict(
        zip(
            KINDS,
            (
                get(PAGE_URL),
                get(JSON_URL),
                board,
                get(MERGER_URL),
                merger_board,
                get(GRASSROOTS_URL, grassroots),
            ),
            strict=True,
        )
    )
    for kind, samples in timed(calls, rounds=rounds).items():
        count, queries = captured(calls[kind])
        result[kind] = {
            **summary(samples),
            "queries": count,
            "sql_ms": round(sum(query["ms"] for query in queries), 1),
            "peak_mb": peak_memory(calls[kind]),
            "query_log": queries,
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the dashboard (child process).")
    parser.add_argument("--output", type=Path, required=True, help="where to write the JSON")
    parser.add_argument("--requests", type=int, default=15, help="timed rounds")
    args = parser.parse_args()
    args.output.write_text(json.dumps(measure(rounds=args.requests)))


# --- in the parent process -----------------------------------------------------------------

TITLE = "Dashboard server time"
#: The issue's goals: each page at most 150 ms at 10× (about 100k members), 400 ms at 100×.
GOALS_MS = {10: 150.0, 100: 400.0}


def run(url: str, *, requests: int) -> Result:
    """Measure the dashboard on the database at ``url`` in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "result.json"
        command = [sys.executable, "-m", "benchmarks.dashboard", "--output", str(output)]
        subprocess.run(
            [*command, "--requests", str(requests)], cwd=REPO, env=django_env(url), check=True
        )
        return json.loads(output.read_text())


#: The summary table's columns: title, and how to print it from one scale's result.
COLUMNS: list[tuple[str, Callable[[Result], str]]] = [
    ("scale", lambda r: f"{r['scale']}×"),
    ("members", lambda r: f"{r['counts']['members']:,}"),
    ("orgs", lambda r: f"{r['counts']['organisations']:,}"),
    ("page median", lambda r: f"{r['page']['median_ms']:.1f}"),
    ("page p90", lambda r: f"{r['page']['p90_ms']:.1f}"),
    ("n", lambda r: f"{r['page']['n']}"),
    ("json median", lambda r: f"{r['json']['median_ms']:.1f}"),
    ("stats median", lambda r: f"{r['stats']['median_ms']:.1f}"),
    ("stats SQL", lambda r: f"{r['stats']['sql_ms']:.1f}"),
    ("merger page median", lambda r: f"{r['merger_page']['median_ms']:.1f}"),
    ("merger page p90", lambda r: f"{r['merger_page']['p90_ms']:.1f}"),
    ("merger stats median", lambda r: f"{r['merger_stats']['median_ms']:.1f}"),
    ("merger stats SQL", lambda r: f"{r['merger_stats']['sql_ms']:.1f}"),
    ("grassroots page median", lambda r: f"{r['grassroots_page']['median_ms']:.1f}"),
    (
        "peak MB page/merger/grassroots",
        lambda r: "/".join(f"{r[kind]['peak_mb']:.1f}" for kind in PAGES),
    ),
    ("queries", lambda r: "/".join(str(r[kind]["queries"]) for kind in KINDS)),
]
#: The pages the goals are about.
PAGES = ("page", "merger_page", "grassroots_page")


def summary_rows(results: list[Result]) -> tuple[list[str], list[list[str]]]:
    return [title for title, _ in COLUMNS], [[cell(r) for _, cell in COLUMNS] for r in results]


def query_rows(results: list[Result], kind: str = "stats") -> tuple[list[str], list[list[str]]]:
    """One row per query of ``stats.dashboard`` (``kind``): its label, its ms at each scale."""
    header = ["query", *(f"{r['scale']}× ms" for r in results)]
    logs = [r[kind]["query_log"] for r in results]
    body = []
    for number, query in enumerate(max(logs, key=len), start=1):
        times = [f"{log[number - 1]['ms']:.1f}" if len(log) >= number else "" for log in logs]
        body.append([f"{number}. {query['label']}", *times])
    return header, body


def notes(results: list[Result]) -> list[str]:
    """The goal's verdict, and a warning when the query counts differ between scales."""
    lines = []
    for kind in KINDS:
        counts = [r[kind]["queries"] for r in results]
        if len(set(counts)) > 1:
            lines.append(
                f"Warning: {kind} runs {'/'.join(map(str, counts))} queries at "
                f"{'/'.join(str(r['scale']) + '×' for r in results)}: the count must not grow "
                "with the data (or the code changed during the run)."
            )
    return [*filter(None, [goal_line(results)]), *lines]


def goal_line(results: list[Result]) -> str | None:
    """Whether the pages meet the issue's goals at the scales measured."""
    lines = []
    for result in results:
        goal = GOALS_MS.get(result["scale"])
        if goal is None:
            continue
        medians = ", ".join(f"{kind} {result[kind]['median_ms']:.1f}" for kind in PAGES)
        verdict = "met" if all(result[kind]["median_ms"] <= goal for kind in PAGES) else "NOT met"
        lines.append(
            f"Goal, every page at most {goal:.0f} ms at {result['scale']}×: {verdict} "
            f"({medians} ms)."
        )
    return " ".join(lines) or None


def console(results: list[Result]) -> str:
    """The report for the terminal."""
    return "\n".join(
        [
            "Dashboard server time in ms (median, p90, min of n requests):",
            text_table(*summary_rows(results)),
            "",
            "Queries of stats.dashboard(...), ms in one call:",
            text_table(*query_rows(results)),
            "",
            "Queries of stats.dashboard(...) across the merger, ms in one call:",
            text_table(*query_rows(results, "merger_stats")),
            *notes(results),
        ]
    )


def markdown(results: list[Result]) -> str:
    """The report for benchmarks/results/ (without title and machine facts)."""
    return "\n".join(
        [
            f"GET `{PAGE_URL}` and `{JSON_URL}` as the board head through Django's test "
            "client (DEBUG off, PostgreSQL on localhost), and `stats.dashboard(...)` alone; "
            f"*merger*: the page `{MERGER_URL}` and its `stats.dashboard(...)`, across the "
            "demo's reorganisation of 01/07/2025; *grassroots*: the page "
            f"`{GRASSROOTS_URL}` of the staff of a ward organisation made by that merger (its "
            f"lineage, the day before). Called in turn: {WARMUP} warm-up rounds, then n timed. "
            "Times in ms. On PostgreSQL the dashboard runs its independent queries at once "
            "(`QUERY_THREADS`, `recruitment/together.py`). *SQL*: the time of the queries in "
            "one call with them run in turn (each query's own time). *peak MB*: the peak of "
            "the memory one request allocates (tracemalloc). "
            "Queries counted on one request, those of the query threads included.",
            "",
            markdown_table(*summary_rows(results)),
            "",
            *(f"{line}\n" for line in notes(results)),
            "Queries of `stats.dashboard(...)`, ms in one call:",
            "",
            markdown_table(*query_rows(results)),
            "",
            "Queries of `stats.dashboard(...)` across the merger, ms in one call:",
            "",
            markdown_table(*query_rows(results, "merger_stats")),
        ]
    )


if __name__ == "__main__":
    main()
