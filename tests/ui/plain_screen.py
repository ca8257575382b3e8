"""The whole terminal as plain text: what a screen reader, a log or a colourless terminal gets."""

from __future__ import annotations

from textual.app import App


def screen_lines(app: App[None]) -> list[str]:
    """Every line of the top screen as drawn now, without trailing blanks."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def screen_text(app: App[None]) -> str:
    return "\n".join(screen_lines(app))
