"""The details of whatever is selected: an event, a participant or a country."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static


class DetailsPane(VerticalScroll, can_focus=True):
    """Scrollable text; j/k scroll it."""

    ALLOW_MAXIMIZE = True

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="details-text")

    def show(self, text: Text) -> None:
        """Replace the text and scroll back to the top."""
        self.query_one("#details-text", Static).update(text)
        self.scroll_home(animate=False)
