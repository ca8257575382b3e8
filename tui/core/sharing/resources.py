"""One CalDAV resource per event: ``<uid>.ics`` with the VTIMEZONEs its times need.

The bytes are the export's (tui/core/export/ical.py): for each event, exactly what
``to_icalendar(calendar, [event], revisions=...)`` writes. The calendar's head (its
properties and VTIMEZONEs) costs milliseconds to build with the icalendar library, so it is
built only when bytes are sent or compared, once per set of (zone, day) and calendar X-
properties (the participants and countries the event names) and shared by the events that
have the same. The digest that tells versions apart does not need it: the head is made from
the calendar's title, those (zone, day) pairs and those X- properties, which are hashed
instead, so a round that writes nothing builds no head at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from tui.core.export.ical import (
    event_properties,
    fold,
    revision_lines,
    stamp_time,
    to_icalendar,
    vevent_lines,
)
from tui.core.export.ical_extra import calendar_extras
from tui.core.model import Calendar, Event

_DTSTAMP_AT = 2  # vevent_lines: BEGIN, UID, DTSTAMP, ...


ZoneDays = tuple[tuple[str, date], ...]
HeadKey = tuple[ZoneDays, tuple[tuple[str, str], ...]]


class Heads:
    """The VCALENDAR heads of one calendar (up to the first VEVENT), built when first asked."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self._made: dict[HeadKey, str] = {}

    def head(self, event: Event) -> str:
        key = _head_key(self.calendar, event)
        made = self._made.get(key)
        if made is None:
            whole = to_icalendar(self.calendar, [event]).decode()
            made = self._made[key] = whole[: whole.index("BEGIN:VEVENT\r\n")]
        return made


@dataclass(frozen=True, slots=True)
class Resource:
    """What one event becomes on the server, before its SEQUENCE is known."""

    name: str  # the resource's name in the collection: "<uid>.ics"
    uid: str
    title: str
    event: Event
    heads: Heads
    vevent: tuple[str, ...]  # the VEVENT's content lines, unfolded, without revision lines
    digest: str  # what tells two versions apart; DTSTAMP and revision lines left out

    def data(self, sequence: int, modified: datetime) -> bytes:
        """The resource's bytes with SEQUENCE and LAST-MODIFIED (as the export writes them)."""
        lines = list(self.vevent)
        # After UID and DTSTAMP; an event's own stamp is its LAST-MODIFIED, as in the export.
        lines[3:3] = revision_lines(sequence, self.event.updated or modified)
        body = "\r\n".join(fold(line) for line in [*lines, "END:VCALENDAR"])
        return (self.heads.head(self.event) + body + "\r\n").encode()


def resource_name(uid: str) -> str:
    """The resource's name: the UID, as RFC 4791 suggests, made safe for a path segment."""
    return uid.replace("/", "_") + ".ics"


def _zone_days(event: Event) -> ZoneDays:
    """The zoned days the event's times fall on: what its VTIMEZONEs depend on."""
    found: set[tuple[str, date]] = set()
    for value in (event.start, event.end):
        key = getattr(getattr(value, "tzinfo", None), "key", None)
        if key is not None and isinstance(value, datetime):
            found.add((key, value.date()))
    return tuple(sorted(found))


def _head_key(calendar: Calendar, event: Event) -> HeadKey:
    """What the head depends on: the zoned days and the calendar's X- properties."""
    return _zone_days(event), tuple(calendar_extras(calendar, [event]))


def build_resources(calendar: Calendar, events: list[Event]) -> dict[str, Resource]:
    """The resources for ``events``, by name."""
    stamp = f"{stamp_time(calendar):%Y%m%dT%H%M%S}Z"
    heads = Heads(calendar)
    resources: dict[str, Resource] = {}
    for event in events:
        properties = event_properties(calendar, event)
        vevent = tuple(vevent_lines(properties, stamp))
        hashed = hashlib.sha256(f"{calendar.title}\n{_head_key(calendar, event)!r}\n".encode())
        for number, line in enumerate(vevent):
            if number != _DTSTAMP_AT:
                hashed.update(line.encode() + b"\n")
        name = resource_name(properties.uid)
        resources[name] = Resource(
            name, properties.uid, properties.summary, event, heads, vevent, hashed.hexdigest()
        )
    return resources
