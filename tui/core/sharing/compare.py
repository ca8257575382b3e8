"""What differs between an event on the server and the one diplocal would publish.

Servers store what they are sent in their own serialisation (Radicale through vobject), so
content is compared property by property, times as (wall time, zone), not byte by byte.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar

from tui.core.sharing.resources import Resource

COMPARED = (
    "SUMMARY",
    "DTSTART",
    "DTEND",
    "DURATION",
    "STATUS",
    "CATEGORIES",
    "LOCATION",
    "DESCRIPTION",
)
_SHOWN = 60  # characters of a value quoted in a report


def _vevent(data: bytes) -> icalendar.Component | None:
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError):
        return None
    for component in calendar.walk("VEVENT"):
        return component
    return None


def _value(component: icalendar.Component, name: str) -> str:
    """A property's value as words that are equal when the values mean the same."""
    found = component.get(name)
    if found is None:
        return ""
    if name == "CATEGORIES":
        return ",".join(str(c) for item in _listed(found) for c in item.cats)
    moment = getattr(found, "dt", None)
    if isinstance(moment, datetime):
        zone = getattr(moment.tzinfo, "key", None)
        if zone is None and moment.tzinfo is not None:
            return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"
        return f"{moment:%Y-%m-%d %H:%M:%S} {zone or 'floating'}"
    if isinstance(moment, date):
        return f"{moment:%Y-%m-%d}"
    if moment is not None:  # a DURATION
        return str(moment)
    return str(found)


def _listed(value: object) -> list[icalendar.prop.vCategory]:
    return value if isinstance(value, list) else [value]  # type: ignore[list-item]


def _shown(value: str) -> str:
    short = value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"
    return f'"{short}"' if value else "(none)"


def differences(data: bytes, resource: Resource) -> tuple[str, ...]:
    """One line per property that differs: 'SUMMARY: "x" on the server, "y" here'."""
    theirs = _vevent(data)
    if theirs is None:
        return ("not a readable iCalendar event on the server",)
    ours = _vevent(resource.data(0, datetime(2000, 1, 1, tzinfo=UTC)))
    assert ours is not None  # our own export always parses
    found = []
    for name in COMPARED:
        there, here = _value(theirs, name), _value(ours, name)
        if there != here:
            found.append(f"{name}: {_shown(there)} on the server, {_shown(here)} here")
    return tuple(found)


def sequence_of(data: bytes) -> int:
    """The event's SEQUENCE on the server (0 when it has none or it cannot be read)."""
    event = _vevent(data)
    if event is None:
        return 0
    try:
        return int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0
