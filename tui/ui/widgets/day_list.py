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
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.timefmt import short_day


class DayList(ScrollView, can_focus=True):
    """One row per day: matching events and the date. Moving the cursor chooses a day."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("home", "first", "First day", show=False),
        Binding("end", "last", "Last day", show=False),
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

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Chosen(Message):
        """The user moved to a day."""

        def __init__(self, day: date) -> None:
            self.day = day
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[date, int]] = []
        self._labels: dict[date, str] = {}

    # --- data in --------------------------------------------------------------------
    def show_days(self, counts: list[tuple[date, int]], current: date | None) -> None:
        """Replace the rows, keeping the cursor on ``current``; announces nothing."""
        self.rows = counts
        self.virtual_size = Size(0, len(counts))
        self.move_to(current)
        self.refresh()

    def move_to(self, day: date | None) -> None:
        """Put the cursor on ``day`` without announcing it."""
        if day is None or not self.rows:
            return
        low, high = 0, len(self.rows)
        while low < high:  # rows are in date order
            middle = (low + high) // 2
            if self.rows[middle][0] < day:
                low = middle + 1
            else:
                high = middle
        self.set_reactive(DayList.cursor, min(low, len(self.rows) - 1))
        self._show_cursor()

    # --- drawing --------------------------------------------------------------------
    def _label(self, day: date) -> str:
        label = self._labels.get(day)
        if label is None:
            label = self._labels[day] = short_day(day)
        return label

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if row >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        day, count = self.rows[row]
        base = self.rich_style
        if row == self.cursor:
            style = base + self.get_component_rich_style("day-list--cursor")
            count_style = style
        else:
            style = base
            count_style = base + (
                self.get_component_rich_style("day-list--empty") if not count else Style(bold=True)
            )
        segments = [Segment(f"{count:>5} ", count_style), Segment(self._label(day), style)]
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def watch_cursor(self) -> None:
        self._show_cursor()
        self.refresh()
        if self.rows:
            self.post_message(self.Chosen(self.rows[self.cursor][0]))

    def _show_cursor(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    # --- input ----------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self.rows):
            self.cursor = row

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self.rows))
