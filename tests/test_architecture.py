"""The core stays free of Textual and Rich."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).parents[1] / "tui" / "core"


def test_core_sources_import_no_ui_library() -> None:
    for source in CORE.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"textual", "rich", "tui.ui"}, (source, name)
                assert not name.startswith("tui.ui"), (source, name)
