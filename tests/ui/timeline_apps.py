"""Tiny apps around the timeline and agenda widgets, on the bundled calendar, in fixed zones."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.app import App, ComposeResult
from textual.message import Message

from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lanes import LaneMode
from tui.core.views.timeline import Timeline, layout_timeline, timeline_zones
from tui.core.views.whole_visit import AgendaScreen, agenda_screen
from tui.core.zones import get_zone
from tui.ui.widgets.agenda_view import AgendaView
from tui.ui.widgets.timeline_view import TimelineView

THURSDAY = date(2025, 10, 9)
# The viewer is in Moscow, so the second axis reads "11:00 in Dushanbe is 09:00 in Moscow".
VIEWER = get_zone("Europe/Moscow")
NOW = datetime(2025, 10, 9, 9, 0, tzinfo=UTC)  # 14:00 in Dushanbe, during the talks


def bundled_index() -> CalendarIndex:
    return CalendarIndex(load_calendar(bundled_calendar()).calendar)


def thursday_timeline(
    lanes_by: LaneMode = LaneMode.PARTICIPANTS, marks: dict[str, str] | None = None
) -> Timeline:
    index = bundled_index()
    events = index.by_day(ZoneMode.EVENT, VIEWER)[THURSDAY]
    zone, second = timeline_zones(index.calendar, ZoneMode.EVENT, VIEWER)
    return layout_timeline(index, THURSDAY, events, lanes_by, zone, second, marks=marks)


class WidgetApp(App[None]):
    """Shows one widget, focused, and keeps the messages it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []

    def keep(self, message: Message) -> None:
        self.messages.append(message)


class TimelineApp(WidgetApp):
    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        self.timeline = timeline

    def compose(self) -> ComposeResult:
        yield TimelineView(id="timeline")

    def on_mount(self) -> None:
        view = self.query_one(TimelineView)
        view.timeline = self.timeline
        view.focus()

    def on_timeline_view_highlighted(self, message: TimelineView.Highlighted) -> None:
        self.keep(message)

    def on_timeline_view_selected(self, message: TimelineView.Selected) -> None:
        self.keep(message)


def bundled_agenda(now: datetime = NOW, view: Filter | None = None) -> AgendaScreen:
    index = bundled_index()
    return agenda_screen(index, view or Filter(), ZoneMode.EVENT, VIEWER, now)


class AgendaApp(WidgetApp):
    def __init__(self, screen: AgendaScreen) -> None:
        super().__init__()
        self.agenda = screen

    def compose(self) -> ComposeResult:
        yield AgendaView(id="agenda")

    def on_mount(self) -> None:
        view = self.query_one(AgendaView)
        view.agenda = self.agenda
        view.focus()

    def on_agenda_view_selected(self, message: AgendaView.Selected) -> None:
        self.keep(message)
