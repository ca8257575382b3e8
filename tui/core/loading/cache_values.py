"""The values of a calendar cache entry, each checked for its type as it is read back
(`cache_format`): a damaged or planted entry raises `CacheFormatError` (or another
`Exception`), never yields a model with the wrong shapes.

Most checks take a whole column of values at once (one pass in C over their types), and
the model's values are built with ``map``: no Python loop runs per event.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from itertools import chain, groupby, repeat
from operator import attrgetter
from typing import Any, TypeVar

from tui.core.model import Country, Participant, PartOfDay
from tui.core.zones import get_zone

T = TypeVar("T")


class CacheFormatError(ValueError):
    """The entry does not hold a calendar in this format."""


def typed(value: object, kind: type[T]) -> T:
    # bool is an int in Python, not in this format.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CacheFormatError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def texts(value: object) -> tuple[str, ...]:
    return tuple(typed(item, str) for item in typed(value, list))


def optional(value: object, kind: type[T]) -> T | None:
    return None if value is None else typed(value, kind)


def fields_of(value: object, width: int) -> list[Any]:
    row = typed(value, list)
    if len(row) != width:
        raise CacheFormatError(f"expected {width} fields, found {len(row)}")
    return row


def times(texts: list[Any], zones: list[Any]) -> list[datetime | date]:
    """Times from their stored texts and zone codes (see ``_time``), decoded a zone at a
    time so that the work per value runs in C."""
    if len(all_of(texts, str)) != len(all_of(zones, str)):
        raise CacheFormatError("times and zones of different lengths")
    # Positions grouped by zone with a sort, values put back with map: no Python loop
    # runs per value.
    order = sorted(range(len(zones)), key=zones.__getitem__)
    result: list[datetime | date] = [date.min] * len(texts)
    for zone, group in groupby(order, key=zones.__getitem__):
        positions = list(group)
        values = parse_times(zone, list(map(texts.__getitem__, positions)))
        deque(map(result.__setitem__, positions, values), maxlen=0)
    return result


def parse_times(zone: str, texts: list[str]) -> list[datetime | date] | list[datetime]:
    if not zone:
        # One object per distinct date (only dates pass): the all-day events of a day share it.
        return mapped(texts, date.fromisoformat)
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


def country(row: object) -> Country:
    code, name, capital, zone, icc, blocs, borders, notes, aliases = fields_of(row, 9)
    if zone is not None:
        get_zone(typed(zone, str))
    return Country(
        typed(code, str),
        typed(name, str),
        typed(capital, str),
        zone,
        optional(icc, bool),
        texts(blocs),
        texts(borders),
        typed(notes, str),
        texts(aliases),
    )


def participant(row: object) -> Participant:
    pid, name, country, title, warrant, notes, aliases = fields_of(row, 7)
    return Participant(
        typed(pid, str),
        typed(name, str),
        typed(country, str),
        typed(title, str),
        typed(warrant, bool),
        typed(notes, str),
        texts(aliases),
    )


def all_of(values: list[Any], *kinds: type) -> list[Any]:
    """``values`` when each has exactly one of ``kinds`` (bool is not int here)."""
    if not set(map(type, values)) <= set(kinds):
        raise CacheFormatError(f"a column holds other than {kinds}")
    return values


def tuples(values: list[Any], pool: Pool) -> list[tuple[str, ...]]:
    all_of(values, list)
    shared = shared_in(all_of(list(chain.from_iterable(values)), str), pool)
    return [tuple(map(shared.__getitem__, value)) for value in values]


# One object for each distinct value, across the chunks of an entry: 100,000 events name
# the same few people, zones and places, and JSON gives each mention a string of its own.
Pool = dict[Any, Any]


def shared_in(values: list[Any], pool: Pool) -> Pool:
    """``pool``, holding each of ``values``."""
    distinct = set(values)
    deque(map(pool.setdefault, distinct, distinct), maxlen=0)
    return pool


def one_each(values: list[Any], pool: Pool) -> list[Any]:
    """``values`` with equal values made the same object (see ``Pool``)."""
    return list(map(shared_in(values, pool).__getitem__, values))


def mapped(values: list[Any], build: Callable[[Any], T]) -> list[T]:
    """Each distinct value built once: times and kinds repeat across events."""
    built = {value: build(value) for value in set(all_of(values, str))}
    return [built[value] for value in values]


def parts(values: list[Any]) -> list[tuple[PartOfDay, ...]]:
    """Each event's parts of day (most have none), each distinct part built once."""
    all_of(values, list)
    built = {name: PartOfDay(name) for name in set(all_of(list(chain.from_iterable(values)), str))}
    return [tuple(map(built.__getitem__, parts)) if parts else () for parts in values]


def reports(values: list[Any]) -> list[datetime | None]:
    """The optional 'under way at' moments: None, or a stored (text, zone) time."""
    found = [n for n, value in enumerate(values) if value is not None]
    rows = [fields_of(values[n], 2) for n in found]
    moments = times([r[0] for r in rows], [r[1] for r in rows])
    result: list[datetime | None] = [None] * len(values)
    for n, moment in zip(found, moments, strict=True):
        if not isinstance(moment, datetime):
            raise CacheFormatError("a report's moment is a date")
        result[n] = moment
    return result


def keyed(rows: object, build: Callable[[object], T], key: Callable[[T], str]) -> dict[str, T]:
    built = [build(row) for row in typed(rows, list)]
    return {key(item): item for item in built}
