"""The whole terminal as plain text, as a user reads it (dialogs over the screen below)."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App


def screen_lines(app: App[object]) -> list[str]:
    """Every line of the terminal now, without trailing blanks, composed as
    ``App.export_screenshot`` composes an SVG (with the screens under a modal)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    console.print(update)
    return [line.rstrip() for line in console.export_text(styles=False).splitlines()]


def screen_text(app: App[object]) -> str:
    return "\n".join(screen_lines(app))


def plain_lines(renderable: object, width: int = 200) -> list[str]:
    """What a Rich renderable (a Text, a Table) shows at ``width``, as plain lines."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text(styles=False).splitlines()]
