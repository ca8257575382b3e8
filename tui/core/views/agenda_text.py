"""The schedule as plain text, grouped by day, in the same order as the day view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, tzinfo

from tui.core.event_order import SECTION_HEADINGS, Section, sections
from tui.core.icc import icc_reasons
from tui.core.model import Calendar, Event, Status
from tui.core.text import one_line
from tui.core.views.filter import ZoneMode, display_zone
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import day_heading, time_range, zone_name

ICC_MARK = "⚖ ICC"


def agenda_text(
    index: CalendarIndex,
    chosen: Sequence[Event],
    mode: ZoneMode,
    zone: tzinfo,
    days: Mapping[date, list[Event]] | None = None,
) -> str:
    """A line naming the zone, then days in order, each with its events: time, the ICC mark,
    title, status, kind, place, participants' short names and countries.

    ``days`` (from ``agenda_days.agenda_days``) limits the agenda to some days; by default
    every day that lists one of ``chosen``.
    """
    if days is None:
        wanted = {event.id for event in chosen}
        # The day view's days and order; a very long event is listed only on days shown.
        days = {
            day: shown
            for day, events in index.by_day(mode, zone).items()
            if (shown := [e for e in events if e.id in wanted])
        }
    if not days:
        return "No events match.\n"
    times = {
        (day, event.id): when_column(event, mode, zone, day)
        for day, events in days.items()
        for event in events
    }
    # The time column is as wide as its widest entry, no wider.
    width = max(len(text) for text in times.values())
    marked = {e.id for events in days.values() for e in events if icc_reasons(index.calendar, e)}
    lines = [zone_line(mode, zone, [e for events in days.values() for e in events])]
    for day, events in days.items():
        lines += ["", day_heading(day)]
        for place, group in sections(events):
            # All-day events lead the day and say so in their time column; unknown
            # times get a heading, since they have no time to show.
            if place is Section.NOT_ANNOUNCED:
                lines.append(f"  {SECTION_HEADINGS[place]}:")
            for event in group:
                when = times[(day, event.id)]
                mark = _mark(event.id in marked, bool(marked))
                lines.append(_event_line(index, event, f"{when:<{width}}  {mark}"))
    return "\n".join(lines) + "\n"


def when_column(event: Event, mode: ZoneMode, zone: tzinfo, day: date) -> str:
    """The agenda's time column for an event on ``day``."""
    text = time_range(event, display_zone(event, mode, zone), day)
    # Under the "time not announced" heading the column says only what else is known.
    if event.time_not_announced:
        return text.removeprefix(SECTION_HEADINGS[Section.NOT_ANNOUNCED]).strip()
    return text


def zone_line(mode: ZoneMode, zone: tzinfo, events: Sequence[Event]) -> str:
    """'Times in UTC', or for venue time the zones the shown events are in."""
    if mode is not ZoneMode.EVENT:
        return f"Times in {zone_name(zone)}"
    names = sorted({zone_name(display_zone(e, mode, zone)) for e in events})
    return f"Times in each event's venue zone: {', '.join(names)}"


def _mark(marked: bool, column: bool) -> str:
    """The ICC mark, in a column that exists only when some event has it."""
    if not column:
        return ""
    return (ICC_MARK if marked else " " * len(ICC_MARK)) + "  "


def _event_line(index: CalendarIndex, event: Event, lead: str) -> str:
    calendar = index.calendar
    status = "" if event.status is Status.CONFIRMED else f" [{event.status.value.upper()}]"
    place = f" @ {one_line(event.location)}" if event.location else ""
    people = ", ".join(short_name(calendar, pid) for pid in event.participants)
    countries = ", ".join(sorted(index.countries_for(event)))
    who = " ".join(part for part in (people, f"({countries})" if countries else "") if part)
    line = f"  {lead}{one_line(event.title)}{status} · {event.kind.value}{place}"
    return f"{line} · {who}" if who else line


def short_name(calendar: Calendar, participant_id: str) -> str:
    """A participant's surname, as news reports use it: 'Kassym-Jomart Tokayev' -> 'Tokayev'."""
    return one_line(calendar.participants[participant_id].name).split(" ")[-1]
