"""A printable brief for a delegation's folder, as plain data: one day, or every day.

Each day lists its events in the day view's order with times in the venue's zone and in a
second zone, what is known of the times (announced, estimated, part of day), who takes
part with their titles, where, the ICC note, and the sources as numbered notes per day.
``brief_html`` and ``brief_markdown`` only write it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from tui.core.errors import UsageError
from tui.core.icc import icc_reasons
from tui.core.model import Event, Status
from tui.core.views.filter import ZoneMode, display_zone
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import day_heading, time_range, timing_caveat, zone_name


@dataclass(frozen=True, slots=True)
class BriefPerson:
    """A participant as the brief names them."""

    name: str
    title: str
    country: str  # the country's name


@dataclass(frozen=True, slots=True)
class BriefEvent:
    """One event of a day's page."""

    title: str
    status: Status
    kind: str
    venue_time: str  # in the event's own zone
    second_time: str  # in the brief's second zone
    timing: str  # what is not simply announced, in words; '' when all is
    location: str
    host: str  # the host country's name, '' for none
    people: tuple[BriefPerson, ...]
    icc: tuple[str, ...]
    description: str
    notes: tuple[int, ...]  # numbers of the day's sources this event cites


@dataclass(frozen=True, slots=True)
class BriefDay:
    """A page: the day's number in the calendar, its heading, events and sources."""

    number: int
    day: date
    heading: str
    events: tuple[BriefEvent, ...]
    sources: tuple[str, ...]  # note n is sources[n - 1]


@dataclass(frozen=True, slots=True)
class Brief:
    """The whole brief: the calendar's title and description, the zones, the pages."""

    title: str
    description: str
    venue_zone: str
    second_zone: str
    days: tuple[BriefDay, ...]


def pick_day(days: list[date], wanted: str) -> date:
    """The day ``--day`` names: a date (YYYY-MM-DD) or a day's number, 1 for the first.

    Raises:
        UsageError: when it names neither, or a day with no events.
    """
    if wanted.isdigit():
        number = int(wanted)
        if not 1 <= number <= len(days):
            raise UsageError(f"--day {wanted}: the calendar has days 1 to {len(days)}")
        return days[number - 1]
    try:
        day = date.fromisoformat(wanted)
    except ValueError:
        raise UsageError(f'--day "{wanted}" is neither a date (YYYY-MM-DD) nor a number') from None
    if day not in days:
        raise UsageError(f"--day {wanted}: no events that day")
    return day


def make_brief(
    index: CalendarIndex, chosen: list[Event], second: tzinfo, day: str | None = None
) -> Brief:
    """The brief of ``chosen`` (the filtered events), every day or only ``day``."""
    calendar = index.calendar
    wanted = {event.id for event in chosen}
    by_day = {
        d: shown
        for d, events in index.by_day(ZoneMode.EVENT, second).items()
        if (shown := [e for e in events if e.id in wanted])
    }
    numbered = list(by_day)
    picked = numbered if day is None else [pick_day(numbered, day)]
    pages = tuple(_page(index, numbered.index(d) + 1, d, by_day[d], second) for d in picked)
    return Brief(calendar.title, calendar.description, calendar.timezone, zone_name(second), pages)


def _page(
    index: CalendarIndex, number: int, day: date, events: list[Event], second: tzinfo
) -> BriefDay:
    sources: list[str] = []
    for event in events:
        sources += [s for s in event.sources if s not in sources]
    return BriefDay(
        number,
        day,
        day_heading(day),
        tuple(brief_event(index, e, day, second, sources) for e in events),
        tuple(sources),
    )


def brief_event(
    index: CalendarIndex, event: Event, day: date, second: tzinfo, sources: list[str]
) -> BriefEvent:
    """``event`` as listed on ``day``; its notes number its sources within ``sources``."""
    calendar = index.calendar
    venue = display_zone(event, ZoneMode.EVENT, second)
    people = []
    for pid in event.participants:
        person = calendar.participants[pid]
        country = calendar.countries.get(person.country)
        people.append(BriefPerson(person.name, person.title, country.name if country else ""))
    host = calendar.countries.get(event.host or "")
    return BriefEvent(
        title=event.title,
        status=event.status,
        kind=event.kind.value,
        venue_time=time_range(event, venue, day),
        second_time=time_range(event, second, day),
        timing=timing_caveat(event),
        location=event.location,
        host=host.name if host else "",
        people=tuple(people),
        icc=tuple(icc_reasons(calendar, event)),
        description=event.description,
        notes=tuple(sources.index(s) + 1 for s in event.sources),
    )
