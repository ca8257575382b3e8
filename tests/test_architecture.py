"""The house keeps its rooms: contracts on imports, no circles, small modules.

import-linter checks the layers (`.importlinter`): the core never imports Textual, Rich, the
UI or the command line; core rooms import only downwards; UI rooms likewise. The tests
below add what it does not: a real import of every core module with Textual absent, no
circle of imports anywhere under ``tui``, and no module over 400 lines.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "tui"
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(under: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path): path for path in sorted(under.rglob("*.py"))}


def imports(code: str) -> set[str]:
    """Every module some code imports, in both forms (`import a.b`, `from a import b`), at
    any depth: a lazy import inside a function is a dependency all the same."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def graph(known: dict[str, Path]) -> dict[str, set[str]]:
    return {
        name: {other for other in imports(path.read_text()) if other in known and other != name}
        for name, path in known.items()
    }


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for other in edges[node]:
            if other not in order:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], order[other])
        if low[node] == order[node]:
            group = [stack.pop()]
            while group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in edges:
        if node not in order:
            visit(node)
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_imports_are_seen_in_every_form_and_depth() -> None:
    sample = "import rich.text\nfrom tui import ui\ndef f():\n    from tui.core import model\n"
    assert {"rich.text", "tui", "tui.ui", "tui.core", "tui.core.model"} <= imports(sample)


def in_circles(prefixes: Iterable[str]) -> list[list[str]]:
    known = {n: p for n, p in modules().items() if n.startswith(tuple(prefixes))}
    return circles(graph(known))


def test_no_circle_of_imports_anywhere_under_tui() -> None:
    """The core, the command line and the UI: no module imports, at any depth and under
    TYPE_CHECKING too, one that imports it back (before issue 19 the main screen and its
    mixins and intent modules did, through ``cast("MainScreen", self)``)."""
    assert in_circles(["tui"]) == []


def test_the_main_screen_is_one_class_on_screen() -> None:
    """No mixins: ``MainScreen``'s only base is Textual's ``Screen``."""
    tree = ast.parse((PACKAGE / "ui" / "main" / "main_screen.py").read_text())
    (main,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "MainScreen"]
    assert [ast.unparse(base) for base in main.bases] == ["Screen[None]"]


def test_import_contracts_hold() -> None:
    """The layers of `.importlinter`, checked by import-linter itself."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--config", str(ROOT / ".importlinter")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_core_runs_without_textual_or_rich() -> None:
    """Every core module imported for real, in a process where Textual cannot be found."""
    core = sorted(n for n in modules(PACKAGE / "core"))
    code = (
        "import sys\n"
        "class Refuse:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('textual', 'rich'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Refuse())\n"
        f"for name in {core!r}:\n"
        "    __import__(name)\n"
        "print(len(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(core) > 40


def test_no_module_is_over_400_lines() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_room_says_what_it_holds() -> None:
    """Each package's docstring is its room's label, read before any file in it."""
    for init in PACKAGE.rglob("__init__.py"):
        if init.parent == PACKAGE:
            continue
        docstring = ast.get_docstring(ast.parse(init.read_text()))
        assert docstring and len(docstring) > 20, init
