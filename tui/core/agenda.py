"""The schedule as plain text, grouped by day."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from tui.core.index import CalendarIndex
from tui.core.model import Calendar, Event, Status
from tui.core.query import ZoneMode, display_zone, event_span
from tui.core.text import one_line
from tui.core.timefmt import day_heading, time_range


def agenda_text(index: CalendarIndex, chosen: Sequence[Event], mode: ZoneMode, zone: tzinfo) -> str:
    """Days in order, each with its events: time, title, kind, status, place, countries."""
    lines: list[str] = []
    for day, events in agenda_days(chosen, mode, zone).items():
        if lines:
            lines.append("")
        lines.append(day_heading(day))
        for event in events:
            lines.append(_event_line(index.calendar, index, event, mode, zone, day))
    return "\n".join(lines) + "\n" if lines else "No events match.\n"


def agenda_days(chosen: Sequence[Event], mode: ZoneMode, zone: tzinfo) -> dict[date, list[Event]]:
    """The days shown and the events under each: all-day events first, then by start.

    A day is shown when an event begins on it. An event over several days is listed on
    its first day and again on each shown day it covers, never on every day of its span:
    an event from 1900 to 9000 costs one row, not two and a half million.
    """
    spans = {event.id: event_span(event, display_zone(event, mode, zone)) for event in chosen}
    starting: dict[date, list[Event]] = {}
    for event in chosen:
        starting.setdefault(spans[event.id][0], []).append(event)
    days = sorted(starting)
    rows: dict[date, list[Event]] = {day: [] for day in days}
    for event in chosen:  # in start order, so an event covering a day precedes its starts
        first, last = spans[event.id]
        for day in days[bisect_left(days, first) : bisect_right(days, last)]:
            rows[day].append(event)
    for events in rows.values():
        events.sort(key=lambda e: isinstance(e.start, datetime))  # stable: all-day first
    return rows


def _event_line(
    calendar: Calendar,
    index: CalendarIndex,
    event: Event,
    mode: ZoneMode,
    zone: tzinfo,
    day: date,
) -> str:
    shown_zone = display_zone(event, mode, zone)
    when = time_range(event, shown_zone, day)
    status = "" if event.status is Status.CONFIRMED else f" [{event.status.value.upper()}]"
    countries = ", ".join(sorted(index.countries_for(event)))
    place = f" @ {one_line(event.location)}" if event.location else ""
    people = f" ({countries})" if countries else ""
    return f"  {when:<24} {one_line(event.title)}{status} · {event.kind.value}{place}{people}"
