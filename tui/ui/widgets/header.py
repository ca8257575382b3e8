"""The top line: calendar title and date range, then the active filter and display zone."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Static

from tui.core.present import Header, Screenful


class CalendarHeader(Horizontal):
    """What is shown and how. The filter and zone stay visible; the title gives way."""

    screenful: reactive[Screenful | None] = reactive(None, init=False)
    draws = 0

    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-state")

    def watch_screenful(self, old: Screenful | None, new: Screenful | None) -> None:
        if new is not None and (old is None or old.header != new.header):
            self.draw(new.header)

    def draw(self, header: Header) -> None:
        """Render the presenter's header (calendar text included, never as markup)."""
        self.draws += 1
        heading = Text(header.title, style="bold", no_wrap=True, overflow="ellipsis")
        heading.append(f"  {header.dates}")
        self.query_one("#header-title", Static).update(heading)
        state = Text("Filter: ", style="bold")
        state.append(header.filter or "none")
        state.append("  Zone: ", style="bold")
        state.append(header.zone)
        self.query_one("#header-state", Static).update(state)
