"""The whole visit at once: every day's events in one scrolling list, one line each.

Line API, like ``DayList``: an archive of thousands of events is only drawn where it is on
screen. The core (``agenda_screen``) decides every word; this widget styles the rows and
moves a cursor over the events, starting on the one under way or next.
"""

from __future__ import annotations

import textwrap
from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip

from tui.core.model import Status
from tui.core.text import cells, shorten
from tui.core.views.agenda_text import ICC_MARK
from tui.core.views.whole_visit import AgendaRow, AgendaScreen, Now, RowKind
from tui.ui.widgets.cursor_list import CursorList

STATUS_STYLE = {
    Status.CONFIRMED: Style(),
    Status.TENTATIVE: Style(italic=True),
    Status.CANCELLED: Style(strike=True, dim=True),
}
PLAIN = Style()
NOW_MARKS = {Now.UNDER_WAY: "now ▶", Now.NEXT: "next ▶"}
MARK_WIDTH = 7
NARROW_BELOW = 70  # columns: narrower, an event's title goes on a line of its own


class AgendaView(CursorList):
    """Days, their events in the day's order, the current one marked; enter shows one.

    The cursor is on the events only: ``cursor`` counts events, ``cursor_row`` is its row."""

    BINDINGS = [
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("enter", "select_cursor", "Show in the day view"),
    ]
    COMPONENT_CLASSES = {
        "agenda-view--day",
        "agenda-view--section",
        "agenda-view--time",
        "agenda-view--icc",
        "agenda-view--who",
        "agenda-view--now",
        "agenda-view--flag",
        "agenda-view--cursor",
    }
    DEFAULT_CSS = """
    AgendaView { overflow-x: hidden; }
    AgendaView > .agenda-view--day { text-style: bold underline; color: $accent; }
    AgendaView > .agenda-view--section { text-style: italic; color: $text-muted; }
    AgendaView > .agenda-view--time { color: $text-muted; }
    AgendaView > .agenda-view--icc { color: $warning; text-style: bold; }
    AgendaView > .agenda-view--who { color: $text-muted; }
    AgendaView > .agenda-view--now { color: $success; text-style: bold; }
    AgendaView > .agenda-view--flag { color: $error; text-style: bold; }
    AgendaView > .agenda-view--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    agenda: reactive[AgendaScreen | None] = reactive(None, init=False)

    class Selected(CursorList.Selected):
        """The user pressed enter on an event: show it in ``day``, the day it is listed under."""

        def __init__(self, agenda_view: AgendaView, key: str, day: date) -> None:
            self.day = day
            super().__init__(agenda_view, key)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._events: list[int] = []  # the rows that are events
        # Screen line -> (agenda row, part): -1 for the zone line's lines (part: which),
        # part 0 a row's line, 1 an event's title line when the pane is narrow.
        self._lines: list[tuple[int, int]] = []
        self._first_line: dict[int, int] = {}  # agenda row -> its first line
        self._head: list[str] = [""]
        self._laid_out_at = -1

    # --- data in --------------------------------------------------------------------
    def watch_agenda(self, old: AgendaScreen | None, new: AgendaScreen | None) -> None:
        if old is not None and new is not None and old.rows == new.rows:
            self.refresh()  # only the now mark moved (the clock's tick): the cursor stays
            return
        rows = new.rows if new is not None else ()
        self._events = [n for n, row in enumerate(rows) if row.kind is RowKind.EVENT]
        start = new.highlight if new is not None and new.highlight is not None else None
        at = self._events.index(start) if start in self._events else 0
        self.set_reactive(AgendaView.cursor, at)
        self._lay_out()
        self.call_after_refresh(self.show_cursor)
        self.refresh()

    def on_resize(self) -> None:
        self._lay_out()

    @property
    def narrow(self) -> bool:
        """Too narrow for time, marks and title on one line: the title gets a line of its own."""
        return self.scrollable_content_region.width < NARROW_BELOW

    def _lay_out(self) -> None:
        agenda, width = self.agenda, self.scrollable_content_region.width
        self._laid_out_at = width
        self._head = self._head_lines(width)
        self._lines = [(-1, n) for n in range(len(self._head))]
        self._first_line = {}
        for n, row in enumerate(agenda.rows if agenda is not None else ()):
            self._first_line[n] = len(self._lines)
            if row.kind is not RowKind.EVENT or not self.narrow:
                self._lines.append((n, 0))
                continue
            if row.time.strip() or row.icc or row.flag:  # else the line would be blank
                self._lines.append((n, 0))
            self._lines.append((n, 1))
        self._first_line[len(self._first_line)] = len(self._lines)  # where the rows end
        self.virtual_size = Size(0, len(self._lines))

    def _head_lines(self, width: int) -> list[str]:
        """The zone line, wrapped to the width: every zone it names is read whole."""
        agenda = self.agenda
        if agenda is None:
            return [""]
        text = agenda.zone_line or agenda.empty_reason
        return textwrap.wrap(text, max(10, width), break_on_hyphens=False) or [""]

    @property
    def row_count(self) -> int:
        return len(self._events)

    def key_at(self, row: int) -> str:
        assert self.agenda is not None  # there are rows
        return self.agenda.rows[self._events[row]].event_id

    @property
    def cursor_row(self) -> int:
        """The agenda row the cursor is on (0 when there are no events)."""
        return self._events[self.cursor] if self._events else 0

    # --- drawing --------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        agenda = self.agenda
        if width != self._laid_out_at:
            self._lay_out()
        line = self.scroll_offset.y + y
        if agenda is None or line >= len(self._lines):
            return Strip.blank(width, base)
        index, part = self._lines[line]
        if index < 0:
            text = self._head[part]
            return Strip([Segment(text, base + self._style("section"))]).crop_extend(0, width, base)
        row = agenda.rows[index]
        if row.kind is RowKind.DAY:
            segments = [Segment(row.text, base + self._style("day"))]
        elif row.kind is RowKind.SECTION:
            lead = " " * _mark_width(agenda)
            segments = [Segment(f"{lead}{row.text}:", base + self._style("section"))]
        else:
            segments = self._event_segments(agenda, index, row, base, width, part)
        return Strip(segments).crop_extend(0, width, base)

    def _event_segments(
        self, agenda: AgendaScreen, index: int, row: AgendaRow, base: Style, width: int, part: int
    ) -> list[Segment]:
        cursor = self._style("cursor") if index == self.cursor_row else Style()

        def styled(part: Style = PLAIN) -> Style:
            return base + part + cursor  # the cursor last, over the parts' colours

        now = NOW_MARKS[agenda.now] if index == agenda.highlight and agenda.now else ""
        icc = ICC_MARK if row.icc else " " * len(ICC_MARK)
        lead = [
            Segment(f"{now:>{_mark_width(agenda) - 1}} ", styled(self._style("now"))),
            Segment(row.time + " " * (agenda.time_width - cells(row.time) + 2), styled()),
            Segment(icc + "  ", styled(self._style("icc"))),
        ]
        if self.narrow:  # the title and names on the next line, from the time's column
            if part == 0:
                return lead
            lead = [Segment(" " * (_mark_width(agenda) + 2), styled())]
        if row.flag:  # in words, whole, before the title that may be cut
            lead.append(Segment(f"{row.flag}: ", styled(self._style("flag"))))
        used = sum(segment.cell_length for segment in lead)
        # The title first; the names get what is left.
        title = shorten(row.text, max(8, width - used))
        room = max(0, width - used - cells(title))
        who = shorten(f" · {row.who}", room) if row.who and room > 4 else ""
        return [
            *lead,
            Segment(title, styled(STATUS_STYLE[row.status])),
            Segment(who, styled(self._style("who"))),
        ]

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"agenda-view--{name}")

    def show_cursor(self) -> None:
        # The row's lines, and the day's heading above its first event.
        row = self.cursor_row
        if self.agenda is None or not self._events or row + 1 not in self._first_line:
            return
        first, last = self._first_line[row], self._first_line[row + 1]
        heading = row - 1
        if heading >= 0 and self.agenda.rows[heading].kind is RowKind.DAY:
            first = self._first_line[heading]
        if self._events and row == self._events[0]:
            first = 0  # the first event: the zone line above it too
        self.scroll_to_region(Region(0, first, 1, last - first), animate=False)

    def reveal(self, event_id: str, day: date) -> None:
        """Put the cursor on ``event_id`` as listed under ``day``, scrolled into view."""
        rows = self.agenda.rows if self.agenda is not None else ()
        for place, row in enumerate(self._events):
            if rows[row].event_id == event_id and rows[row].day == day:
                self.move_cursor(place, announce=False)
                self.show_cursor()
                return

    # --- input ----------------------------------------------------------------------
    def action_select_cursor(self) -> None:
        if self.agenda is not None and self._events:
            row = self.agenda.rows[self.cursor_row]
            self.post_message(self.Selected(self, row.event_id, row.day))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = self.scroll_offset.y + offset.y
        index = self._lines[line][0] if 0 <= line < len(self._lines) else -1
        if index in self._events:
            self.move_cursor(self._events.index(index), announce=True)


def _mark_width(agenda: AgendaScreen) -> int:
    """The column for 'now ▶'/'next ▶', only while the visit is on (it has a mark to show)."""
    return MARK_WIDTH if agenda.now is not None else 1
