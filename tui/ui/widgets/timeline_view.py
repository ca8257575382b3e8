"""The day as a timeline: one lane per participant or venue, blocks along a time axis.

Drawn with Textual's line API: the core lays the timeline out for the widget's actual width
(``paint_timeline``) and spells out only the rows on screen (``row_runs``); this widget
styles those runs and moves a cursor. A key press that moves the cursor repaints the
visible lines from cached rows, so a day of 1,000 events in 200 lanes stays quick. The axis
rows stay at the top while the lanes scroll under them.

textual-canvas was considered: it colours half-cell "pixels" and has no text in them, so
titles inside blocks, click targets and the semantic roles would all be ours to write on
top of it. The line API gives all of that directly.
"""

from __future__ import annotations

from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.model import Status
from tui.core.views.now import now_column
from tui.core.views.timeline import (
    LaneKind,
    Shape,
    Timeline,
    block_in,
    lanes_of,
    step_in_lane,
    step_lane,
)
from tui.core.views.timeline_cells import WHOLE, ZOOM_HOURS, Painting, Role, Row, Run, Window
from tui.core.views.timeline_layout import (
    GRID,
    RULE,
    RULE_TICK,
    hit,
    paint_timeline,
    row_of,
    row_runs,
    zoom_window,
)

Cursor = tuple[int, str]  # (lane, event id)
STATUS_STYLE = {
    Status.CONFIRMED: Style(),
    Status.TENTATIVE: Style(italic=True),
    Status.CANCELLED: Style(strike=True, dim=True),
}


class TimelineView(ScrollView, can_focus=True):
    """A day's timeline. Left/right move between blocks of a lane, up/down between lanes,
    +/- zoom the axis, enter shows the event."""

    BINDINGS = [
        Binding("left,h", "step(-1)", "Earlier", show=False),
        Binding("right,l", "step(1)", "Later", show=False),
        Binding("up,k", "lane(-1)", "Lane up", show=False),
        Binding("down,j", "lane(1)", "Lane down", show=False),
        Binding("plus,equals_sign", "zoom(1)", "Zoom in"),
        Binding("minus", "zoom(-1)", "Zoom out"),
        Binding("enter", "select_cursor", "Show event", show=False),
    ]
    COMPONENT_CLASSES = {f"timeline-view--{role.value}" for role in Role} | {
        "timeline-view--cursor",
        "timeline-view--stripe",
        "timeline-view--now",
    }
    DEFAULT_CSS = """
    TimelineView { overflow-x: hidden; }
    TimelineView > .timeline-view--label { text-style: bold; }
    TimelineView > .timeline-view--zone { color: $accent; text-style: bold; }
    TimelineView > .timeline-view--axis { color: $text; text-style: bold; }
    TimelineView > .timeline-view--zone2 { color: $text-muted; text-style: italic; }
    TimelineView > .timeline-view--axis2 { color: $text-muted; }
    TimelineView > .timeline-view--rule, TimelineView > .timeline-view--grid {
        color: $text-disabled;
    }
    TimelineView > .timeline-view--heading { color: $text-muted; text-style: italic; }
    TimelineView > .timeline-view--body { background: $primary-darken-1; color: $text; }
    TimelineView > .timeline-view--edge, TimelineView > .timeline-view--fade {
        color: $primary-darken-1;
    }
    TimelineView > .timeline-view--hatch { color: $secondary; }
    TimelineView > .timeline-view--vague {
        background: $secondary 15%;
        color: $text;
        text-style: italic;
    }
    TimelineView > .timeline-view--loose { color: $text; }
    TimelineView > .timeline-view--report { color: $warning; text-style: bold; }
    TimelineView > .timeline-view--chip { background: $boost; color: $text; }
    TimelineView > .timeline-view--overlap { background: $error; color: $text; text-style: bold; }
    TimelineView > .timeline-view--icc { color: $warning; text-style: bold; }
    TimelineView > .timeline-view--mark { color: $success; text-style: bold; }
    TimelineView > .timeline-view--stripe { background: $boost; }
    TimelineView > .timeline-view--now { color: $error; text-style: bold; }
    TimelineView > .timeline-view--cursor {
        background: $foreground;
        color: $background;
        text-style: bold;
    }
    """

    timeline: reactive[Timeline | None] = reactive(None, init=False)
    # The event the screen's state has selected: the cursor goes to it, announcing nothing.
    selected: reactive[str | None] = reactive(None, init=False)
    # The present instant: a line down the axis at its column when it lies on the day shown.
    now: reactive[datetime | None] = reactive(None, init=False)
    paints = 0  # how often the layout was recomputed (a test counts them)

    class Highlighted(Message):
        """The user moved the cursor onto an event (Textual's vocabulary, as ``CursorList``)."""

        def __init__(self, timeline_view: TimelineView, event_id: str) -> None:
            self.timeline_view = timeline_view
            self.event_id = event_id
            super().__init__()

        @property
        def control(self) -> TimelineView:
            return self.timeline_view

    class Selected(Message):
        """The user pressed enter on an event."""

        def __init__(self, timeline_view: TimelineView, event_id: str) -> None:
            self.timeline_view = timeline_view
            self.event_id = event_id
            super().__init__()

        @property
        def control(self) -> TimelineView:
            return self.timeline_view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor: Cursor | None = None
        self.zoom = 0
        self.window: Window = WHOLE
        self._painting: Painting | None = None
        self._runs: dict[int, tuple[Run, ...]] = {}
        self._styles: dict[str, Style] = {}

    # --- data in --------------------------------------------------------------------
    def watch_timeline(self, old: Timeline | None, new: Timeline | None) -> None:
        if new is None:
            self.cursor = None
        else:
            self.cursor = self._kept_cursor(old, new)
            self.window = self._window_for(new, self.window)
        self._lay_out()
        self.watch_selected()

    def watch_now(self) -> None:
        self.refresh()

    def watch_selected(self) -> None:
        if self.selected is not None:
            self.select(self.selected)

    def _kept_cursor(self, old: Timeline | None, new: Timeline) -> Cursor | None:
        """The same event, in the same lane where it still has one, else the first block."""
        if self.cursor is not None and old is not None:
            lane, event_id = self.cursor
            key = old.lanes[lane].key if lane < len(old.lanes) else None
            lanes = lanes_of(new, event_id)
            same = [n for n in lanes if new.lanes[n].key == key]
            if same or lanes:
                return (same or lanes)[0], event_id
        first = next((n for n, lane in enumerate(new.lanes) if lane.kind is LaneKind.LANE), 0)
        if not new.lanes or not new.lanes[first].blocks:
            return None
        return first, new.lanes[first].blocks[0].event_id

    def select(self, event_id: str) -> None:
        """Put the cursor on ``event_id`` (in its first lane) without announcing it."""
        if self.timeline is None or (self.cursor and self.cursor[1] == event_id):
            return
        lanes = lanes_of(self.timeline, event_id)
        if lanes:
            self._move((lanes[0], event_id), announce=False)

    # --- layout ---------------------------------------------------------------------
    @property
    def painting(self) -> Painting | None:
        """The timeline laid out at the widget's width (laid out now if the width changed)."""
        width = self.scrollable_content_region.width
        stale = self._painting is None or self._painting.width != max(width, 20)
        if self.timeline is not None and width > 0 and stale:
            self._lay_out()
        return self._painting

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        self._runs = {}
        if self.timeline is None or width <= 0:
            self._painting = None
            self.virtual_size = Size(0, 0)
        else:
            self.paints += 1
            self._painting = paint_timeline(self.timeline, width, self.window)
            rows = len(self._painting.header) + len(self._painting.rows)
            self.virtual_size = Size(width, rows)
            self.call_after_refresh(self._show_cursor)
        self.refresh()

    def on_resize(self) -> None:
        self._lay_out()

    def _window_for(self, timeline: Timeline, current: Window | None) -> Window:
        """The zoom's window, following the cursor's block."""
        block = block_in(timeline, *self.cursor) if self.cursor else None
        if block is not None and block.shape is Shape.CHIP:
            return current or WHOLE  # a strip's chip has no place on the axis
        focus = block.start if block is not None else 0.0
        return zoom_window(timeline, ZOOM_HOURS[self.zoom], focus, current)

    # --- drawing --------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        painting = self.painting
        base = self.rich_style
        if painting is None:
            return Strip.blank(width, base)
        header = len(painting.header)
        if y < header:
            segments = [
                Segment(run.text, base + self._style(run.role)) for run in painting.header[y]
            ]
            return self._with_now(Strip(segments).crop_extend(0, width, base), painting)
        index = self.scroll_offset.y + y - header
        if index >= len(painting.rows):
            return Strip.blank(width, base)
        row = painting.rows[index]
        runs = self._runs.get(index)
        if runs is None:
            runs = self._runs[index] = row_runs(painting, row)
        row_base = base + self._style("stripe") if row.stripe else base
        segments = [Segment(run.text, self._run_style(row_base, row, run)) for run in runs]
        return self._with_now(Strip(segments).crop_extend(0, width, base), painting)

    def _with_now(self, strip: Strip, painting: Painting) -> Strip:
        """``strip`` with the now line's cell: a bar in empty cells, the colour on a block."""
        now, timeline = self.now, self.timeline
        at = now_column(timeline, painting, now) if now and timeline else None
        if at is None or at >= strip.cell_length:
            return strip
        left, cell, right = strip.divide([at, at + 1, strip.cell_length])
        style = self._style("now")
        text = cell.text
        if text in (" ", GRID, RULE, RULE_TICK):
            marked = Segment("│", self.rich_style + style)
        else:
            marked = Segment(text, (next(iter(cell)).style or Style()) + style)
        return Strip.join([left, Strip([marked]), right])

    def _run_style(self, base: Style, row: Row, run: Run) -> Style:
        style = base + self._style(run.role) + STATUS_STYLE[run.status]
        cursor = self.cursor
        if cursor is not None and run.event_id == cursor[1] and row.lane == cursor[0]:
            style += self._style("cursor")
        return style

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(f"timeline-view--{name}")
        return style

    def notify_style_update(self) -> None:
        self._styles = {}
        super().notify_style_update()

    # --- the cursor -----------------------------------------------------------------
    def _move(self, cursor: Cursor, *, announce: bool = True) -> None:
        # Down from Putin's talks to Rahmon's is the same event: the details stay.
        changed = self.cursor is None or cursor[1] != self.cursor[1]
        self.cursor = cursor
        if self.timeline is not None:
            window = self._window_for(self.timeline, self.window)
            if window != self.window:
                self.window = window
                self._lay_out()
        self._show_cursor()
        self.refresh()
        if changed and announce:
            self.post_message(self.Highlighted(self, cursor[1]))

    def _show_cursor(self) -> None:
        """Scroll the lanes so the cursor's row is under the fixed axis rows."""
        painting = self._painting
        if painting is None or self.cursor is None:
            return
        row = row_of(painting, *self.cursor)
        if row is None:
            return
        # Keep a strip's heading in sight with its first chips.
        first = row - 1 if row > 0 and painting.rows[row - 1].heading else row
        body = max(1, self.scrollable_content_region.height - len(painting.header))
        top = self.scroll_offset.y
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif row >= top + body:
            self.scroll_to(y=row - body + 1, animate=False, immediate=True)

    # --- input ----------------------------------------------------------------------
    def action_step(self, step: int) -> None:
        if self.timeline is not None and self.cursor is not None:
            lane, event_id = self.cursor
            self._move((lane, step_in_lane(self.timeline, lane, event_id, step)))

    def action_lane(self, step: int) -> None:
        if self.timeline is not None and self.cursor is not None:
            self._move(step_lane(self.timeline, *self.cursor, step))

    def action_zoom(self, step: int) -> None:
        zoom = max(0, min(len(ZOOM_HOURS) - 1, self.zoom + step))
        if zoom != self.zoom and self.timeline is not None:
            self.zoom = zoom
            self.window = self._window_for(self.timeline, None)
            self._lay_out()

    def action_select_cursor(self) -> None:
        if self.cursor is not None:
            self.post_message(self.Selected(self, self.cursor[1]))

    def on_click(self, event: events.Click) -> None:
        painting = self._painting
        offset = event.get_content_offset(self)
        if painting is None or offset is None:
            return
        index = self.scroll_offset.y + offset.y - len(painting.header)
        if not 0 <= index < len(painting.rows) or offset.y < len(painting.header):
            return
        row = painting.rows[index]
        event_id = hit(painting, row, offset.x)
        if event_id is not None and row.lane is not None:
            self._move((row.lane, event_id))
