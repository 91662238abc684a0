"""Mutation testing (``make mutate``): mutmut over the modules that carry the rules and the
figures, one module at a time, each against its own test files.

Each module is run in a copy of the working tree under ``mutants/<module>/`` whose
``pyproject.toml`` names that module and its tests only (mutmut reads one configuration per
directory). Within it, each mutant runs the tests that reach the mutated function (mutmut
traces which tests reach what once, first). A module's quick tests (no database) run against
every mutant; its slower tests (a test database, real files) only against the mutants the
quick ones leave alive, in a second copy (``mutants/<module>+slow/``). One mutant at a time
(``--max-children 1``): the machine is shared. A summary per module is printed at the end
and written to ``mutants/summary.txt``; the surviving mutants' names follow each module's
figures (``mutmut show NAME`` in ``mutants/<module>/`` shows one).

    .venv/bin/python scripts/mutate.py                       # every module
    .venv/bin/python scripts/mutate.py recruitment/rules.py  # one
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).with_name("mutmut")

#: The modules mutated, each with the test files that check it. Tests that need no database
#: come first: a mutant they kill costs no test database. ``<module>+slow`` adds the slower
#: tests, run only against the mutants the module's own list leaves alive. ``--no-migrations``
#: (pytest-django: the test database made from the models, in a second rather than five)
#: where no test needs what the migrations put in the database (mutmut checks first that the
#: tests pass as they are run).
MODULES: dict[str, list[str]] = {
    "recruitment/rules.py": [
        "tests/test_rules.py",
        "tests/test_rules_edges.py",
        "tests/test_rules_messages.py",
        "tests/test_properties.py",
        "tests/test_admission_rules.py",
    ],
    "recruitment/rules.py+slow": [
        "tests/test_rules.py",
        "tests/test_rules_edges.py",
        "tests/test_rules_messages.py",
        "tests/test_properties.py",
        "tests/test_admission_rules.py",
        "tests/test_organisation_sizes.py",
        "tests/test_stale_file.py",
        "tests/test_pipeline_services.py",
    ],
    "recruitment/workdays.py": [
        "tests/test_workdays_edges.py",
        "tests/test_properties.py",
        "tests/test_rules_edges.py",
        "tests/test_workday_overrides.py",
    ],
    "recruitment/roster/check.py": [
        "tests/test_roster_check.py",
        "tests/test_roster_check_edges.py",
        "tests/test_roster_check_more.py",
    ],
    "recruitment/roster/check.py+slow": [
        "--no-migrations",
        "tests/test_roster_check.py",
        "tests/test_roster_check_edges.py",
        "tests/test_roster_check_more.py",
        "tests/test_roster_import.py",
        "tests/test_roster_real_files.py",
    ],
    "recruitment/roster/plan.py": [
        "--no-migrations",
        "tests/test_roster_plan_edges.py",
        "tests/test_roster_plan_more.py",
        "tests/test_roster_import.py",
        "tests/test_roster_service.py",
        "tests/test_roster_atomic.py",
        "tests/test_upload_safety.py",
        "tests/test_membership_oracle.py",
    ],
    "recruitment/querysets.py": ["--no-migrations", "tests/test_scoping.py"],
    "recruitment/querysets.py+slow": [
        "tests/test_scoping.py",
        "tests/test_service_scope.py",
        "tests/test_access.py",
    ],
    "recruitment/access.py": ["--no-migrations", "tests/test_scoping.py"],
    "recruitment/access.py+slow": [
        "tests/test_scoping.py",
        "tests/test_service_scope.py",
        "tests/test_access.py",
        "tests/test_reorganisation.py",
    ],
    "recruitment/stats/figures.py": [
        "--no-migrations",
        "tests/test_stats_figures.py",
        "tests/test_dashboard.py",
    ],
    "recruitment/stats/organisations.py": [
        "--no-migrations",
        "tests/test_stats_figures.py",
        "tests/test_dashboard.py",
    ],
}
#: What a module's copy needs besides the source (mutmut copies ``recruitment/`` itself).
ALSO_COPY = [
    "phuly_members/", "templates/", "locale/", "static/", "manage.py", "tests/", "benchmarks/",
]  # fmt: skip
#: mutmut's result words, as ``mutmut results --all true`` prints them.
KILLED = ("killed", "timeout")


def config(module: str, tests: list[str]) -> str:
    """The [tool.mutmut] section of a module's copy (``tests``: test files, and pytest's
    options, such as ``--no-migrations``, for that module's runs)."""

    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    options = ["-p", "no:cacheprovider", "-q", "-x"]
    options += [item for item in tests if item.startswith("-")]
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["recruitment/"]\n'
        f"only_mutate = {toml_list([module])}\n"
        f"also_copy = {toml_list(ALSO_COPY)}\n"
        f"pytest_add_cli_args = {toml_list(options)}\n"
        "pytest_add_cli_args_test_selection = "
        f"{toml_list([item for item in tests if not item.startswith('-')])}\n"
    )


def working_tree_files() -> list[str]:
    """The tracked and new (not ignored) files, as they are in the working tree."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [name for name in listed if (REPO / name).is_file()]


def prepare(module: str) -> Path:
    """A fresh copy of the working tree for ``module`` (``<module>+slow``: with its slower
    tests), configured for it alone."""
    folder = REPO / "mutants" / module.replace(".py", "").replace("/", ".")
    shutil.rmtree(folder, ignore_errors=True)
    for name in working_tree_files():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    pyproject = folder / "pyproject.toml"
    text = pyproject.read_text()
    text = text[: text.index("[tool.mutmut]")] if "[tool.mutmut]" in text else text
    pyproject.write_text(text + config(module.removesuffix("+slow"), MODULES[module]))
    return folder


def results(folder: Path) -> dict[str, str]:
    """Each mutant's result (killed, survived, timeout, no tests, …), by name."""
    printed = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in printed.splitlines():
        match = re.match(r"\s*(\S+__mutmut_\d+): (.+)$", line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


def summary(module: str, found: dict[str, str]) -> list[str]:
    killed = sum(1 for result in found.values() if result in KILLED)
    others = {name: result for name, result in found.items() if result not in KILLED}
    share = f"{100 * killed / len(found):.1f} %" if found else "no mutants"
    lines = [f"{module}: {len(found)} mutants, {killed} killed (timeouts included), {share}"]
    lines += [f"    {result}: {name}" for name, result in sorted(others.items())]
    return lines


def mutate(module: str, names: tuple[str, ...] = ()) -> dict[str, str] | None:
    """Run ``module``'s mutants (only ``names``, if given) in a fresh copy; their results, or
    None when mutmut stopped."""
    print(f"== {module}{f' ({len(names)} mutants left alive)' if names else ''}", flush=True)
    folder = prepare(module)
    run = subprocess.run([str(MUTMUT), "run", "--max-children", "1", *names], cwd=folder)
    if run.returncode != 0:
        return None
    found = results(folder)
    return {name: found[name] for name in names} if names else found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    modules = [module for module in MODULES if not module.endswith("+slow")]
    parser.add_argument("modules", nargs="*", default=modules, help="default: all")
    args = parser.parse_args()
    if unknown := set(args.modules) - set(modules):
        parser.error(f"not configured for mutation: {', '.join(sorted(unknown))}")
    report = []
    for module in args.modules:
        found = mutate(module)
        alive = [name for name, result in (found or {}).items() if result not in KILLED]
        if alive and f"{module}+slow" in MODULES:
            again = mutate(f"{module}+slow", tuple(alive))
            found = None if again is None else {**found, **again}
        if found is None:
            report.append(f"{module}: mutmut stopped; see its output above")
            continue
        report += summary(module, found)
    (REPO / "mutants" / "summary.txt").write_text("\n".join(report) + "\n")
    print("\n".join(report))


if __name__ == "__main__":
    main()
