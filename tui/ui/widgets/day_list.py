"""The days of the calendar, each with how many events match the filter.

A year of summits has hundreds of days and an archive thousands, and every filter key press
changes every count. So this list keeps plain (day, count) pairs and draws only the rows
on screen (Textual's line API), instead of rebuilding a widget per day.
"""

from __future__ import annotations

from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from tui.core.present.screenful import DayRow
from tui.ui.widgets.cursor_list import CursorList


class DayList(CursorList):
    """One row per day: matching events and the date. Moving the cursor chooses a day
    (``Highlighted``, keyed by the ISO date)."""

    BINDINGS = [
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
    ]
    COMPONENT_CLASSES = {"day-list--cursor", "day-list--empty"}
    DEFAULT_CSS = """
    DayList { overflow-x: hidden; }
    DayList > .day-list--cursor { background: $block-cursor-blurred-background; }
    DayList:focus > .day-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    DayList > .day-list--empty { color: $text-muted; }
    """

    # The screen's slices, assigned in one place (rows first, then the day the state is on).
    rows: reactive[tuple[DayRow, ...]] = reactive((), repaint=False, init=False)
    day: reactive[date | None] = reactive(None, repaint=False, init=False)
    draws = 0  # how often the rows were replaced (a test counts them)

    # --- data in --------------------------------------------------------------------
    def watch_rows(self) -> None:
        self.draws += 1
        self.virtual_size = Size(0, len(self.rows))
        self.refresh()
        self.watch_day()  # the day's row may have moved

    def watch_day(self) -> None:
        """Put the cursor on the state's day without announcing it."""
        if self.day is None or not self.rows:
            return
        low, high = 0, len(self.rows)
        while low < high:  # rows are in date order
            middle = (low + high) // 2
            if self.rows[middle].day < self.day:
                low = middle + 1
            else:
                high = middle
        self.move_cursor(low, announce=False)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def key_at(self, row: int) -> str:
        return self.rows[row].day.isoformat()

    # --- drawing --------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if row >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        count = self.rows[row].count
        base = self.rich_style
        if row == self.cursor:
            style = base + self.get_component_rich_style("day-list--cursor")
            count_style = style
        else:
            style = base
            count_style = base + (
                self.get_component_rich_style("day-list--empty") if not count else Style(bold=True)
            )
        segments = [Segment(f"{count:>5} ", count_style), Segment(self.rows[row].label, style)]
        if self.rows[row].changed:  # events that changed since the version last seen
            segments.append(Segment(" ✎", style + Style(bold=True)))
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self.rows):
            self.move_cursor(row, announce=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self.rows))
