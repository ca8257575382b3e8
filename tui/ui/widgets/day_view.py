"""The chosen day's events, as the presenter orders them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from tui.core.present import EventRow, Screenful, SelectionKind
from tui.ui.render import event_summary, icc_cell

ICC_WIDTH = 5


class EventTable(DataTable[Text]):
    """The rows of the day view; j/k move like the arrows."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class DayView(Vertical):
    """A table of the day's events, or a sentence saying why there are none."""

    ALLOW_MAXIMIZE = True  # `m` on the table fills the screen with the whole day view

    class EventHighlighted(Message):
        """The user moved the cursor onto an event."""

        def __init__(self, event_id: str) -> None:
            self.event_id = event_id
            super().__init__()

    screenful: reactive[Screenful | None] = reactive(None, init=False)
    draws = 0  # how often the rows were redrawn (a test counts them)

    def compose(self) -> ComposeResult:
        table = EventTable(cursor_type="row", zebra_stripes=True, id="events-table")
        table.add_column("", key="icc", width=ICC_WIDTH)
        table.add_column("Time", key="time")
        # Title over kind, status and countries: two lines fit a narrow terminal.
        table.add_column("Event", key="event")
        yield table
        yield Static(id="day-empty")

    @property
    def table(self) -> EventTable:
        return self.query_one(EventTable)

    def watch_screenful(self, old: Screenful | None, new: Screenful | None) -> None:
        if new is None:
            return
        if old is None or (old.rows, old.empty_reason) != (new.rows, new.empty_reason):
            self.draw(new.rows, new.empty_reason)
        self.border_title = new.day_title
        self.follow_selection(new)

    def draw(self, rows: tuple[EventRow, ...], empty_reason: str) -> None:
        """Fill the table; refilling announces nothing, only the user's moves do."""
        self.draws += 1
        table = self.table
        times = [Text(row.time) for row in rows]
        # The event column takes what is left, so no row needs sideways scrolling.
        time_width = max((t.cell_len for t in times), default=4)
        width = max(16, self.size.width - ICC_WIDTH - time_width - 10)
        with self.prevent(DataTable.RowHighlighted):
            table.clear()
            for row, when in zip(rows, times, strict=True):
                table.add_row(icc_cell(row), when, event_summary(row, width), key=row.id, height=2)
        self.set_class(not rows, "-empty")
        self.query_one("#day-empty", Static).update(Text(empty_reason))

    def follow_selection(self, screenful: Screenful) -> None:
        """Put the cursor on the selected event, without announcing it."""
        selection = screenful.selection
        if selection is None or selection.kind is not SelectionKind.EVENT:
            return
        ids = [row.id for row in screenful.rows]
        if selection.key in ids and self.table.cursor_row != ids.index(selection.key):
            with self.prevent(DataTable.RowHighlighted):
                self.table.move_cursor(row=ids.index(selection.key))

    def on_resize(self) -> None:
        if self.screenful is not None:
            self.draw(self.screenful.rows, self.screenful.empty_reason)
            self.follow_selection(self.screenful)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.EventHighlighted(event.row_key.value))
