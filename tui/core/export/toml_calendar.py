"""Calendar -> a self-contained TOML calendar that `diplocal check` accepts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import tomli_w

from tui.core.model import Calendar, Country, Event, Kind, Participant, Status
from tui.core.text import toml_escapes


def _drop_empty(table: dict[str, Any]) -> dict[str, Any]:
    """Leave out optional keys that hold nothing, as a person would write the file."""
    return {k: v for k, v in table.items() if v not in ("", (), [], None)}


def country_table(country: Country) -> dict[str, Any]:
    """A country's table as the file would hold it (without its code, the table's key)."""
    return _drop_empty(
        {
            "name": country.name,
            "capital": country.capital,
            "timezone": country.timezone,
            "icc_state_party": country.icc_state_party,
            "blocs": list(country.blocs),
            "borders": list(country.borders),
            "notes": country.notes,
            "aliases": list(country.aliases),
        }
    )


def participant_table(person: Participant) -> dict[str, Any]:
    """A participant's table as the file would hold it (without its id, the table's key)."""
    return _drop_empty(
        {
            "name": person.name,
            "title": person.title,
            "country": person.country,
            "icc_warrant": person.icc_warrant or None,
            "notes": person.notes,
            "aliases": list(person.aliases),
        }
    )


def _time(value: datetime | date, zoned: bool) -> datetime | date:
    # A zoned time is written as local wall time, with the zone beside it.
    if isinstance(value, datetime) and zoned:
        return value.replace(tzinfo=None)
    return value


def _event(event: Event, calendar_zone: str) -> dict[str, Any]:
    zoned = event.timezone is not None and not event.dated
    own_zone = event.timezone if event.timezone != calendar_zone else None
    table: dict[str, Any] = {
        "id": event.id,
        "title": event.title,
        "kind": event.kind.value if event.kind is not Kind.OTHER else None,
        "start": _time(event.start, zoned),
        "end": _time(event.end, zoned) if event.explicit_end else None,
        "timezone": own_zone if zoned or event.dated else None,
        "all_day": event.all_day or None,
        "part_of_day": _parts(event),
        "under_way_at": _under_way(event),
        "location": event.location,
        "host": event.host,
        "participants": list(event.participants),
        "status": event.status.value if event.status is not Status.CONFIRMED else None,
        "approximate": _approximate(event),
        "description": event.description,
        "sources": list(event.sources),
        "updated": event.updated,
    }
    return _drop_empty(table)


def _approximate(event: Event) -> bool | list[str] | None:
    """`true` when every time the file gives is an estimate, else the ones that are."""
    every_time = event.start_estimated and (event.end_estimated or not event.explicit_end)
    if every_time:
        return True
    named = [
        name
        for name, flag in (("start", event.start_estimated), ("end", event.end_estimated))
        if flag
    ]
    return named or None


def _parts(event: Event) -> str | list[str] | None:
    names = [part.value for part in event.part_of_day]
    if len(names) == 1:
        return names[0]
    return names or None


def _under_way(event: Event) -> datetime | None:
    moment = event.under_way_at
    if moment is None:
        return None
    # In the venue's zone, written as wall time like the event's other times.
    in_venue = getattr(moment.tzinfo, "key", None) == event.timezone
    return moment.replace(tzinfo=None) if in_venue else moment


def to_toml(calendar: Calendar, events: Iterable[Event] | None = None) -> str:
    """TOML holding ``events`` and exactly the participants and countries they reference."""
    chosen = list(calendar.events if events is None else events)
    people = {pid for event in chosen for pid in event.participants}
    codes = {calendar.participants[pid].country for pid in people}
    codes |= {event.host for event in chosen if event.host}
    header = _drop_empty(
        {
            "title": calendar.title,
            "id": calendar.id,
            "timezone": calendar.timezone,
            "description": calendar.description,
            "sources": list(calendar.sources),
            "updated": calendar.updated,
        }
    )
    document: dict[str, Any] = {
        "calendar": header,
        "countries": {c: country_table(calendar.countries[c]) for c in sorted(codes)},
        "participants": {p: participant_table(calendar.participants[p]) for p in sorted(people)},
        "events": [_event(event, calendar.timezone) for event in chosen],
    }
    # Multi-line strings read better, but tomli-w writes a CRLF inside one as a bare newline:
    # a calendar holding a CR is written with one-line strings, which keep every character.
    multiline = not _holds_carriage_return(document)
    return toml_escapes(tomli_w.dumps(document, multiline_strings=multiline))


def _holds_carriage_return(value: object) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_holds_carriage_return(v) or "\r" in k for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_carriage_return(v) for v in value)
    return False
