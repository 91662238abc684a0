"""Benchmarks on PostgreSQL at 1×, 10× and 100× the Phủ Lý demo committee (``make bench``).

For each scale: the database ``phuly_bench_<scale>`` is created, migrated and seeded if
needed (see ``databases.py``), then each benchmark measures it in a child process. Results
go to stdout and to ``benchmarks/results/<benchmark>-<date>.md`` and ``.json``.

    .venv/bin/python benchmarks/run.py                 # scales 1, 10, 100
    .venv/bin/python benchmarks/run.py --scales 1,10   # quicker
    .venv/bin/python benchmarks/run.py --rebuild       # drop and reseed the databases
    .venv/bin/python benchmarks/run.py --database-prefix mine_bench   # mine_bench_10, ...
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

from benchmarks import dashboard, databases, hostile_files, load, roster_import  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
#: Each benchmark is a module with ``TITLE``, ``run(url, *, requests) -> dict`` (one scale,
#: in a child process), and ``console(results)`` and ``markdown(results)`` for the report.
BENCHMARKS = {"dashboard": dashboard}
#: Benchmarks that run once, on databases of their own (SQLite and PostgreSQL), with
#: ``run_all(server) -> list`` and the same ``console``/``markdown``.
ONCE = {"roster": roster_import, "load": load, "hostile": hostile_files}


def parse_scales(value: str) -> list[int]:
    try:
        scales = [int(item) for item in value.split(",") if item.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {value!r}") from None
    if not scales or min(scales) < 1:
        raise argparse.ArgumentTypeError("scales are whole numbers from 1 up")
    return scales


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=databases.REPO, capture_output=True, text=True, check=True
    ).stdout


def git_revision() -> dict[str, Any]:
    """The commit measured, and the tracked files changed since (others work alongside)."""
    try:
        changed = git("status", "--porcelain", "--untracked-files=no").splitlines()
        return {
            "commit": git("rev-parse", "--short", "HEAD").strip(),
            "changed": [c[3:] for c in changed],
        }
    except (OSError, subprocess.CalledProcessError):
        return {"commit": "unknown", "changed": []}


DEFAULT_PREFIX = databases.PREFIX
#: ``--tag``: added to the results' file names.
TAG = ""


def compile_bytecode() -> None:
    """The application's modules compiled to bytecode once, as a deployed copy has them: a
    command measured otherwise compiles its ~40 modules on every start where the environment
    says not to write bytecode (PYTHONDONTWRITEBYTECODE), which no deployment does."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            "recruitment",
            "phuly_members",
            "benchmarks",
            "manage.py",
        ],
        cwd=databases.REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )


#: What the numbers depend on; others may edit it while a run goes on.
CODE = ("recruitment", "templates", "phuly_members")


def code_fingerprint() -> str:
    """A short hash of the application's source files, to tell whether two measurements
    ran the same code."""
    digest = hashlib.sha256()
    for folder in CODE:
        for path in sorted((databases.REPO / folder).rglob("*")):
            if path.suffix in {".py", ".html"} and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(databases.REPO)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def machine(server: str) -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "postgresql": databases.server_version(server),
        "python": platform.python_version(),
        "django": django.get_version(),
        "git": git_revision(),
        # Other work on the machine skews the times: the load when the run started.
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }


def code_changes(results: list[dict[str, Any]]) -> str:
    return ", ".join(f"{result['scale']}× on {result['code']}" for result in results)


def write_results(
    name: str, title: str, facts: dict[str, Any], results: list[dict[str, Any]], body: str
) -> Path:
    """Write ``<name>-<date>.json`` and ``.md`` under benchmarks/results/; return the .md."""
    RESULTS.mkdir(exist_ok=True)
    today = date.today().isoformat()
    # Databases of one's own (another prefix) write results of their own.
    own = "" if databases.PREFIX == DEFAULT_PREFIX else f"-{databases.PREFIX}"
    stem = RESULTS / f"{name}-{today}{own}{'-' + TAG if TAG else ''}"
    data = {"benchmark": name, "date": today, "machine": facts, "results": results}
    changed = facts["git"]["changed"]
    machine_line = (
        f"Machine: {facts['cpu_count']} CPUs ({facts['cpu_model']}), PostgreSQL "
        f"{facts['postgresql']}, Python {facts['python']}, Django {facts['django']}. "
        f"Code: commit {facts['git']['commit']}"
        f"{' with uncommitted changes to ' + ', '.join(changed) if changed else ''}. "
        f"Load average at the start: {facts['load_average'][0]}. The application's modules "
        "compiled to bytecode beforehand, as a deployed copy has them."
    )
    if len(codes := {result["code"] for result in results}) == 1:
        machine_line += f" Source fingerprint: {codes.pop()}."
    else:
        machine_line += (
            f"\n\n**The code changed during the run** ({code_changes(results)}): the scales "
            "are not comparable; run again."
        )
    texts = {
        ".json": json.dumps(data, indent=2, ensure_ascii=False) + "\n",
        ".md": f"# {title}, {today}\n\n`make bench`. {body}\n\n{machine_line}\n",
    }
    for suffix, text in texts.items():
        tmp = stem.with_suffix(suffix + ".tmp")
        tmp.write_text(text)
        tmp.replace(stem.with_suffix(suffix))
    return stem.with_suffix(".md")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales",
        type=parse_scales,
        default=[1, 10, 100],
        help="comma-separated copies of the demo committee (default 1,10,100)",
    )
    parser.add_argument(
        "--benchmarks",
        type=lambda value: [name for name in value.split(",") if name],
        default=[*BENCHMARKS, *ONCE],
        help=f"comma-separated benchmarks to run (default all: {','.join([*BENCHMARKS, *ONCE])})",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="drop and reseed the benchmark databases"
    )
    parser.add_argument(
        "--requests", type=int, default=15, help="timed requests of each kind (default 15)"
    )
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES_URL", databases.DEFAULT_SERVER),
        help=f"PostgreSQL server (default $BENCH_POSTGRES_URL or {databases.DEFAULT_SERVER})",
    )
    parser.add_argument(
        "--database-prefix",
        default=databases.PREFIX,
        help=f"the scaled databases' names: <prefix>_<scale> (default {databases.PREFIX})",
    )
    parser.add_argument(
        "--tag",
        default="",
        help="a word added to the results' file names (results-<date>-<tag>.md)",
    )
    args = parser.parse_args()
    databases.PREFIX = args.database_prefix
    global TAG
    TAG = args.tag
    sys.stdout.reconfigure(line_buffering=True)  # keep our lines in order with the children's
    compile_bytecode()
    if unknown := set(args.benchmarks) - set(BENCHMARKS) - set(ONCE):
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")

    facts = machine(args.server)
    if facts["load_average"][0] > 0.5:
        print(f"Note: load average {facts['load_average'][0]}: other work may skew the times.")
    for name in (name for name in args.benchmarks if name in ONCE):
        module = ONCE[name]
        print(f"Measuring {name}.")
        code = code_fingerprint()
        once = [{"code": code, **result} for result in module.run_all(args.server)]
        print()
        print(module.console(once))
        path = write_results(name, module.TITLE, facts, once, module.markdown(once))
        print(f"Written {path.relative_to(databases.REPO)} and its .json.")
    scaled = [name for name in args.benchmarks if name in BENCHMARKS]
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in scaled}
    for scale in args.scales if scaled else []:
        url = databases.prepare(args.server, scale, rebuild=args.rebuild)
        for name in scaled:
            print(f"Measuring {name} at {scale}× ({databases.database_name(scale)}).")
            code = code_fingerprint()
            result = BENCHMARKS[name].run(url, requests=args.requests)
            if code_fingerprint() != code:
                code += " (changed while measuring)"
            results[name].append({"scale": scale, "code": code, **result})

    for name, module in ((name, BENCHMARKS[name]) for name in scaled):
        print()
        print(module.console(results[name]))
        if len({result["code"] for result in results[name]}) > 1:
            print(f"Warning: the code changed during the run: {code_changes(results[name])}.")
        path = write_results(
            name, module.TITLE, facts, results[name], module.markdown(results[name])
        )
        print(f"Written {path.relative_to(databases.REPO)} and its .json.")


if __name__ == "__main__":
    main()
