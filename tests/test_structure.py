"""The code's shape, checked: modules and functions of a readable size, imports at the top
of a module, no import cycles inside the app.

A function may be longer, or an import may sit inside a function, when a comment on the
line just above it gives the reason (``# Long: ...`` / ``# Late import: ...``).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "recruitment"
MODULE_LINES = 500
FUNCTION_LINES = 80
#: Pure data tables, exempt from the module size.
DATA_MODULES = {"demo/data.py", "choices.py"}


def app_modules() -> list[Path]:
    return sorted(path for path in APP.rglob("*.py") if "migrations" not in path.parts)


def relative(path: Path) -> str:
    return path.relative_to(APP).as_posix()


def reason_above(lines: list[str], lineno: int, marker: str) -> bool:
    """A comment starting with ``marker`` on one of the lines just above ``lineno`` (1-based),
    above any decorators."""
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith("@"):
        index -= 1
    while index >= 0 and lines[index].strip().startswith("#"):
        if lines[index].strip().startswith(marker):
            return True
        index -= 1
    return False


def test_no_module_is_over_500_lines():
    too_long = {
        relative(path): length
        for path in app_modules()
        if relative(path) not in DATA_MODULES
        and (length := path.read_text().count("\n")) > MODULE_LINES
    }
    assert too_long == {}


def test_no_function_is_over_80_lines_without_a_reason():
    too_long = {}
    for path in app_modules():
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                if length > FUNCTION_LINES and not reason_above(lines, start, "# Long:"):
                    too_long[f"{relative(path)}:{node.name}"] = length
    assert too_long == {}


def test_imports_are_at_the_top_of_a_module():
    inside = []
    for path in app_modules():
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom) and not reason_above(
                    lines, inner.lineno, "# Late import:"
                ):
                    inside.append(f"{relative(path)}:{inner.lineno}")
    assert inside == []


def module_name(path: Path) -> str:
    parts = ["recruitment", *path.relative_to(APP).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """The imports under ``if TYPE_CHECKING:`` (annotations only, never run)."""
    return {
        inner
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The app's modules that ``path`` imports, at the top or inside a function (a cycle
    hidden by a late import is still a cycle); not those imported only for type checking."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text())
    skipped = type_checking_only(tree)
    found = set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            submodules = [f"{target}.{alias.name}" for alias in node.names]
            candidates = [item for item in submodules if item in known] or [target]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found.update(candidate for candidate in candidates if candidate in known)
    found.discard(name)
    return found


def test_the_app_has_no_import_cycles():
    modules = {module_name(path): path for path in app_modules()}
    graph = {name: imported_modules(path, set(modules)) for name, path in modules.items()}
    cycles = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    """The checks above would pass on an empty app: this one shows the cycle finder at work."""
    package = tmp_path / "recruitment"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("from .a import thing\n\ndef f():\n    import os\n")
    monkeypatch.setattr(sys.modules[__name__], "APP", package)
    modules = {module_name(path): path for path in app_modules()}
    assert imported_modules(modules["recruitment.a"], set(modules)) == {"recruitment.b"}
    assert imported_modules(modules["recruitment.b"], set(modules)) == {"recruitment.a"}
    try:
        test_the_app_has_no_import_cycles()
    except AssertionError:
        pass
    else:
        raise AssertionError("the cycle a → b → a was not found")
    try:
        test_imports_are_at_the_top_of_a_module()
    except AssertionError:
        pass
    else:
        raise AssertionError("the import inside f() was not found")
