"""Textual's compact footer, fitted to the terminal's width.

Textual's footer lays the shown keys out in one row and lets the row run past the screen's
edge, under the palette key: at 80 columns the timeline lost `? Help` and `q Quit`, and a
key's last letter could stay in the last column. This one keeps the keys that fit, leaving
out the pane's and the screen's less needed ones (help lists every key), never `? Help`
and `q Quit`, and lays itself out again when the width changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.core.text import cells

KEPT = ("help", "quit")  # actions always shown, whatever the width


def fitted(items: list[tuple[str, str, str]], room: int) -> list[int]:
    """The positions of the (action, key, description) items to show in ``room`` columns:
    every kept action, then the others in order while they fit, as compact footer keys
    take them (key, space, description, and a space between keys)."""

    def width(item: tuple[str, str, str]) -> int:
        return cells(item[1]) + 1 + cells(item[2]) + 1

    used = sum(width(item) for item in items if item[0] in KEPT)
    shown: list[int] = []
    for n, item in enumerate(items):
        if item[0] in KEPT:
            shown.append(n)
        elif used + width(item) <= room:
            shown.append(n)
            used += width(item)
    return shown


class FittedFooter(Footer):
    """The shown keys that fit the width (always `?` and `q`), then the palette's key."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._laid_for = 0

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled, tooltip))
        keys = list(first.values())
        shown = self.app.get_key_display
        items = [(b.action.split(".")[-1], shown(b), b.description) for b, _, _ in keys]
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        width = self._laid_for = self.app.size.width
        room = width - 1  # the last column stays empty: no wrap in terminals that wrap there
        if palette is not None and self.show_command_palette:
            label = self.app.get_key_display(palette[1]) + " " + palette[1].description
            room -= 1 + cells(label)  # its left border, its key and label
        chosen = fitted(items, room)
        self.styles.grid_size_columns = len(chosen)
        for n in chosen:
            binding, enabled, tooltip = keys[n]
            key = FooterKey(
                binding.key,
                items[n][1],
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )
            yield key.data_bind(compact=Footer.compact)
        if palette is not None and self.show_command_palette:
            _node, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def on_resize(self) -> None:
        if self.app.size.width != self._laid_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
