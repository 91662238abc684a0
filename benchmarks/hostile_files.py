"""Hostile roster files against the upload's limits: peak memory and time per file.

Each file is read as the import page reads it (``service.roster_read``: the checks before
parsing, then the reader in a child process within its memory and time limits), in a fresh
process of its own with Django set up, as a web worker is. Measured: the outcome (read, or
the Vietnamese refusal), the wall time, the peak resident memory (``ru_maxrss``) of that
process (the worker) and of the child that parsed the file. The files are those of the
threat model (``tests/support/hostile_files.py``), a bomb with the size and row limits
lifted (so that the child's memory limit is what stops it), and two honest rosters of
10,000 and 50,000 rows in the shape offices keep, which must still be read.

    .venv/bin/python benchmarks/hostile_files.py          # or: make bench BENCH_ARGS=...
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.report import markdown_table, text_table  # noqa: E402

Result = dict[str, Any]
TITLE = "Hostile roster files"
GOAL_PEAK_MB = 300
REPO = Path(__file__).resolve().parent.parent
#: Limits lifted for one measurement, so that the child's memory limit is what stops it.
LIFTED = {
    "ROSTER_MAX_UNPACKED_BYTES": str(300 * 1024 * 1024),
    "ROSTER_MAX_ROWS": "10000000",
    "ROSTER_MAX_CELLS": "100000000",
}


def files(folder: Path) -> list[tuple[str, Path, dict[str, str]]]:
    """(what, file, environment) for each measurement, the files written in ``folder``."""
    from benchmarks.roster_import import write_messy_roster
    from tests.support import hostile_files

    made = []
    for what, name, build in [
        ("one cell at XFD1048576", "far-cell.xlsx", hostile_files.far_cell_xlsx),
        ("one cell in row 1,048,576", "last-row.xlsx", hostile_files.last_row_xlsx),
        ("zip bomb, 195 MB at ratio 65", "bomb.xlsx", hostile_files.bomb_xlsx),
        ("CSV of 230,000 rows", "flood.csv", hostile_files.flood_csv),
        ("macro-enabled workbook named .xlsx", "macro.xlsx", hostile_files.macro_xlsm),
    ]:
        path = folder / name
        path.write_bytes(build())
        made.append((what, path, {}))
    made.append(("zip bomb, size and row limits lifted", folder / "bomb.xlsx", LIFTED))
    for rows in (10_000, 50_000):
        path = folder / f"roster-{rows}.xlsx"
        write_messy_roster(path, rows)
        made.append((f"honest roster, {rows:,} rows", path, {}))
    return made


def child_main(path: str) -> None:
    """In a fresh process: read the file as the import page does; print the measurement."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phuly_members.settings")
    import django

    django.setup()
    from django.utils import translation

    from recruitment.roster.read import RosterFileError
    from recruitment.roster.service import roster_read

    translation.activate("vi")
    data = Path(path).read_bytes()
    started = time.perf_counter()
    try:
        roster = roster_read(data=data, file_name=Path(path).name)
        outcome = f"read: {len(roster.rows):,} rows"
    except RosterFileError as error:
        outcome = f"refused: {error}"
    seconds = time.perf_counter() - started
    result = {
        "seconds": round(seconds, 3),
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        "outcome": outcome,
    }
    print(json.dumps(result, ensure_ascii=False))


def measure(what: str, path: Path, env: dict[str, str]) -> Result:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:  # the worker itself died: the defence failed
        return {"file": what, "bytes": path.stat().st_size, "outcome": "WORKER DIED"}
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    return {"file": what, "bytes": path.stat().st_size, **result}


def run_all(server: str = "", *, log=print) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="phuly-hostile-bench-") as folder:
        results = []
        for what, path, env in files(Path(folder)):
            results.append(measure(what, path, env))
            log(f"  {what}: {results[-1].get('outcome', '')[:70]}")
    return results


def table(results: list[Result]) -> tuple[list[str], list[list[str]]]:
    header = ["file", "size", "time (s)", "worker peak MB", "child peak MB", "outcome"]
    rows = [
        [
            result["file"],
            f"{result['bytes'] / 1024:,.0f} KB",
            f"{result.get('seconds', float('nan')):.2f}",
            str(result.get("worker_peak_mb", "-")),
            str(result.get("child_peak_mb", "-")),
            result["outcome"][:110],
        ]
        for result in results
    ]
    return header, rows


def verdict(results: list[Result]) -> str:
    worst = max(max(r.get("worker_peak_mb", 0), r.get("child_peak_mb", 0)) for r in results)
    died = [r["file"] for r in results if r["outcome"] == "WORKER DIED"]
    met = worst <= GOAL_PEAK_MB and not died
    return (
        f"Goal: every file refused or read, no worker death, peak memory of each process "
        f"≤ {GOAL_PEAK_MB} MB. Worst peak: {worst} MB; "
        f"{'met' if met else 'NOT MET'}{' (worker died: ' + ', '.join(died) + ')' if died else ''}."
    )


def console(results: list[Result]) -> str:
    header, rows = table(results)
    return text_table(header, rows) + "\n" + verdict(results)


def markdown(results: list[Result]) -> str:
    header, rows = table(results)
    return (
        "Each file read as the import page reads it, in a fresh process with Django set up "
        "(the worker); the reader runs in a child of it within its limits.\n\n"
        + markdown_table(header, rows)
        + "\n\n"
        + verdict(results)
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child_main(sys.argv[2])
    else:
        print(console(run_all()))
