"""The chosen day's events, in the day's order, drawn with Textual's line API.

Rows are laid out when they are painted, at the width the pane has then: the first frame
is already the final layout, no row is wider than the pane, and the time column is as wide
as this day's widest time, no wider.
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
from tui.ui.render import CHANGE_MARKS, STATUS_STYLE, status_text
from tui.ui.widgets.cursor_list import CursorList

ICC_WIDTH = len(ICC_MARK) + 1


class EventList(CursorList):
    """The rows; the cursor chooses an event (``Highlighted``), enter asks to edit or read it
    (``Selected``), each keyed by the event's id."""

    BINDINGS = [
        Binding("pageup", "move(-5)", "Page up", show=False),
        Binding("pagedown", "move(5)", "Page down", show=False),
        Binding("enter", "select_cursor", "Details", show=False),
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
        self._lines: list[tuple[int, int]] = []  # screen line -> (row, part: -1 heading, 0, 1)
        self._first_line: list[int] = []  # row -> its first line (its heading, if any)

    def show_rows(self, rows: tuple[EventRow, ...]) -> None:
        """Replace the rows (announces nothing; the cursor is placed by ``place_cursor``)."""
        self.rows = rows
        self._lines, self._first_line = [], []
        for n, row in enumerate(rows):
            self._first_line.append(len(self._lines))
            if row.heading:
                self._lines.append((n, -1))
            self._lines += [(n, 0), (n, 1)]
        self.virtual_size = Size(0, len(self._lines))
        self.set_reactive(EventList.cursor, clamp(self.cursor, 0, max(0, len(rows) - 1)))
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def key_at(self, row: int) -> str:
        return self.rows[row].id

    def row_region(self, row: int) -> Region:
        top = self._first_line[row]
        return Region(0, top, 1, 3 if self.rows[row].heading else 2)

    # --- drawing --------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if line >= len(self._lines):
            return Strip.blank(width, base)
        n, part = self._lines[line]
        row = self.rows[n]
        if part == -1:
            style = base + self.get_component_rich_style("event-list--heading")
            return Strip([Segment(row.heading, style)]).extend_cell_length(width, base)
        style = base
        if n == self.cursor:
            style = base + self.get_component_rich_style("event-list--cursor")
        time_width = min(max((len(r.time) for r in self.rows), default=0), max(5, width // 3))
        left = Text()
        if row.icc and part == 0:
            left.append(ICC_MARK, style="bold reverse")
        left.pad_right(ICC_WIDTH - left.cell_len)
        when = Text(row.time if part == 0 else "", style="bold" if part == 0 else "")
        when.truncate(time_width, overflow="ellipsis", pad=True)
        left.append_text(when).append(" ")
        room = max(0, width - left.cell_len)
        body = _title(row) if part == 0 else _facts(row)
        body.truncate(room, overflow="ellipsis")
        text = Text.assemble(left, body)
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in text.render(self.app.console)
        ]
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if 0 <= line < len(self._lines):
            n = self._lines[line][0]
            if n == self.cursor:
                self.action_select_cursor()
            self.move_cursor(n, announce=True)

    def on_resize(self) -> None:
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
