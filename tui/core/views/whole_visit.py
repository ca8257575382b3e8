"""The whole visit at once: every day of the filtered calendar as one list of plain rows.

The same wording and order as ``diplocal agenda`` (``agenda.when_column``, ``order.sections``,
``timefmt.day_heading``), one line per event, with the event under way or the next one
marked while the visit is going on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from tui.core.event_order import SECTION_HEADINGS, Section, moment, sections
from tui.core.icc import icc_reasons
from tui.core.model import Event, Status
from tui.core.text import cells, one_line
from tui.core.views.agenda_text import short_name, when_column, zone_line
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import day_heading
from tui.core.zones import get_zone


class RowKind(StrEnum):
    """What a row of the agenda is."""

    DAY = "day"
    SECTION = "section"
    EVENT = "event"


class Now(StrEnum):
    """How the highlighted event relates to the present."""

    UNDER_WAY = "now"
    NEXT = "next"


@dataclass(frozen=True, slots=True)
class AgendaRow:
    """A day's heading, a section's heading, or one event."""

    kind: RowKind
    text: str  # the heading, or the event's title
    day: date
    time: str = ""
    icc: bool = False
    who: str = ""  # participants' short names
    status: Status = Status.CONFIRMED
    event_id: str = ""
    flag: str = ""  # the status in words, before the title: struck text alone is not seen


STATUS_FLAGS = {Status.CANCELLED: "✕ cancelled", Status.TENTATIVE: "tentative"}


@dataclass(frozen=True, slots=True)
class AgendaScreen:
    """The rows, the time column's width and, while the visit is on, the current event."""

    zone_line: str
    rows: tuple[AgendaRow, ...]
    time_width: int
    highlight: int | None = None  # a row index
    now: Now | None = None
    empty_reason: str = ""


def agenda_screen(
    index: CalendarIndex, view: Filter, mode: ZoneMode, local: tzinfo, now: datetime
) -> AgendaScreen:
    """Every day with events that pass ``view``, in ``mode``, seen at ``now``."""
    calendar = index.calendar
    wanted = index.matches(view, mode, local).ids
    days = {
        day: shown
        for day, events in index.by_day(mode, local).items()
        if (shown := [e for e in events if wanted is None or e.id in wanted])
    }
    if not days:
        return AgendaScreen("", (), 0, empty_reason="No events match.")
    rows: list[AgendaRow] = []
    for day, events in days.items():
        rows.append(AgendaRow(RowKind.DAY, day_heading(day), day))
        for place, group in sections(events):
            if place is Section.NOT_ANNOUNCED:
                rows.append(AgendaRow(RowKind.SECTION, SECTION_HEADINGS[place], day))
            rows += [_event_row(index, event, mode, local, day) for event in group]
    width = max(cells(row.time) for row in rows)
    shown = [e for events in days.values() for e in events]
    zones = {ZoneMode.EVENT: get_zone(calendar.timezone), ZoneMode.LOCAL: local, ZoneMode.UTC: UTC}
    # Days are the venue's in venue time, so "is the visit on" is asked in its zone.
    highlight, when = _current(rows, {e.id: e for e in shown}, list(days), zones[mode], now)
    line = zone_line(mode, local if mode is ZoneMode.EVENT else zones[mode], shown)
    return AgendaScreen(line, tuple(rows), width, highlight, when)


def _event_row(
    index: CalendarIndex, event: Event, mode: ZoneMode, local: tzinfo, day: date
) -> AgendaRow:
    calendar = index.calendar
    return AgendaRow(
        kind=RowKind.EVENT,
        text=one_line(event.title),
        day=day,
        time=when_column(event, mode, local, day),
        icc=bool(icc_reasons(calendar, event)),
        who=", ".join(short_name(calendar, pid) for pid in event.participants),
        status=event.status,
        event_id=event.id,
        flag=STATUS_FLAGS.get(event.status, ""),
    )


def _current(
    rows: list[AgendaRow],
    events: dict[str, Event],
    days: list[date],
    zone: tzinfo,
    now: datetime,
) -> tuple[int | None, Now | None]:
    """The row of the event under way at ``now``, else of the next one; none unless ``now``
    falls within the visit's days (in ``zone``)."""
    # Instants as timestamps: times that share a zone compare by wall clock in Python,
    # wrongly around a clock change that repeats an hour.
    first = datetime.combine(days[0], time(0), tzinfo=zone).timestamp()
    last = datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=zone).timestamp()
    at_now = now.timestamp()
    if not first <= at_now < last:
        return None, None
    upcoming: list[tuple[float, int]] = []
    for n, row in enumerate(rows):
        if row.kind is not RowKind.EVENT or events[row.event_id].status is Status.CANCELLED:
            continue
        event = events[row.event_id]
        start, end = event.start, event.end
        if (
            isinstance(start, datetime)
            and isinstance(end, datetime)
            and start.timestamp() <= at_now < end.timestamp()
        ):
            return n, Now.UNDER_WAY
        at = moment(event)
        if at is not None and at.timestamp() >= at_now:
            upcoming.append((at.timestamp(), n))
    if not upcoming:
        return None, None
    return min(upcoming)[1], Now.NEXT
