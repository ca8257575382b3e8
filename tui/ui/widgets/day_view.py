"""The chosen day's events, in the day's order, drawn with Textual's line API.

Rows are laid out at the width the pane has (again on every resize): no row is wider than
the pane, and the time column is as wide as this day's widest time while the title keeps
``MIN_TITLE`` columns. A time wider than that wraps onto the row's next lines, broken at
spaces, so a time text and its "(zone)" note are never cut: the title gives way first.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import Static

from tui.core.event_order import clamp
from tui.core.present.details import ICC_MARK
from tui.core.present.screenful import DayListing, EventRow
from tui.core.text import cells, wrap_at_breaks
from tui.ui.render import CHANGE_MARKS, STATUS_STYLE, status_text
from tui.ui.widgets.cursor_list import CursorList

ICC_WIDTH = len(ICC_MARK) + 1
MIN_TITLE = 16  # the title's columns before the time column stops growing and wraps


class EventList(CursorList):
    """The rows; the cursor chooses an event (``Highlighted``), enter asks to edit or read it
    (``Selected``), each keyed by the event's id."""

    BINDINGS = [
        Binding("pageup", "move(-5)", "Page up", show=False),
        Binding("pagedown", "move(5)", "Page down", show=False),
        Binding("enter", "select_cursor", "Edit the event (read it when read-only)", show=False),
    ]
    COMPONENT_CLASSES = {"event-list--cursor", "event-list--heading"}
    DEFAULT_CSS = """
    EventList { overflow-x: hidden; }
    EventList > .event-list--cursor { background: $block-cursor-blurred-background; }
    EventList:focus > .event-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    EventList > .event-list--heading { color: $text-muted; text-style: bold italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[EventRow, ...] = ()
        # screen line -> (row, part: -1 heading, 0 title, 1 facts, 2... the time's rest)
        self._lines: list[tuple[int, int]] = []
        self._first_line: list[int] = []  # row -> its first line (its heading, if any)
        self._times: list[list[str]] = []  # row -> its time text in lines of the column
        self._time_width = 0
        self._laid_at = -1  # the width the lines were laid out for

    def show_rows(self, rows: tuple[EventRow, ...]) -> None:
        """Replace the rows (announces nothing; the cursor is placed by ``place_cursor``)."""
        self.rows = rows
        self._lay_out(self._text_width())
        self.set_reactive(EventList.cursor, clamp(self.cursor, 0, max(0, len(self.rows) - 1)))
        self.refresh()
        # The new rows' extent holds from the next refresh: the cursor (placed next, maybe
        # on the same number) is scrolled into view then.
        self.call_after_refresh(self.show_cursor)

    def _lay_out(self, width: int) -> None:
        """The lines of every row at ``width``: a time too wide for its column wraps."""
        widest = max((cells(r.time) for r in self.rows), default=0)
        room = max(5, width // 3, width - ICC_WIDTH - 1 - MIN_TITLE)
        self._time_width = min(widest, room)
        self._times = [wrap_at_breaks(r.time, self._time_width) for r in self.rows]
        self._lines, self._first_line = [], []
        for n, row in enumerate(self.rows):
            self._first_line.append(len(self._lines))
            if row.heading:
                self._lines.append((n, -1))
            self._lines += [(n, part) for part in range(max(2, len(self._times[n])))]
        self._laid_at = width
        self.virtual_size = Size(0, len(self._lines))

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def key_at(self, row: int) -> str:
        return self.rows[row].id

    def row_region(self, row: int) -> Region:
        top = self._first_line[row]
        end = self._first_line[row + 1] if row + 1 < len(self._first_line) else len(self._lines)
        return Region(0, top, 1, end - top)

    # --- drawing --------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        full = self.scrollable_content_region.width
        width = self._text_width()
        if width != self._laid_at:  # a scrollbar came or went since the rows were laid out
            self._lay_out(width)
        base = self.rich_style
        if line >= len(self._lines):
            return Strip.blank(full, base)
        n, part = self._lines[line]
        row = self.rows[n]
        if part == -1:
            style = base + self.get_component_rich_style("event-list--heading")
            return Strip([Segment(row.heading, style)]).extend_cell_length(full, base)
        style = base
        if n == self.cursor:
            style = base + self.get_component_rich_style("event-list--cursor")
        left = Text()
        if row.icc and part == 0:
            left.append(ICC_MARK, style="bold reverse")
        left.pad_right(ICC_WIDTH - left.cell_len)
        time_lines = self._times[n]
        when = Text(time_lines[part] if part < len(time_lines) else "", style="bold")
        when.truncate(self._time_width, overflow="fold", pad=True)
        left.append_text(when).append(" ")
        room = max(0, width - left.cell_len)
        body = _title(row) if part == 0 else _facts(row) if part == 1 else Text()
        body.truncate(room, overflow="ellipsis")
        text = Text.assemble(left, body)
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in text.render(self.app.console)
        ]
        return (
            Strip(segments)
            .extend_cell_length(width, style)
            .crop(0, width)
            .extend_cell_length(full, base)
        )

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if 0 <= line < len(self._lines):
            n = self._lines[line][0]
            if n == self.cursor:
                self.action_select_cursor()
            self.move_cursor(n, announce=True)

    def _text_width(self) -> int:
        """The rows' width: the pane's, less a column of gap before a scrollbar."""
        full = self.scrollable_content_region.width
        return full - 1 if self.show_vertical_scrollbar else full

    def on_resize(self) -> None:
        width = self._text_width()
        if width != self._laid_at:
            self._lay_out(width)
            if self.cursor < len(self.rows):
                self.show_cursor()
        else:
            self.virtual_size = Size(0, len(self._lines))


def _title(row: EventRow) -> Text:
    title = Text()
    if row.mark:  # changed since the version last seen: say how, before the title
        title.append(f"{CHANGE_MARKS.get(row.mark, '*')} {row.mark}", style="bold reverse")
        title.append(" ")
    return title.append(row.title, style=STATUS_STYLE[row.status])


def _facts(row: EventRow) -> Text:
    facts = Text(f"{row.kind} · ", style="dim")
    facts.append_text(status_text(row.status))
    if row.countries:
        facts.append(f" · {row.countries}", style="dim")
    return facts


class DayView(Vertical):
    """The day's events, or a sentence saying why there are none."""

    ALLOW_MAXIMIZE = True

    # The screen's slices, assigned in one place (the listing first, then the selection).
    listing: reactive[DayListing | None] = reactive(None, repaint=False, init=False)
    selected: reactive[str | None] = reactive(None, repaint=False, init=False)  # an event id
    draws = 0  # how often the rows were replaced (a test counts them)

    def compose(self) -> ComposeResult:
        yield EventList(id="events-table")
        yield Static(id="day-empty")

    @property
    def table(self) -> EventList:
        return self.query_one(EventList)

    def watch_listing(self, listing: DayListing | None) -> None:
        if listing is None:
            return
        self.draws += 1
        self.table.show_rows(listing.rows)
        self.set_class(not listing.rows, "-empty")
        self.query_one("#day-empty", Static).update(Text(listing.empty_reason))
        self.watch_selected()  # the selected event's row may have moved

    def watch_selected(self) -> None:
        if self.selected is not None:
            self.table.place_cursor(self.selected)
