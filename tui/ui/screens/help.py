"""Every key that applies, generated from the live bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

# Keys that every pane shares but that live in widgets rather than the screen.
MOVEMENT = [
    ("tab / shift+tab", "Move between panes"),
    ("↑ ↓ / j k", "Move within a pane"),
    ("enter", "Choose"),
    ("ctrl+p", "Command palette"),
]


class HelpModal(ModalScreen[None]):
    """A table of keys; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        rows = list(MOVEMENT)
        seen: set[str] = set()
        for active in self.bindings.values():
            binding = active.binding
            # The screen's and the app's keys; a focused widget's own (cursor, paging) are
            # the usual ones and are summed up in MOVEMENT.
            if not isinstance(active.node, Screen | App):
                continue
            if binding.description and binding.description not in seen:
                seen.add(binding.description)
                rows.append((self.app.get_key_display(binding), binding.description))
        width = max(len(keys) for keys, _ in rows) + 2
        table = Text()
        for keys, what in rows:
            table.append(f"{keys:<{width}}", style="bold").append(what + "\n")
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            yield Static(table, id="help-keys")
            yield Label("escape closes", classes="dialog-help")
