"""The chosen day's events in time order, all-day events first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from tui.core.model import Event
from tui.core.timefmt import time_range
from tui.ui.render import ICC_MARK, status_text, title_text

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
        """The cursor is on an event."""

        def __init__(self, event_id: str) -> None:
            self.event_id = event_id
            super().__init__()

    _shown: tuple[Any, ...] | None = None

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

    def show_events(
        self,
        day: date | None,
        events: Sequence[Event],
        zone_of: Callable[[Event], tzinfo],
        countries_of: Callable[[Event], str],
        marked: Callable[[Event], bool],
        empty_reason: str,
    ) -> None:
        """Fill the table, keeping the cursor on the same event where it is still shown.

        When ``events`` is empty, ``empty_reason`` is shown instead. Refilling announces
        nothing: only the user's own moves post ``EventHighlighted``.
        """
        self._shown = (day, events, zone_of, countries_of, marked, empty_reason)
        table = self.table
        current = self.current_event_id()
        ids = [event.id for event in events]
        times = [Text(time_range(event, zone_of(event), day)) for event in events]
        # The event column takes what is left, so no row needs sideways scrolling.
        time_width = max((t.cell_len for t in times), default=4)
        width = max(16, self.size.width - ICC_WIDTH - time_width - 10)
        with self.prevent(DataTable.RowHighlighted):
            table.clear()
            for event, when in zip(events, times, strict=True):
                table.add_row(
                    Text(ICC_MARK if marked(event) else "", style="bold reverse"),
                    when,
                    self._summary(event, countries_of(event), width),
                    key=event.id,
                    height=2,
                )
            if events:
                table.move_cursor(row=ids.index(current) if current in ids else 0)
        self.set_class(not events, "-empty")
        self.query_one("#day-empty", Static).update(Text(empty_reason))

    @staticmethod
    def _summary(event: Event, countries: str, width: int) -> Text:
        title = title_text(event)
        title.truncate(width, overflow="ellipsis")
        details = Text(f"{event.kind.value} · ", style="dim")
        details.append_text(status_text(event))
        details.append(f" · {countries}", style="dim")
        details.truncate(width, overflow="ellipsis")
        return Text("\n").join([title, details])

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show_events(*self._shown)

    def current_event_id(self) -> str | None:
        """The id of the event under the cursor, if any."""
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return key.value

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.EventHighlighted(event.row_key.value))
