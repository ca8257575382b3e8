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

from tui.core.event_order import clamp
from tui.core.present.screenful import DayRow, Screenful


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
    screenful: reactive[Screenful | None] = reactive(None, init=False)
    draws = 0  # how often the rows were replaced (a test counts them)

    class Chosen(Message):
        """The user moved to a day."""

        def __init__(self, day: date) -> None:
            self.day = day
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[DayRow, ...] = ()

    # --- data in --------------------------------------------------------------------
    def watch_screenful(self, old: Screenful | None, new: Screenful | None) -> None:
        if new is None:
            return
        if old is None or old.days != new.days:
            self.draws += 1
            self.rows = new.days
            self.virtual_size = Size(0, len(new.days))
            self.refresh()
        self.move_to(new.day)

    def move_to(self, day: date | None) -> None:
        """Put the cursor on ``day`` without announcing it."""
        if day is None or not self.rows:
            return
        low, high = 0, len(self.rows)
        while low < high:  # rows are in date order
            middle = (low + high) // 2
            if self.rows[middle].day < day:
                low = middle + 1
            else:
                high = middle
        row = min(low, len(self.rows) - 1)
        if row != self.cursor:
            self.set_reactive(DayList.cursor, row)
            self._show_cursor()
            self.refresh()

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

    def watch_cursor(self) -> None:
        self._show_cursor()
        self.refresh()
        if self.rows:
            self.post_message(self.Chosen(self.rows[self.cursor].day))

    def _show_cursor(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    # --- input ----------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = clamp(self.cursor + step, 0, len(self.rows) - 1)

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
