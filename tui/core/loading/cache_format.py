"""The calendar cache's file format: the model's own fields as JSON, decoded and checked.

An entry is a header line (the format and a SHA-256 of the rest) and JSON. JSON cannot
run code when read, unlike a pickle, whose loader calls whatever the file
names. Every value read back is checked for its type and turned into the model's own
classes here, so a damaged or planted entry raises `CacheFormatError` (or another
`Exception`), never yields a calendar with the wrong shapes.

A time is a text and a zone code: ``2025-10-09`` and ``""`` (a date),
``2025-10-09T11:00:00`` and ``Asia/Dushanbe`` (wall time in an IANA zone; ``Asia/Dushanbe 1``
for the second of a repeated hour) or ``2025-10-09T11:00:00+05:00`` and ``=`` (a fixed
offset).
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from itertools import chain, groupby, repeat
from operator import attrgetter
from typing import Any, BinaryIO, TypeVar
from zoneinfo import ZoneInfo

from tui.core.errors import Diagnostic, Severity
from tui.core.model import Calendar, Country, Event, Kind, Participant, PartOfDay, Status
from tui.core.system.gc_pause import collector_paused
from tui.core.zones import get_zone

FORMAT = "diplocal-calendar-cache/3"  # 3: events have `updated`
T = TypeVar("T")


class CacheFormatError(ValueError):
    """The entry does not hold a calendar in this format."""


# --- writing -------------------------------------------------------------------------------
def _time(value: datetime | date) -> tuple[str, str]:
    """A time as (text, zone code): '' for a date, '=' for a fixed offset (in the text), else
    the IANA key of the wall time's zone, with ' 1' for the second of a repeated hour."""
    if not isinstance(value, datetime):
        return value.isoformat(), ""
    if isinstance(value.tzinfo, ZoneInfo):
        # The wall time: the text up to its offset (years are four digits, see YEARS).
        wall = value.isoformat()[: 26 if value.microsecond else 19]
        return wall, value.tzinfo.key + " 1" * value.fold
    return value.isoformat(), "="


# Events are stored by column: each column is checked with one pass in C (the types of all
# its values), and the model is rebuilt with one `map`, so 100,000 events decode in a
# fraction of a second.
# Each class's fields as this format stores them. A test holds them equal to the model's,
# so that a new field fails there, not as a cache that silently drops it.
_EVENT_COLUMNS = (
    "id",
    "title",
    "start",
    "end",
    "timezone",
    "kind",
    "location",
    "host",
    "participants",
    "status",
    "description",
    "sources",
    "explicit_end",
    "start_estimated",
    "end_estimated",
    "all_day",
    "part_of_day",
    "under_way_at",
    "updated",
)
STORED_FIELDS = {
    Calendar: (
        *("title", "id", "timezone", "description", "sources", "updated"),
        *("countries", "participants", "events"),
    ),
    Country: (
        *("code", "name", "capital", "timezone", "icc_state_party"),
        *("blocs", "borders", "notes", "aliases"),
    ),
    Participant: ("id", "name", "country", "title", "icc_warrant", "notes", "aliases"),
    Event: _EVENT_COLUMNS,
}
_STORED_COLUMNS = (*_EVENT_COLUMNS, "start_zone", "end_zone")


def _columns(events: tuple[Event, ...]) -> dict[str, list[Any]]:
    """Every stored column; each start and end is turned into (text, zone) only once."""
    columns = {name: _column(events, name) for name in _EVENT_COLUMNS}
    for name in ("start", "end"):
        texts, zones = zip(*map(_time, columns[name]), strict=True) if events else ((), ())
        columns[name], columns[f"{name}_zone"] = list(texts), list(zones)
    return columns


def _column(events: tuple[Event, ...], name: str) -> list[Any]:
    values = [getattr(event, name) for event in events]
    if name in ("kind", "status"):
        return [value.value for value in values]
    if name == "part_of_day":
        return [[part.value for part in parts] for parts in values]
    if name in ("under_way_at", "updated"):
        return [None if value is None else _time(value) for value in values]
    return values


def encode(calendar: Calendar, warnings: list[Diagnostic]) -> bytes:
    """The cache entry for a validated calendar and the warnings found loading it."""
    with collector_paused():  # a million new texts and lists: no cycles, many collections
        return _encoded(calendar, warnings)


def _encoded(calendar: Calendar, warnings: list[Diagnostic]) -> bytes:
    countries = [
        [
            *(c.code, c.name, c.capital, c.timezone, c.icc_state_party),
            *(c.blocs, c.borders, c.notes, c.aliases),
        ]
        for c in calendar.countries.values()
    ]
    people = [
        [p.id, p.name, p.country, p.title, p.icc_warrant, p.notes, p.aliases]
        for p in calendar.participants.values()
    ]
    document = {
        "calendar": [
            calendar.title,
            calendar.id,
            calendar.timezone,
            calendar.description,
            calendar.sources,
            None if calendar.updated is None else _time(calendar.updated),
        ],
        "countries": countries,
        "participants": people,
        "events": _columns(calendar.events),
        "warnings": [[w.line, w.column, w.message, w.severity.value] for w in warnings],
    }
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return _header(payload) + payload


def _header(payload: bytes | memoryview) -> bytes:
    # A digest of the rest: a flipped bit that still decodes is caught, not believed.
    return f"{FORMAT} {hashlib.sha256(payload).hexdigest()}\n".encode()


# --- reading -------------------------------------------------------------------------------
def _typed(value: object, kind: type[T]) -> T:
    # bool is an int in Python, not in this format.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CacheFormatError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _texts(value: object) -> tuple[str, ...]:
    return tuple(_typed(item, str) for item in _typed(value, list))


def _optional(value: object, kind: type[T]) -> T | None:
    return None if value is None else _typed(value, kind)


def _row(value: object, width: int) -> list[Any]:
    row = _typed(value, list)
    if len(row) != width:
        raise CacheFormatError(f"expected {width} fields, found {len(row)}")
    return row


def _times(texts: list[Any], zones: list[Any]) -> list[datetime | date]:
    """Times from their stored texts and zone codes (see ``_time``), decoded a zone at a
    time so that the work per value runs in C."""
    if len(_all(texts, str)) != len(_all(zones, str)):
        raise CacheFormatError("times and zones of different lengths")
    # Positions grouped by zone with a sort, values put back with map: no Python loop
    # runs per value.
    order = sorted(range(len(zones)), key=zones.__getitem__)
    result: list[datetime | date] = [date.min] * len(texts)
    for zone, group in groupby(order, key=zones.__getitem__):
        positions = list(group)
        values = _parse_times(zone, list(map(texts.__getitem__, positions)))
        deque(map(result.__setitem__, positions, values), maxlen=0)
    return result


def _parse_times(zone: str, texts: list[str]) -> list[datetime | date] | list[datetime]:
    if not zone:
        return list(map(date.fromisoformat, texts))  # refuses anything but a date
    moments = list(map(datetime.fromisoformat, texts))
    offsets = set(map(attrgetter("tzinfo"), moments))
    if zone == "=":
        if None in offsets:
            raise CacheFormatError("a time without an offset")
        return moments
    key, _, fold = zone.partition(" ")
    if offsets != {None} or fold not in ("", "1"):
        raise CacheFormatError(f"not a wall time in a zone: {zone!r}")
    times: Iterable[time] = map(datetime.time, moments)
    if fold:
        times = (moment.replace(fold=1) for moment in times)
    # combine takes the zone as an argument, so map runs it in C (replace wants a keyword).
    return list(map(datetime.combine, map(datetime.date, moments), times, repeat(get_zone(key))))


def _country(row: object) -> Country:
    code, name, capital, zone, icc, blocs, borders, notes, aliases = _row(row, 9)
    if zone is not None:
        get_zone(_typed(zone, str))
    return Country(
        _typed(code, str),
        _typed(name, str),
        _typed(capital, str),
        zone,
        _optional(icc, bool),
        _texts(blocs),
        _texts(borders),
        _typed(notes, str),
        _texts(aliases),
    )


def _participant(row: object) -> Participant:
    pid, name, country, title, warrant, notes, aliases = _row(row, 7)
    return Participant(
        _typed(pid, str),
        _typed(name, str),
        _typed(country, str),
        _typed(title, str),
        _typed(warrant, bool),
        _typed(notes, str),
        _texts(aliases),
    )


def _all(values: list[Any], *kinds: type) -> list[Any]:
    """``values`` when each has exactly one of ``kinds`` (bool is not int here)."""
    if not set(map(type, values)) <= set(kinds):
        raise CacheFormatError(f"a column holds other than {kinds}")
    return values


def _tuples(values: list[Any]) -> list[tuple[str, ...]]:
    _all(values, list)
    shared = _shared(_all(list(chain.from_iterable(values)), str))
    return [tuple(map(shared.__getitem__, value)) for value in values]


def _shared(values: list[Any]) -> dict[Any, Any]:
    """One object for each distinct value: 100,000 events name the same few people, zones
    and places, and JSON gives each mention a string of its own."""
    return {value: value for value in set(values)}


def _one_each(values: list[Any]) -> list[Any]:
    """``values`` with equal values made the same object (see ``_shared``)."""
    return list(map(_shared(values).__getitem__, values))


def _mapped(values: list[Any], build: Callable[[Any], T]) -> list[T]:
    """Each distinct value built once: times and kinds repeat across events."""
    built = {value: build(value) for value in set(_all(values, str))}
    return [built[value] for value in values]


def _events(columns: object) -> tuple[Event, ...]:
    table = _typed(columns, dict)
    if tuple(table) != _STORED_COLUMNS or len({len(_typed(c, list)) for c in table.values()}) > 1:
        raise CacheFormatError("not the event columns of this version")
    starts = _times(table["start"], table["start_zone"])
    ends = _times(table["end"], table["end_zone"])
    if list(map(type, starts)) != list(map(type, ends)):
        raise CacheFormatError("start and end of different kinds")
    rebuilt = {
        "id": _all(table["id"], str),
        "title": _all(table["title"], str),
        "start": starts,
        "end": ends,
        "timezone": _one_each(_all(table["timezone"], str, type(None))),
        "kind": _mapped(table["kind"], Kind),
        "location": _one_each(_all(table["location"], str)),
        "host": _one_each(_all(table["host"], str, type(None))),
        "participants": _tuples(table["participants"]),
        "status": _mapped(table["status"], Status),
        "description": _all(table["description"], str),
        "sources": _tuples(table["sources"]),
        "explicit_end": _all(table["explicit_end"], bool),
        "start_estimated": _all(table["start_estimated"], bool),
        "end_estimated": _all(table["end_estimated"], bool),
        "all_day": _all(table["all_day"], bool),
        "part_of_day": _parts(table["part_of_day"]),
        "under_way_at": _reports(table["under_way_at"]),
        "updated": _reports(table["updated"]),
    }
    return tuple(map(Event, *(rebuilt[name] for name in _EVENT_COLUMNS)))


def _parts(values: list[Any]) -> list[tuple[PartOfDay, ...]]:
    """Each event's parts of day (most have none), each distinct part built once."""
    _all(values, list)
    built = {name: PartOfDay(name) for name in set(_all(list(chain.from_iterable(values)), str))}
    return [tuple(map(built.__getitem__, parts)) if parts else () for parts in values]


def _reports(values: list[Any]) -> list[datetime | None]:
    """The optional 'under way at' moments: None, or a stored (text, zone) time."""
    found = [n for n, value in enumerate(values) if value is not None]
    rows = [_row(values[n], 2) for n in found]
    moments = _times([r[0] for r in rows], [r[1] for r in rows])
    result: list[datetime | None] = [None] * len(values)
    for n, moment in zip(found, moments, strict=True):
        if not isinstance(moment, datetime):
            raise CacheFormatError("a report's moment is a date")
        result[n] = moment
    return result


def _keyed(rows: object, build: Callable[[object], T], key: Callable[[T], str]) -> dict[str, T]:
    built = [build(row) for row in _typed(rows, list)]
    return {key(item): item for item in built}


def decode(data: bytes, file: str) -> tuple[Calendar, list[Diagnostic]]:
    """The calendar and warnings in a cache entry, the warnings naming ``file``.

    Raises:
        CacheFormatError, ValueError, KeyError, RecursionError...: any ``Exception`` means
            the entry is unusable.
    """
    return _decoded(json.loads(payload(data)), file)


def read(stream: BinaryIO, file: str) -> tuple[Calendar, list[Diagnostic]]:
    """``decode`` of the entry in ``stream``, keeping neither its bytes nor its text once
    parsed: at 100,000 events they are 45 MB and 45-90 MB, the peak of a warm load."""
    text = payload(stream.read())
    document = json.loads(text)
    del text
    return _decoded(document, file)


def payload(data: bytes) -> str:
    """The JSON text of an entry whose header and digest check out (copied once, as text).

    Raises:
        CacheFormatError: another format, or damaged.
    """
    end = data.find(b"\n")
    body = memoryview(data)[end + 1 :]
    if end < 0 or data[: end + 1] != _header(body):
        raise CacheFormatError("another format, or damaged")
    return str(body, "utf-8")


def _decoded(parsed: object, file: str) -> tuple[Calendar, list[Diagnostic]]:
    document = _typed(parsed, dict)
    title, slug, zone, description, sources, updated = _row(document["calendar"], 6)
    get_zone(_typed(zone, str))
    changed = None
    if updated is not None:
        text, zone_code = _row(updated, 2)
        changed = _times([text], [zone_code])[0]
    if changed is not None and not isinstance(changed, datetime):
        raise CacheFormatError("updated is not a date-time")
    calendar = Calendar(
        title=_typed(title, str),
        id=_typed(slug, str),
        timezone=zone,
        description=_typed(description, str),
        sources=_texts(sources),
        updated=changed,
        countries=_keyed(document["countries"], _country, lambda c: c.code),
        participants=_keyed(document["participants"], _participant, lambda p: p.id),
        events=_events(document["events"]),
    )
    warnings = [_warning(row, file) for row in _typed(document["warnings"], list)]
    return calendar, warnings


def _warning(row: object, file: str) -> Diagnostic:
    line, column, message, severity = _row(row, 4)
    return Diagnostic(
        file, _typed(line, int), _typed(column, int), _typed(message, str), Severity(severity)
    )
