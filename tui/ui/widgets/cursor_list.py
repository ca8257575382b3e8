"""The base of the line-API lists with a row cursor: the days, the day's events, the whole visit.

One cursor, one way to move it, and Textual's vocabulary for what happened (as ``DataTable``
and ``OptionList`` say it): ``Highlighted`` when the user moves the cursor onto a row,
``Selected`` when they press enter on one, each with the list as ``control`` so a screen routes
them with ``@on(CursorList.Highlighted, "#days")``.

The cursor echo is guarded one way: only the user's moves (keys, clicks) announce anything.
When the screen puts the cursor on the row its state names (``place_cursor``), nothing is
posted, so a state change never comes back up as a message.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView

from tui.core.event_order import clamp


class CursorList(ScrollView, can_focus=True):
    """Rows keyed by a string; a cursor on one of them. Subclasses draw the rows and say
    how many there are, which key each has and which lines each takes."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]  # enter (select) is bound by the lists that act on it, with their own description

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Highlighted(Message):
        """The user moved the cursor onto a row."""

        def __init__(self, cursor_list: CursorList, key: str) -> None:
            self.cursor_list = cursor_list
            self.key = key
            super().__init__()

        @property
        def control(self) -> CursorList:
            return self.cursor_list

    class Selected(Message):
        """The user pressed enter on (or clicked the cursor's) row."""

        def __init__(self, cursor_list: CursorList, key: str) -> None:
            self.cursor_list = cursor_list
            self.key = key
            super().__init__()

        @property
        def control(self) -> CursorList:
            return self.cursor_list

    # --- what a subclass gives ------------------------------------------------------------
    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def key_at(self, row: int) -> str:
        """The key of row ``row`` (0 <= row < row_count)."""
        raise NotImplementedError

    def row_region(self, row: int) -> Region:
        """The lines row ``row`` takes, to scroll into view."""
        return Region(0, row, 1, 1)

    # --- the cursor -----------------------------------------------------------------------
    def watch_cursor(self) -> None:
        self.show_cursor()
        self.refresh()

    def show_cursor(self) -> None:
        if self.row_count:
            self.scroll_to_region(self.row_region(self.cursor), animate=False, immediate=True)

    def move_cursor(self, row: int, *, announce: bool) -> None:
        """Put the cursor on ``row`` (kept within the rows); ``announce``: the user moved it."""
        if not self.row_count:
            return
        row = clamp(row, 0, self.row_count - 1)
        moved = row != self.cursor
        self.cursor = row  # the watcher scrolls and repaints, when it changed
        if announce and moved:
            self.post_message(self.Highlighted(self, self.key_at(row)))

    def place_cursor(self, key: str) -> None:
        """Put the cursor on the row keyed ``key``, announcing nothing (the state's echo)."""
        row = self.row_of(key)
        if row is not None:
            self.move_cursor(row, announce=False)

    def row_of(self, key: str) -> int | None:
        """The row keyed ``key``, if any."""
        return next((n for n in range(self.row_count) if self.key_at(n) == key), None)

    def on_focus(self) -> None:
        # The row the keys now act on is the one selected: d after tab acts on the event
        # highlighted here, not on a participant chosen in another pane before.
        if self.row_count:
            self.post_message(self.Highlighted(self, self.key_at(self.cursor)))

    # --- input ----------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor + step, announce=True)

    def action_first(self) -> None:
        self.move_cursor(0, announce=True)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1, announce=True)

    def action_select_cursor(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.key_at(self.cursor)))
