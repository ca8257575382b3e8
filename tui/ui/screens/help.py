"""Every key that applies, generated from the live bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
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
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for keys, what in MOVEMENT:
            table.add_row(keys, what)
        seen: set[str] = set()
        for active in self.bindings.values():
            binding = active.binding
            if not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            shown = self.app.get_key_display(binding)
            table.add_row(Text(shown), Text(binding.description))
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            yield Static(table)
            yield Label("escape closes", classes="dialog-help")
