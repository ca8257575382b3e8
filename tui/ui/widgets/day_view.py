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
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from tui.core.event_order import clamp
from tui.core.present.details import ICC_MARK
from tui.core.present.screenful import EventRow, Screenful
from tui.core.present.state import SelectionKind
from tui.ui.render import CHANGE_MARKS, STATUS_STYLE, status_text

ICC_WIDTH = len(ICC_MARK) + 1


class EventList(ScrollView, can_focus=True):
    """The rows; the cursor chooses an event, enter asks for its details."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "move(-5)", "Page up", show=False),
        Binding("pagedown", "move(5)", "Page down", show=False),
        Binding("home", "move(-1000000)", "First event", show=False),
        Binding("end", "move(1000000)", "Last event", show=False),
        Binding("enter", "choose", "Details", show=False),
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

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Moved(Message):
        """The user moved the cursor onto an event."""

        def __init__(self, event_id: str) -> None:
            self.event_id = event_id
            super().__init__()

    class Chosen(Moved):
        """The user pressed enter (or clicked) on an event."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[EventRow, ...] = ()
        self._lines: list[tuple[int, int]] = []  # screen line -> (row, part: -1 heading, 0, 1)
        self._first_line: list[int] = []  # row -> its first line (its heading, if any)

    def show_rows(self, rows: tuple[EventRow, ...]) -> None:
        """Replace the rows (announces nothing; the cursor is placed by ``move_to``)."""
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

    def move_to(self, event_id: str) -> None:
        """Put the cursor on an event without announcing it."""
        ids = [row.id for row in self.rows]
        if event_id in ids and ids.index(event_id) != self.cursor:
            self.set_reactive(EventList.cursor, ids.index(event_id))
            self._show_cursor()
            self.refresh()

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

    def watch_cursor(self) -> None:
        self._show_cursor()
        self.refresh()
        if self.rows:
            self.post_message(self.Moved(self.rows[self.cursor].id))

    def _show_cursor(self) -> None:
        if self.rows:
            top = self._first_line[self.cursor]
            bottom = self._first_line[self.cursor] + (3 if self.rows[self.cursor].heading else 2)
            self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, immediate=True)

    # --- input ----------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = clamp(self.cursor + step, 0, len(self.rows) - 1)

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self.rows[self.cursor].id))

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if 0 <= line < len(self._lines):
            n = self._lines[line][0]
            if n == self.cursor:
                self.action_choose()
            self.cursor = n

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

    screenful: reactive[Screenful | None] = reactive(None, init=False)
    draws = 0  # how often the rows were replaced (a test counts them)

    def compose(self) -> ComposeResult:
        yield EventList(id="events-table")
        yield Static(id="day-empty")

    @property
    def table(self) -> EventList:
        return self.query_one(EventList)

    def watch_screenful(self, old: Screenful | None, new: Screenful | None) -> None:
        if new is None:
            return
        if old is None or (old.rows, old.empty_reason) != (new.rows, new.empty_reason):
            self.draws += 1
            with self.prevent(EventList.Moved):
                self.table.show_rows(new.rows)
            self.set_class(not new.rows, "-empty")
            self.query_one("#day-empty", Static).update(Text(new.empty_reason))
        self.border_title = new.day_title
        selection = new.selection
        if selection is not None and selection.kind is SelectionKind.EVENT:
            self.table.move_to(selection.key)
