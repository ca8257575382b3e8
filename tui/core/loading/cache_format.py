"""The calendar cache's file format: the model's own fields as JSON, decoded and checked.

An entry is a header line (the format and a SHA-256 of the rest), then lines of JSON: one
for the calendar, its countries, participants and warnings, then one per `CHUNK` events.
Events are read a line at a time, so the decoded JSON of the whole calendar never stands
beside its model (it was the peak of a warm load). JSON cannot run code when read, unlike
a pickle, whose loader calls whatever the file names. Every value read back is checked for
its type and turned into the model's own classes (`cache_values`), so a damaged or planted
entry raises `CacheFormatError` (or another `Exception`), never yields a calendar with the
wrong shapes.

A time is a text and a zone code: ``2025-10-09`` and ``""`` (a date),
``2025-10-09T11:00:00`` and ``Asia/Dushanbe`` (wall time in an IANA zone; ``Asia/Dushanbe 1``
for the second of a repeated hour) or ``2025-10-09T11:00:00+05:00`` and ``=`` (a fixed
offset).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from itertools import chain
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from tui.core.errors import Diagnostic, Severity
from tui.core.loading.cache_values import (
    CacheFormatError,
    Pool,
    all_of,
    country,
    fields_of,
    keyed,
    mapped,
    one_each,
    participant,
    parts,
    reports,
    texts,
    times,
    tuples,
    typed,
)
from tui.core.model import Calendar, Country, Event, Kind, Participant, Status
from tui.core.system.gc_pause import collector_paused

__all__ = [  # what other modules use, CacheFormatError from cache_values among it
    "CHUNK",
    "FORMAT",
    "STORED_FIELDS",
    "CacheFormatError",
    "decode",
    "encode",
    "read",
    "write",
    "write_lines",
    "write_under_header",
]
from tui.core.zones import get_zone

FORMAT = "diplocal-calendar-cache/4"  # 3: events have `updated`; 4: a line per chunk
CHUNK = 1000  # events a line: each one's columns are checked and built in C, as before


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


def _columns(events: Sequence[Event]) -> dict[str, list[Any]]:
    """Every stored column; each start and end is turned into (text, zone) only once."""
    columns = {name: _column(events, name) for name in _EVENT_COLUMNS}
    for name in ("start", "end"):
        texts, zones = zip(*map(_time, columns[name]), strict=True) if events else ((), ())
        columns[name], columns[f"{name}_zone"] = list(texts), list(zones)
    return columns


def _column(events: Sequence[Event], name: str) -> list[Any]:
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
    stream = io.BytesIO()
    write(stream, calendar, warnings)
    return stream.getvalue()


def write(stream: BinaryIO, calendar: Calendar, warnings: list[Diagnostic]) -> None:
    """Write ``encode``'s entry into ``stream`` (seekable) a line at a time: each chunk's
    columns are made, turned into JSON, digested and written, then let go, so the entry
    (45 MB at 100,000 events) is never whole in memory beside the model."""
    with collector_paused():  # a million new texts and lists: no cycles, many collections
        events = calendar.events
        starts = range(0, len(events), CHUNK)
        chunks = (_columns(events[n : n + CHUNK]) for n in starts)
        write_lines(stream, _head(calendar, warnings), len(starts), chunks)


def _head(calendar: Calendar, warnings: list[Diagnostic]) -> dict[str, Any]:
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
    return {
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
        "warnings": [[w.line, w.column, w.message, w.severity.value] for w in warnings],
    }


def write_lines(
    stream: BinaryIO, head: dict[str, Any], count: int, chunks: Iterable[dict[str, list[Any]]]
) -> None:
    """Write an entry: the header, ``head`` (told that ``count`` chunks follow), the chunks.

    Raises:
        ValueError: ``chunks`` were not ``count``; what was written is not an entry.
    """
    lines = chain([_line({**head, "chunks": count})], map(_line, chunks))
    written = write_under_header(stream, _header, lines) - 1  # the head's line is no chunk
    if written != count:
        raise ValueError(f"{written} chunks written, {count} announced")


def write_under_header(
    stream: BinaryIO, header: Callable[[hashlib._Hash], bytes], parts: Iterable[bytes]
) -> int:
    """Write ``parts`` as they come, under a header of fixed length that holds their
    digest: a stand-in keeps its place until the digest is known, then is written over,
    so the parts are never all held at once. Returns how many parts were written."""
    at = stream.tell()
    stream.write(header(hashlib.sha256()))
    digest = hashlib.sha256()
    count = 0
    for part in parts:
        digest.update(part)
        stream.write(part)
        count += 1
    end = stream.tell()
    stream.seek(at)
    stream.write(header(digest))
    stream.seek(end)
    return count


def _line(value: object) -> bytes:
    # JSON escapes every control character in a text: a line break only ends a line.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _header(digest: hashlib._Hash) -> bytes:
    # A digest of the rest: a flipped bit that still decodes is caught, not believed.
    return f"{FORMAT} {digest.hexdigest()}\n".encode()


# --- reading -------------------------------------------------------------------------------
def _events(columns: object, pool: Pool) -> map[Event]:
    table = typed(columns, dict)
    if tuple(table) != _STORED_COLUMNS or len({len(typed(c, list)) for c in table.values()}) > 1:
        raise CacheFormatError("not the event columns of this version")
    starts = times(table["start"], table["start_zone"])
    ends = times(table["end"], table["end_zone"])
    if list(map(type, starts)) != list(map(type, ends)):
        raise CacheFormatError("start and end of different kinds")
    rebuilt = {
        "id": all_of(table["id"], str),
        "title": all_of(table["title"], str),
        "start": starts,
        "end": ends,
        "timezone": one_each(all_of(table["timezone"], str, type(None)), pool),
        "kind": mapped(table["kind"], Kind),
        "location": one_each(all_of(table["location"], str), pool),
        "host": one_each(all_of(table["host"], str, type(None)), pool),
        "participants": tuples(table["participants"], pool),
        "status": mapped(table["status"], Status),
        "description": all_of(table["description"], str),
        "sources": tuples(table["sources"], pool),
        "explicit_end": all_of(table["explicit_end"], bool),
        "start_estimated": all_of(table["start_estimated"], bool),
        "end_estimated": all_of(table["end_estimated"], bool),
        "all_day": all_of(table["all_day"], bool),
        "part_of_day": parts(table["part_of_day"]),
        "under_way_at": reports(table["under_way_at"]),
        "updated": reports(table["updated"]),
    }
    return map(Event, *(rebuilt[name] for name in _EVENT_COLUMNS))


def decode(data: bytes, file: str) -> tuple[Calendar, list[Diagnostic]]:
    """The calendar and warnings in a cache entry, the warnings naming ``file``.

    Raises:
        CacheFormatError, ValueError, KeyError, RecursionError...: any ``Exception`` means
            the entry is unusable.
    """
    return read(io.BytesIO(data), file)


def read(stream: BinaryIO, file: str) -> tuple[Calendar, list[Diagnostic]]:
    """``decode`` of the entry in ``stream``, a line at a time: at 100,000 events the
    entry is 45 MB, and its JSON decoded whole was as large again as the model.

    The digest is checked once every line was read: a value that fails its check first
    makes a miss as well.
    """
    header = stream.readline()
    digest = hashlib.sha256()

    def line() -> bytes:
        text = stream.readline()
        if not text.endswith(b"\n"):
            raise CacheFormatError("cut short")
        digest.update(text)
        return text

    head = typed(json.loads(line()), dict)
    countries = keyed(head["countries"], country, lambda c: c.code)
    participants = keyed(head["participants"], participant, lambda p: p.id)
    pool: Pool = {key: key for key in chain(countries, participants)}
    events: list[Event] = []
    for _ in range(typed(head["chunks"], int)):
        events.extend(_events(json.loads(line()), pool))
    if stream.read(1) or header != _header(digest):
        raise CacheFormatError("another format, or damaged")
    calendar = _calendar(head["calendar"], countries, participants, tuple(events))
    warnings = [_warning(row, file) for row in typed(head["warnings"], list)]
    return calendar, warnings


def _calendar(
    row: object,
    countries: dict[str, Country],
    participants: dict[str, Participant],
    events: tuple[Event, ...],
) -> Calendar:
    title, slug, zone, description, sources, updated = fields_of(row, 6)
    get_zone(typed(zone, str))
    changed = None
    if updated is not None:
        text, zone_code = fields_of(updated, 2)
        changed = times([text], [zone_code])[0]
    if changed is not None and not isinstance(changed, datetime):
        raise CacheFormatError("updated is not a date-time")
    return Calendar(
        title=typed(title, str),
        id=typed(slug, str),
        timezone=zone,
        description=typed(description, str),
        sources=texts(sources),
        updated=changed,
        countries=countries,
        participants=participants,
        events=events,
    )


def _warning(row: object, file: str) -> Diagnostic:
    line, column, message, severity = fields_of(row, 4)
    return Diagnostic(
        file, typed(line, int), typed(column, int), typed(message, str), Severity(severity)
    )
