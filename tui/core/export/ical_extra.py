"""The X- properties by which an export says what iCalendar cannot, so an import rebuilds it.

iCalendar has no words for a part of the day, an estimated time, a report that an event was
under way, a host country or participant ids; the export says them in plain language in the
DESCRIPTION for people, and here, once more, for `diplocal import`. Other clients keep X-
properties they do not know and ignore them (RFC 5545 3.8.8.2).

Per event:

- ``X-DIPLOCAL-TIME``: ``all-day`` or ``not-announced`` (a VALUE=DATE event is otherwise
  read as all-day, as every other client shows it);
- ``X-DIPLOCAL-PART-OF-DAY``: ``evening``, or a range ``afternoon/evening``;
- ``X-DIPLOCAL-UNDER-WAY-AT``: a report's moment in UTC, ``20251008T173800Z``;
- ``X-DIPLOCAL-TIMEZONE``: the venue's zone of a dated event (a DATE has none);
- ``X-DIPLOCAL-ESTIMATED``: ``start``, ``end`` or ``start end``;
- ``X-DIPLOCAL-HOST``, ``X-DIPLOCAL-PARTICIPANTS`` (ids, space-separated);
- ``X-DIPLOCAL-DESCRIPTION``: the event's own description (DESCRIPTION adds the rest);
- ``X-DIPLOCAL-SOURCE``: one per source, in order.

Per calendar: ``X-DIPLOCAL-ID``, ``X-DIPLOCAL-TIMEZONE``, and one ``X-DIPLOCAL-COUNTRY`` and
``X-DIPLOCAL-PARTICIPANT`` per country and participant the events reference, each a JSON
object holding the table the TOML export would write.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from tui.core.export.toml_calendar import country_table, participant_table
from tui.core.model import Calendar, Country, Event, Participant

PREFIX = "X-DIPLOCAL-"
TIME = PREFIX + "TIME"
PART_OF_DAY = PREFIX + "PART-OF-DAY"
UNDER_WAY_AT = PREFIX + "UNDER-WAY-AT"
TIMEZONE = PREFIX + "TIMEZONE"
ESTIMATED = PREFIX + "ESTIMATED"
HOST = PREFIX + "HOST"
PARTICIPANTS = PREFIX + "PARTICIPANTS"
DESCRIPTION = PREFIX + "DESCRIPTION"
SOURCE = PREFIX + "SOURCE"
CALENDAR_ID = PREFIX + "ID"
COUNTRY = PREFIX + "COUNTRY"
PARTICIPANT = PREFIX + "PARTICIPANT"
ALL_DAY, NOT_ANNOUNCED = "all-day", "not-announced"
UTC_FORMAT = "%Y%m%dT%H%M%SZ"


def event_extras(event: Event) -> list[tuple[str, str]]:
    """The X- properties of one event, as (name, plain text)."""
    extras: list[tuple[str, str]] = []
    if event.dated:
        if event.all_day:
            extras.append((TIME, ALL_DAY))
        elif event.time_not_announced:
            extras.append((TIME, NOT_ANNOUNCED))
        if event.part_of_day:
            extras.append((PART_OF_DAY, "/".join(p.value for p in event.part_of_day)))
        if event.under_way_at is not None:
            moment = event.under_way_at.astimezone(UTC)
            extras.append((UNDER_WAY_AT, f"{moment:{UTC_FORMAT}}"))
        if event.timezone:
            extras.append((TIMEZONE, event.timezone))
    estimated = [
        n for n, f in (("start", event.start_estimated), ("end", event.end_estimated)) if f
    ]
    if estimated:
        extras.append((ESTIMATED, " ".join(estimated)))
    if event.host:
        extras.append((HOST, event.host))
    if event.participants:
        extras.append((PARTICIPANTS, " ".join(event.participants)))
    if event.description:
        extras.append((DESCRIPTION, event.description))
    extras += [(SOURCE, source) for source in event.sources]
    return extras


def _country(country: Country) -> dict[str, Any]:
    return {"code": country.code, **country_table(country)}


def _participant(person: Participant) -> dict[str, Any]:
    return {"id": person.id, **participant_table(person)}


def calendar_extras(calendar: Calendar, events: Iterable[Event]) -> list[tuple[str, str]]:
    """The calendar's X- properties: its id and zone, and who and where its events name."""
    chosen = list(events)
    people = sorted({pid for event in chosen for pid in event.participants})
    codes = {calendar.participants[pid].country for pid in people if pid in calendar.participants}
    codes |= {event.host for event in chosen if event.host}
    extras = [(CALENDAR_ID, calendar.id), (TIMEZONE, calendar.timezone)]
    for code in sorted(c for c in codes if c in calendar.countries):
        extras.append((COUNTRY, _json(_country(calendar.countries[code]))))
    for pid in people:
        if pid in calendar.participants:
            extras.append((PARTICIPANT, _json(_participant(calendar.participants[pid]))))
    return extras


def _json(table: dict[str, Any]) -> str:
    return json.dumps(table, ensure_ascii=False, separators=(",", ":"))


def read_definition(value: str) -> dict[str, Any] | None:
    """A COUNTRY or PARTICIPANT definition, or None when it is not a JSON object."""
    try:
        table = json.loads(value)
    except ValueError:
        return None
    return table if isinstance(table, dict) else None


def read_utc(value: str) -> datetime | None:
    """An UNDER-WAY-AT moment, or None when it is not in the form written."""
    try:
        return datetime.strptime(value.strip(), UTC_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
