"""The top line: calendar title and date range, then the active filter and display zone."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.present.header_fit import GAP, badges, fit_header
from tui.core.present.screenful import Header


class CalendarHeader(Widget):
    """What is shown and how. Fitted to the width at render time, so even the first frame
    keeps the filter and zone whole; the title gives way first, then the dates."""

    DEFAULT_CSS = "CalendarHeader { height: 1; }"

    header: reactive[Header | None] = reactive(None, init=False)  # repaints when it changes
    draws = 0

    def watch_header(self) -> None:
        self.draws += 1

    def render(self) -> Text:
        if self.header is None:
            return Text()
        header = fit_header(self.header, self.content_size.width)
        left = Text(header.title, style="bold")
        if header.dates:
            left.append(" " * GAP + header.dates)
        right = Text("Filter: ", style="bold").append(header.filter or "none")
        right.append("  Zone: ", style="bold").append(header.zone)
        if header.outside:
            right.append("  ").append(header.outside, style="italic")
        if header.published:
            right.append("  ").append(header.published, style="dim")
        extra = badges(header)
        if extra:
            right.append("  ").append(extra, style="bold reverse")
        gap = max(GAP, self.content_size.width - left.cell_len - right.cell_len)
        return Text.assemble(left, " " * gap, right, no_wrap=True, overflow="crop")
