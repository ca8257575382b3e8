"""The top line: calendar title and date range, then the active filter and display zone."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.core.text import one_line


class CalendarHeader(Horizontal):
    """What is shown and how. The filter and zone stay visible; the title gives way."""

    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-state")

    def show(self, title: str, dates: str, filter_text: str, zone_text: str) -> None:
        """Render from plain strings (calendar text included, never as markup)."""
        heading = Text(one_line(title), style="bold", no_wrap=True, overflow="ellipsis")
        heading.append(f"  {dates}")
        self.query_one("#header-title", Static).update(heading)
        state = Text("Filter: ", style="bold")
        state.append(one_line(filter_text) or "none")
        state.append("  Zone: ", style="bold")
        state.append(zone_text)
        self.query_one("#header-state", Static).update(state)
