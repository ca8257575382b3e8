"""The month at a glance: weeks as rows, each day with its count of matching events.

The screen assigns ``grid`` (``tui.core.views.month.month_grid`` for the filter) and the
cursor's day; the lines come from ``tui.core.present.month_layout``, so this widget only
styles them: the cursor's cell reversed, days of the next or last month dim, today bold.
Arrows move the cursor a day or a week, ``[``/``]`` a month; a cursor that leaves the
grid's month asks for that month's grid with ``MonthRequested``; enter on a day with events
posts ``Selected`` (on one without, a notice says so); escape goes back to the day view.
"""

from __future__ import annotations

import calendar as weeks_of
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.present.month_layout import layout_month
from tui.core.text import cells
from tui.core.views.month import MonthGrid, shift_month
from tui.core.views.time_words import day_heading


class MonthView(Widget, can_focus=True):
    """A month grid with a day cursor."""

    BINDINGS = [
        Binding("left,h", "move(-1)", "Previous day", show=False),
        Binding("right,l", "move(1)", "Next day", show=False),
        Binding("up,k", "move(-7)", "Previous week", show=False),
        Binding("down,j", "move(7)", "Next week", show=False),
        # The footer shows these four, in this order (the screen's keys after them):
        # short enough that all four fit at 80 columns beside `? Help` and `q Quit`.
        Binding("enter", "open", "Open day"),
        Binding("left_square_bracket", "month(-1)", "Previous month"),
        Binding("right_square_bracket", "month(1)", "Next month"),
        Binding("escape", "screen.toggle_view('month')", "Day view"),
    ]
    COMPONENT_CLASSES = {"month-view--cursor", "month-view--other-month", "month-view--today"}
    DEFAULT_CSS = """
    MonthView { height: auto; min-height: 14; }
    MonthView > .month-view--cursor { background: $block-cursor-blurred-background; }
    MonthView:focus > .month-view--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    MonthView > .month-view--other-month { color: $text-muted; }
    MonthView > .month-view--today { text-style: bold; }
    """

    grid: reactive[MonthGrid | None] = reactive(None)
    cursor: reactive[date | None] = reactive(None)

    class Highlighted(Message):
        """The cursor moved to a day."""

        def __init__(self, month_view: MonthView, day: date) -> None:
            self.month_view = month_view
            self.day = day
            super().__init__()

        @property
        def control(self) -> MonthView:
            return self.month_view

    class Selected(Highlighted):
        """Enter on a day with events: open it."""

        @property
        def key(self) -> str:
            """No event: the day opens on its first (as the whole visit's messages name one)."""
            return ""

    class MonthRequested(Message):
        """The cursor left the grid's month: the screen should assign that month's grid."""

        def __init__(self, month_view: MonthView, year: int, month: int) -> None:
            self.month_view = month_view
            self.year = year
            self.month = month
            super().__init__()

        @property
        def control(self) -> MonthView:
            return self.month_view

    def render(self) -> Text:
        grid = self.grid
        if grid is None:
            return Text("")
        layout = layout_month(grid, self.size.width, self.size.height)
        text = Text("\n".join(layout.lines), no_wrap=True, overflow="crop")
        starts = [0]
        for line in layout.lines:
            starts.append(starts[-1] + len(line) + 1)
        today = next((d.day for week in grid.weeks for d in week if d.today), None)
        for day, (top, column) in layout.places.items():
            style = Style()
            if day not in layout.in_month:
                style += self.get_component_rich_style("month-view--other-month")
            if day == today:
                style += self.get_component_rich_style("month-view--today")
            if day == self.cursor:
                style += self.get_component_rich_style("month-view--cursor")
            for row in range(top, top + layout.tall):
                line = layout.lines[row]
                begin = starts[row] + _offset(line, column)
                end = starts[row] + _offset(line, column + layout.cell)
                if begin < end and style:
                    text.stylize(style, begin, end)
        return text

    def action_move(self, days: int) -> None:
        if self.cursor is not None:
            self._go(self.cursor + timedelta(days=days))

    def action_month(self, step: int) -> None:
        if self.grid is None:
            return
        year, month = shift_month(self.grid.year, self.grid.month, step)
        day = self.cursor.day if self.cursor else 1
        self._go(date(year, month, min(day, weeks_of.monthrange(year, month)[1])))

    def action_open(self) -> None:
        grid, day = self.grid, self.cursor
        if grid is None or day is None:
            return
        cell = grid.cell(day)
        if cell is not None and cell.count:
            self.post_message(self.Selected(self, day))
        else:
            self.notify(f"No events on {day_heading(day)} match the filter.", markup=False)

    def _go(self, day: date) -> None:
        self.cursor = day
        self.post_message(self.Highlighted(self, day))
        grid = self.grid
        if grid is not None and (day.year, day.month) != (grid.year, grid.month):
            self.post_message(self.MonthRequested(self, day.year, day.month))


def _offset(line: str, column: int) -> int:
    """The index in ``line`` of the character at terminal column ``column`` (a title may
    hold characters two columns wide); the line's length past its end."""
    if len(line) == cells(line):
        return min(column, len(line))
    used = 0
    for index, character in enumerate(line):
        if used >= column:
            return index
        used += cells(character)
    return len(line)
