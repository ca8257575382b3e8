"""The one order of events within a day, used by the day view, the agenda and the export.

A day reads as it happens: true all-day events first, then timed events and parts of day
interleaved by the moment they stand for, then the events whose time was not announced,
under their own heading. The moment is an instant, so the order is the same in every
display zone: a timed event stands for its start, a part of day for its middle in the
venue's zone (a morning at 10:00), a reported "under way at" for that report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, tzinfo
from enum import IntEnum

from tui.core.model import PART_SPANS, Calendar, Country, Event
from tui.core.zones import get_zone


class Section(IntEnum):
    """Where in a day an event is listed, in that order."""

    ALL_DAY = 0
    IN_THE_DAY = 1
    NOT_ANNOUNCED = 2


SECTION_HEADINGS = {
    Section.ALL_DAY: "all day",
    Section.IN_THE_DAY: "",
    Section.NOT_ANNOUNCED: "time not announced",
}

_IN_THE_DAY = int(Section.IN_THE_DAY)
# Sections without a moment of their own sort among themselves by file order.
_NO_MOMENT = float("-inf")

# (section, the moment as a POSIX timestamp): plain numbers compare fast, and an instant
# is the same in every zone.
DayKey = tuple[int, float]


def section(event: Event) -> Section:
    """The part of its day an event is listed in."""
    if event.all_day:
        return Section.ALL_DAY
    if event.time_not_announced:
        return Section.NOT_ANNOUNCED
    return Section.IN_THE_DAY


def moment(event: Event) -> datetime | None:
    """The instant an event is ordered by within its day; None for all-day and unknown times."""
    start = event.start
    if isinstance(start, datetime):
        return start
    if event.part_of_day:
        first, last = event.part_of_day[0], event.part_of_day[-1]
        begin = datetime.combine(start, PART_SPANS[first][0], tzinfo=venue_zone(event))
        late_time, late_length = PART_SPANS[last]
        finish = datetime.combine(start, late_time, tzinfo=venue_zone(event)) + late_length
        return begin + (finish - begin) / 2
    return event.under_way_at


def venue_zone(event: Event) -> tzinfo:
    """The zone the event's part of day is meant in (UTC when the event names none)."""
    return get_zone(event.timezone) if event.timezone else UTC


def day_key(event: Event) -> DayKey:
    """The key that orders events within one day; sort stably to keep file order in ties."""
    start = event.start
    if isinstance(start, datetime):  # the usual event, first: 100,000 of them on a load
        return _IN_THE_DAY, start.timestamp()
    at = moment(event)
    return int(section(event)), _NO_MOMENT if at is None else at.timestamp()


def calendar_key(calendar_zone: str) -> Callable[[Event], tuple[date, int, float]]:
    """Order a whole calendar: by day in ``calendar_zone``, then as within a day."""
    zone = get_zone(calendar_zone)

    def key(event: Event) -> tuple[date, int, float]:
        start = event.start
        day = start.astimezone(zone).date() if isinstance(start, datetime) else start
        return (day, *day_key(event))

    return key


def sections(day_events: list[Event]) -> list[tuple[Section, list[Event]]]:
    """A day's events (in ``day_key`` order) grouped under their sections, in order.

    A view shows ``SECTION_HEADINGS[section]`` above each group that has one.
    """
    grouped: list[tuple[Section, list[Event]]] = []
    for event in day_events:
        place = section(event)
        if grouped and grouped[-1][0] is place:
            grouped[-1][1].append(event)
        else:
            grouped.append((place, [event]))
    return grouped


def clamp(value: int, low: int, high: int) -> int:
    """``value`` kept within ``low``..``high`` (inclusive)."""
    return max(low, min(high, value))


def countries_in_order(calendar: Calendar) -> list[Country]:
    """The calendar's countries by name, case-insensitively, as every list shows them."""
    return sorted(calendar.countries.values(), key=lambda c: (c.name.casefold(), c.code))


def participants_in_order(calendar: Calendar, ids: Iterable[str]) -> list[str]:
    """Participant ids in the calendar's order (the file's), not the order they were picked
    in; ids it does not know go last."""
    order = {pid: n for n, pid in enumerate(calendar.participants)}
    return sorted(ids, key=lambda pid: order.get(pid, len(order)))


def start_instant(start: datetime | date, midnight_zone: tzinfo) -> datetime:
    """A start as an instant; a date start is midnight in ``midnight_zone``."""
    if isinstance(start, datetime):
        return start
    return datetime(start.year, start.month, start.day, tzinfo=midnight_zone)
