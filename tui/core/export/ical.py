"""Calendar -> iCalendar (RFC 5545).

Two writers share every decision about what goes in an event (``event_properties``):

- ``reference_icalendar`` builds the file with the icalendar library's component API. It is
  the definition of correct output, and tests parse both writers' files back with the library
  and require the same components.
- ``to_icalendar``, used for export, writes the same VEVENT properties line by line: the
  component API costs about 0.3 ms per event, too slow for a 100,000-event archive. TEXT
  escaping, folding and date formats follow RFC 5545 exactly; VTIMEZONE components are still
  built by the library, once per zone, from the zone's own transitions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

import icalendar

from tui.core.export.ical_extra import calendar_extras, event_extras
from tui.core.model import Calendar, Event, Status
from tui.core.people import person_line
from tui.core.text import without_controls
from tui.core.views.time_words import timing_caveat
from tui.core.zones import get_zone, second_time_round

PRODID = "-//diplocal//diplocal calendar export//EN"
CHECK_EVERY = 256  # events written between two calls of to_icalendar's ``check``
_STATUS = {
    Status.CONFIRMED: "CONFIRMED",
    Status.TENTATIVE: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_MARGIN = timedelta(days=366)

Clock = Callable[[], datetime]


class OpenEnd(StrEnum):
    """How a timed event without an end is written (README, "Export": what clients show).

    ``DURATION`` (default): ``DURATION:P0D``; khal, icalendar and ical.js show a moment,
    calcurse drops the event. ``OMIT``: no DTEND nor DURATION, as RFC 5545 allows; calcurse,
    icalendar and ical.js show a moment, khal invents an hour.
    """

    DURATION = "duration"
    OMIT = "omit"


def stamp_time(calendar: Calendar, clock: Clock | None = None) -> datetime:
    """DTSTAMP: the calendar's last revision, else $SOURCE_DATE_EPOCH, else now (the first
    two make exports reproducible: the same file gives the same bytes)."""
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
    caveat = timing_caveat(event)
    if caveat:
        parts.append(caveat)
    people = [calendar.participants[p] for p in event.participants]
    if people:
        lines = ["Participants:"]
        lines += [f"- {person_line(calendar, person)}" for person in people]
        parts.append("\n".join(lines))
    if event.sources:
        parts.append("\n".join(["Sources:", *(f"- {s}" for s in event.sources)]))
    return "\n\n".join(parts)


def _when(value: datetime | date) -> datetime | date:
    """A zoned time keeps its IANA zone; a bare offset has none, so it is written in UTC, as
    is a repeated local time's second (RFC 5545 3.3.5 reads a TZID time as the first; a
    skipped one with the offset before the gap, as zoneinfo's fold 0 does)."""
    if isinstance(value, datetime):
        if getattr(value.tzinfo, "key", None) and not second_time_round(value):
            return value
        return value.astimezone(UTC)
    return value


@dataclass(frozen=True, slots=True)
class Properties:
    """What one VEVENT says, decided once for both writers."""

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date | None  # None: the end was not given
    status: str
    category: str
    location: str
    description: str
    # What iCalendar cannot say, for `diplocal import` (tui.core.export.ical_extra): plain
    # text values, in order; a name may repeat.
    extras: tuple[tuple[str, str], ...] = ()
    zero_duration: bool = False  # no end: DURATION:P0D (OpenEnd.DURATION)


def event_properties(
    calendar: Calendar, event: Event, open_end: OpenEnd = OpenEnd.DURATION
) -> Properties:
    """The VEVENT's values.

    A dated DTEND is the day after the last day (exclusive). A timed event without an end
    gets no DTEND but an explicit zero DURATION: RFC 5545 reads both as "ends when it
    starts", but khal (0.14) stores an invented one-hour DTEND for the first and honours
    the second. The DESCRIPTION says the end was not announced.
    """
    end: datetime | date | None = _when(event.end)
    if event.dated:
        end = event.end + timedelta(days=1)
    elif event.open_end:
        end = None
    return Properties(
        uid=uid(calendar, event),
        summary=without_controls(event.title),
        start=_when(event.start),
        end=end,
        status=_STATUS[event.status],
        category=event.kind.value,
        location=without_controls(event.location),
        description=without_controls(describe(calendar, event)),
        extras=tuple((name, without_controls(value)) for name, value in event_extras(event)),
        zero_duration=end is None and open_end is OpenEnd.DURATION,
    )


# --- VTIMEZONE ---------------------------------------------------------------------------
def _zone_spans(events: Iterable[Event]) -> dict[str, list[tuple[date, date]]]:
    """Per zone, the stretches of days its times fall on. Days less than two margins apart
    share a stretch, so a zone used in 1900 and in 9000 costs two short stretches of
    transitions, not seven thousand years of them."""
    used: dict[str, set[date]] = {}
    for event in events:
        for value in (event.start, event.end):
            key = getattr(getattr(value, "tzinfo", None), "key", None)
            if key is None or not isinstance(value, datetime):
                continue
            used.setdefault(key, set()).add(value.date())
    spans: dict[str, list[tuple[date, date]]] = {}
    for key, days in used.items():
        stretches: list[tuple[date, date]] = []
        for day in sorted(days):
            if stretches and day - stretches[-1][1] <= 2 * _MARGIN:
                stretches[-1] = (stretches[-1][0], day)
            else:
                stretches.append((day, day))
        spans[key] = stretches
    return spans


def _transitions(zone: tzinfo, first: datetime, last: datetime) -> Iterator[datetime]:
    """UTC instants where the zone's offset changes, found day by day, then to the minute."""
    step = timedelta(days=1)
    moment, offset = first, first.astimezone(zone).utcoffset()
    while moment < last:
        following = moment + step
        following_offset = following.astimezone(zone).utcoffset()
        if following_offset != offset:
            low, high = moment, following
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            yield high.replace(second=0, microsecond=0)
        moment, offset = following, following_offset


def _observance(at: datetime, zone: tzinfo, before: timedelta) -> icalendar.Component:
    local = at.astimezone(zone)
    after = local.utcoffset() or timedelta(0)
    dst = local.dst() or timedelta(0)
    component: icalendar.Component = (
        icalendar.TimezoneDaylight() if dst else icalendar.TimezoneStandard()
    )
    # DTSTART is the onset in the local time that was in force before it.
    component.add("dtstart", (at + before).replace(tzinfo=None))
    component.add("tzoffsetfrom", before)
    component.add("tzoffsetto", after)
    component.add("tzname", local.tzname() or "")
    return component


def vtimezone(key: str, low: date, high: date) -> icalendar.Timezone:
    """A VTIMEZONE for zone ``key`` that is right from a year before ``low`` to after ``high``."""
    return _vtimezone(key, [(low, high)])


def _vtimezone(key: str, stretches: Iterable[tuple[date, date]]) -> icalendar.Timezone:
    """A VTIMEZONE that is right from a year before to a year after each stretch of days.

    A client takes the offset of the latest observance that began before an instant, so
    the years between stretches, where no exported time falls, can be left out.
    """
    zone = get_zone(key)
    timezone = icalendar.Timezone()
    timezone.add("tzid", key)
    for low, high in stretches:
        first = datetime(low.year, low.month, low.day, tzinfo=UTC) - _MARGIN
        last = datetime(high.year, high.month, high.day, tzinfo=UTC) + _MARGIN
        offset = first.astimezone(zone).utcoffset() or timedelta(0)
        timezone.add_component(_observance(first, zone, offset))
        for moment in _transitions(zone, first, last):
            timezone.add_component(_observance(moment, zone, offset))
            offset = moment.astimezone(zone).utcoffset() or timedelta(0)
    return timezone


def _vtimezones(events: Iterable[Event]) -> list[icalendar.Timezone]:
    return [_vtimezone(key, stretches) for key, stretches in sorted(_zone_spans(events).items())]


# --- the reference writer: the component API ---------------------------------------------
def to_vevent(properties: Properties, stamp: datetime) -> icalendar.Event:
    """One VEVENT, through the component API."""
    vevent = icalendar.Event()
    vevent.add("uid", properties.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", properties.summary)
    vevent.add("dtstart", properties.start)
    if properties.end is not None:
        vevent.add("dtend", properties.end)
    elif properties.zero_duration:
        vevent.add("duration", timedelta(0))
    vevent.add("status", properties.status)
    vevent.add("categories", [properties.category])
    if properties.location:
        vevent.add("location", properties.location)
    if properties.description:
        vevent.add("description", properties.description)
    for name, value in properties.extras:
        vevent.add(name, escape_text(value))  # the library writes X- values as given
    return vevent


def _vcalendar(calendar: Calendar, events: list[Event]) -> icalendar.Calendar:
    vcalendar = icalendar.Calendar()
    vcalendar.add("prodid", PRODID)
    vcalendar.add("version", "2.0")
    vcalendar.add("calscale", "GREGORIAN")
    # The library writes properties it does not know (NAME in a VCALENDAR, X-WR-CALNAME)
    # as given, so they are escaped here: its own TEXT escaping (vText) would turn a
    # literal backslash-N in the title into a line break.
    title = escape_text(without_controls(calendar.title))
    vcalendar.add("name", title)  # RFC 7986
    vcalendar.add("x-wr-calname", title)  # what most clients still read
    for name, value in calendar_extras(calendar, events):
        vcalendar.add(name, escape_text(without_controls(value)))
    return vcalendar


def reference_icalendar(
    calendar: Calendar,
    events: Iterable[Event] | None = None,
    clock: Clock | None = None,
    open_end: OpenEnd = OpenEnd.DURATION,
) -> bytes:
    """The export built entirely with icalendar's component API (slow; the reference)."""
    chosen = list(calendar.events if events is None else events)
    stamp = stamp_time(calendar, clock)
    vcalendar = _vcalendar(calendar, chosen)
    for vtimezone_component in _vtimezones(chosen):
        vcalendar.add_component(vtimezone_component)
    for event in chosen:
        vcalendar.add_component(to_vevent(event_properties(calendar, event, open_end), stamp))
    data: bytes = vcalendar.to_ical()
    return data


# --- the export writer: the same properties, line by line ------------------------------
def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and newline."""
    return value.translate(_TEXT_ESCAPES)


def _time_line(name: str, value: datetime | date) -> str:
    if not isinstance(value, datetime):
        return f"{name};VALUE=DATE:{value:%Y%m%d}"
    if value.tzinfo is UTC:
        return f"{name}:{value:%Y%m%dT%H%M%S}Z"
    return f"{name};TZID={value.tzinfo.key}:{value:%Y%m%dT%H%M%S}"  # type: ignore[union-attr]


def fold(line: str) -> str:
    """Fold a content line to at most 75 octets per line, never inside a UTF-8 character
    or right after a backslash (some clients misread a split escape)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    pieces: list[bytes] = []
    start, limit = 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back up
            cut -= 1
        if data[cut - 1] == 0x5C and cut - 1 > start:  # keep "\x" together
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, 74  # the leading space of a continuation line counts
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode()


def vevent_lines(properties: Properties, stamp: str) -> list[str]:
    """The content lines of one VEVENT, unfolded."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(properties.uid)}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{escape_text(properties.summary)}",
        _time_line("DTSTART", properties.start),
    ]
    if properties.end is not None:
        lines.append(_time_line("DTEND", properties.end))
    elif properties.zero_duration:
        lines.append("DURATION:P0D")  # the zero DURATION as the icalendar library writes it
    lines += [f"STATUS:{properties.status}", f"CATEGORIES:{escape_text(properties.category)}"]
    if properties.location:
        lines.append(f"LOCATION:{escape_text(properties.location)}")
    if properties.description:
        lines.append(f"DESCRIPTION:{escape_text(properties.description)}")
    lines += [f"{name}:{escape_text(value)}" for name, value in properties.extras]
    lines.append("END:VEVENT")
    return lines


def revision_lines(sequence: int, last_modified: datetime) -> list[str]:
    """SEQUENCE and LAST-MODIFIED (in UTC): a client updates the event it has in place."""
    return [f"SEQUENCE:{sequence}", f"LAST-MODIFIED:{last_modified.astimezone(UTC):%Y%m%dT%H%M%S}Z"]


def to_icalendar(
    calendar: Calendar,
    events: Iterable[Event] | None = None,
    clock: Clock | None = None,
    revisions: Mapping[str, tuple[int, datetime]] | None = None,
    open_end: OpenEnd = OpenEnd.DURATION,
    check: Callable[[int], None] | None = None,
) -> bytes:
    """The iCalendar file for ``events`` (default: all of the calendar's).

    ``revisions`` maps event ids to (SEQUENCE, LAST-MODIFIED); events it names carry both,
    the others neither. An event's own ``updated`` stamp (set by every edit) is its
    LAST-MODIFIED: the time the entry was really changed, not the time an export noticed.
    ``check`` is called every `CHECK_EVERY` events with the number written so far (a
    progress bar's); it may raise, to stop the export (a cancelled worker's).
    """
    chosen = list(calendar.events if events is None else events)
    stamp = f"{stamp_time(calendar, clock):%Y%m%dT%H%M%S}Z"
    head = _vcalendar(calendar, chosen)
    for vtimezone_component in _vtimezones(chosen):
        head.add_component(vtimezone_component)
    # The library writes the calendar's own properties and the VTIMEZONEs; the events go
    # in before END:VCALENDAR.
    written: bytes = head.to_ical()
    opening = written.decode().removesuffix("END:VCALENDAR\r\n")
    # Encoded a few hundred events at a time: one join and encode of the whole file holds
    # the interpreter for a third of a second at 100,000 events, and the app in whose
    # thread this runs draws no frame meanwhile.
    chunks = [opening.encode()]
    lines: list[str] = []
    for number, event in enumerate(chosen):
        if number % CHECK_EVERY == 0:
            if lines:
                chunks.append(("\r\n".join(lines) + "\r\n").encode())
                lines = []
            if check is not None:
                check(number)
        vevent = vevent_lines(event_properties(calendar, event, open_end), stamp)
        if revisions and event.id in revisions:
            sequence, noticed = revisions[event.id]
            # after UID and DTSTAMP
            vevent[3:3] = revision_lines(sequence, event.updated or noticed)
        lines.extend(fold(line) for line in vevent)
    lines.append("END:VCALENDAR")
    chunks.append(("\r\n".join(lines) + "\r\n").encode())
    return b"".join(chunks)
