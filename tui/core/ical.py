"""Calendar -> iCalendar (RFC 5545), built with the icalendar library."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta

import icalendar

from tui.core.model import Calendar, Event, Status
from tui.core.text import printable
from tui.core.zones import get_zone

PRODID = "-//diplocal//diplocal calendar export//EN"
_STATUS = {
    Status.CONFIRMED: "CONFIRMED",
    Status.TENTATIVE: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}

Clock = Callable[[], datetime]


def stamp_time(calendar: Calendar, clock: Clock | None = None) -> datetime:
    """DTSTAMP: the calendar's last revision, else $SOURCE_DATE_EPOCH, else now.

    The first two make exports reproducible: the same file gives the same bytes.
    """
    if calendar.updated is not None:
        return calendar.updated.astimezone(UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return (clock or (lambda: datetime.now(UTC)))().astimezone(UTC).replace(microsecond=0)


def uid(calendar: Calendar, event: Event) -> str:
    """Stable across exports and edits, unique across calendars."""
    return f"{event.id}@{calendar.id}"


def describe(calendar: Calendar, event: Event) -> str:
    """The DESCRIPTION text: the event's description, who takes part, sources, caveats."""
    parts: list[str] = []
    if event.description:
        parts.append(event.description)
    if event.approximate:
        parts.append("Times are approximate: estimates, not announced times.")
    people = [calendar.participants[p] for p in event.participants]
    if people:
        lines = ["Participants:"]
        for person in people:
            country = calendar.countries[person.country].name
            title = f", {person.title}" if person.title else ""
            lines.append(f"- {person.name}{title} ({country})")
        parts.append("\n".join(lines))
    if event.sources:
        parts.append("\n".join(["Sources:", *(f"- {s}" for s in event.sources)]))
    return "\n\n".join(parts)


def _when(value: datetime | date) -> datetime | date:
    """A zoned time keeps its IANA zone; a bare offset has none, so it is written in UTC."""
    if isinstance(value, datetime):
        zone = value.tzinfo
        if zone is not None and getattr(zone, "key", None):
            return value
        return value.astimezone(UTC)
    return value


def to_vevent(calendar: Calendar, event: Event, stamp: datetime) -> icalendar.Event:
    """One VEVENT."""
    vevent = icalendar.Event()
    vevent.add("uid", uid(calendar, event))
    vevent.add("dtstamp", stamp)
    vevent.add("summary", printable(event.title))
    vevent.add("dtstart", _when(event.start))
    if event.all_day:
        # A TOML end date is the last day; DTEND is exclusive, so the day after.
        vevent.add("dtend", event.end + timedelta(days=1))
    else:
        vevent.add("dtend", _when(event.end))
    vevent.add("status", _STATUS[event.status])
    vevent.add("categories", [event.kind.value])
    if event.location:
        vevent.add("location", printable(event.location))
    description = describe(calendar, event)
    if description:
        vevent.add("description", printable(description))
    return vevent


def _timezones(events: Iterable[Event]) -> list[icalendar.Timezone]:
    """One VTIMEZONE per zone used, covering the events' dates with a year to spare."""
    spans: dict[str, tuple[date, date]] = {}
    for event in events:
        for value in (event.start, event.end):
            key = getattr(getattr(value, "tzinfo", None), "key", None)
            if not isinstance(value, datetime) or key is None:
                continue
            day = value.date()
            low, high = spans.get(key, (day, day))
            spans[key] = (min(low, day), max(high, day))
    year = timedelta(days=366)
    return [
        icalendar.Timezone.from_tzinfo(
            get_zone(key), tzid=key, first_date=low - year, last_date=high + year
        )
        for key, (low, high) in sorted(spans.items())
    ]


def to_icalendar(
    calendar: Calendar, events: Iterable[Event] | None = None, clock: Clock | None = None
) -> bytes:
    """The iCalendar text for ``events`` (default: all of the calendar's)."""
    chosen = list(calendar.events if events is None else events)
    stamp = stamp_time(calendar, clock)
    vcalendar = icalendar.Calendar()
    vcalendar.add("prodid", PRODID)
    vcalendar.add("version", "2.0")
    vcalendar.add("calscale", "GREGORIAN")
    vcalendar.add("x-wr-calname", printable(calendar.title))
    for vtimezone in _timezones(chosen):
        vcalendar.add_component(vtimezone)
    for event in chosen:
        vcalendar.add_component(to_vevent(calendar, event, stamp))
    data: bytes = vcalendar.to_ical()
    return data
