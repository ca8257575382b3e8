"""The schedule as plain text, grouped by day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo

from tui.core.index import CalendarIndex
from tui.core.model import Calendar, Event, Status
from tui.core.query import ZoneMode, display_zone
from tui.core.text import one_line
from tui.core.timefmt import day_heading, time_range


def agenda_text(index: CalendarIndex, chosen: Sequence[Event], mode: ZoneMode, zone: tzinfo) -> str:
    """Days in order, each with its events: time, title, kind, status, place, countries."""
    wanted = {event.id for event in chosen}
    lines: list[str] = []
    for day, events in index.by_day(mode, zone).items():
        shown = [e for e in events if e.id in wanted]
        if not shown:
            continue
        if lines:
            lines.append("")
        lines.append(day_heading(day))
        for event in shown:
            lines.append(_event_line(index.calendar, index, event, mode, zone, day))
    return "\n".join(lines) + "\n" if lines else "No events match.\n"


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
