"""The core stays free of Textual and Rich."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).parents[1] / "tui" / "core"
FORBIDDEN = ("textual", "rich", "tui.ui")


def imported_modules(code: str) -> set[str]:
    """Every module some code imports, in both forms: `import a.b` and `from a import b`."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def test_the_check_sees_every_import_form() -> None:
    assert forbidden("textual.widgets") and forbidden("rich") and forbidden("tui.ui.render")
    assert not forbidden("richer") and not forbidden("tui.core.model")
    sample = "import rich.text\nfrom tui import ui\nfrom tui.core import model\n"
    assert sorted(n for n in imported_modules(sample) if forbidden(n)) == ["rich.text", "tui.ui"]


def test_core_sources_import_no_ui_library() -> None:
    sources = list(CORE.glob("*.py"))
    assert len(sources) > 10
    for source in sources:
        bad = sorted(n for n in imported_modules(source.read_text()) if forbidden(n))
        assert not bad, (source, bad)
