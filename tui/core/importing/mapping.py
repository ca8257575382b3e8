"""One VEVENT -> the table of one ``[[events]]`` entry, or the reason it cannot be one.

Times keep what the file says and nothing more: a zoned time keeps its IANA zone (icalendar
maps Windows names such as "Russian Standard Time"), a UTC time stays an instant (an offset
datetime), a floating time is read in the zone the caller chooses, and a timed event without
an end (or with a zero one) gets no end. A TZID that maps to no IANA zone is a reason to
skip the event, naming the TZID. Our own X-DIPLOCAL- properties
(``tui.core.export.ical_extra``) give back what iCalendar cannot say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from tui.core.export import ical_extra as extra
from tui.core.importing.ids import content_key, event_id_for
from tui.core.model import Kind, Participant, PartOfDay, in_utc, same_instant
from tui.core.zones import get_zone, is_zone

_KINDS = {kind.value for kind in Kind}
_PARTS = {part.value for part in PartOfDay}
_UNESCAPE = re.compile(r"\\([\\;,nN])")
_FIRST_YEAR, _LAST_YEAR = 3, 9997


@dataclass(frozen=True, slots=True)
class Target:
    """What mapping needs to know of the calendar imported into."""

    timezone: str  # the calendar's zone: times in it need no `timezone` key
    floating: str  # the zone floating times are read in
    participants: Mapping[str, Participant] = field(default_factory=dict)
    own_ids: frozenset[str] = frozenset()  # calendar ids whose `id@calendar` UIDs give `id`
    names: dict[str, str] = field(default_factory=dict)  # id, name or alias (folded) -> id

    def __post_init__(self) -> None:
        # Once per import, not per ATTENDEE: 10,000 events would rebuild it 10,000 times.
        for person in self.participants.values():
            for term in (person.id, person.name, *person.aliases):
                self.names.setdefault(term.casefold(), person.id)


@dataclass(frozen=True, slots=True)
class Incoming:
    """One event as the file gives it, ready to plan.

    ``key`` identifies it across imports: its UID (with the occurrence for a recurrence),
    else a hash of its content. ``cancels`` is METHOD:CANCEL: it cancels, it does not add.
    """

    key: str
    event_id: str
    sequence: int
    stamp: datetime | None
    table: dict[str, Any]
    cancels: bool
    line: int
    people: tuple[str, ...] = ()  # ORGANIZER/ATTENDEE names that are no participant here
    source: str = ""
    # Our own export says everything about the event; another client's file says only the
    # keys in ``table``, and an update leaves the others (participants, host...) as they are.
    whole: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """A component that was not imported, and why."""

    source: str
    line: int
    what: str
    reason: str


class Unmappable(Exception):
    """This event cannot be imported; the message says why."""


def text_of(value: object) -> str:
    """A property's text: the library unescapes the TEXT it knows, not X- properties."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, icalendar.vUnknown) or type(value).__name__ == "vUnknown":
        raw = value.to_ical().decode() if hasattr(value, "to_ical") else str(value)
        return _UNESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], raw)
    return str(value)


def _all(component: icalendar.Component, name: str) -> list[str]:
    value = component.get(name)
    if value is None:
        return []
    return [text_of(v) for v in (value if isinstance(value, list) else [value])]


# --- times -------------------------------------------------------------------------------
def _zone_key(zone: tzinfo | None, tzid: str | None) -> str | None:
    """The IANA name of a parsed zone; 'UTC' for UTC; None for a floating time."""
    if zone is None:
        if tzid:
            raise Unmappable(f'unknown time zone "{tzid}" (no IANA or Windows zone of that name)')
        return None
    if zone is UTC or str(zone) in ("UTC", "UTC+00:00"):
        return "UTC"
    key = getattr(zone, "key", None)
    if isinstance(key, str) and is_zone(key):
        return "UTC" if key in ("UTC", "Etc/UTC") else key
    if tzid and is_zone(tzid):
        return tzid
    raise Unmappable(f'time zone "{tzid or zone}" has no IANA equivalent')


def _moment(component: icalendar.Component, name: str) -> tuple[datetime | date, str | None]:
    prop = component.get(name)
    if isinstance(prop, list):
        prop = prop[0]
    value = prop.dt
    if not isinstance(value, datetime):
        return value, None
    tzid = prop.params.get("TZID")
    windows = WINDOWS_TO_OLSON.get(str(tzid)) if tzid else None
    if windows and is_zone(windows):
        # Outlook's VTIMEZONE for a Windows name is often a sketch (one offset, no rules):
        # the wall time is read in the IANA zone the name stands for.
        return value.replace(tzinfo=get_zone(windows)), windows
    return value, _zone_key(value.tzinfo, tzid)


def _check_year(value: datetime | date) -> None:
    if not _FIRST_YEAR <= value.year <= _LAST_YEAR:
        raise Unmappable(f"year {value.year} is outside the years diplocal holds (3-9997)")


def times(component: icalendar.Component, target: Target) -> dict[str, Any]:
    """start, end, timezone and the dated keys of the event's table (None: left out)."""
    if component.get("DTSTART") is None:
        raise Unmappable("it has no DTSTART")
    start, key = _moment(component, "DTSTART")
    _check_year(start)
    if not isinstance(start, datetime):
        return _dated(component, start, target)
    zone_key = key or target.floating
    zone = UTC if zone_key == "UTC" else get_zone(zone_key)
    aware = start if start.tzinfo else start.replace(tzinfo=zone)
    end = _end_instant(component, aware, zone)
    # As instants: in one zone Python compares wall clocks, and a skipped 02:30 plus
    # DURATION:P0D is 03:30 on the wall, the same instant.
    if end is not None and in_utc(end) < in_utc(aware):
        raise Unmappable("it ends before it starts")
    if end is not None:
        _check_year(end)

    def written(moment: datetime) -> datetime:
        local = moment.astimezone(zone)
        return local if zone_key == "UTC" else local.replace(tzinfo=None)

    return {
        "start": written(aware),
        "end": written(end) if end is not None and not same_instant(end, aware) else None,
        "timezone": None if zone_key in ("UTC", target.timezone) else zone_key,
    }


def _end_instant(component: icalendar.Component, start: datetime, zone: tzinfo) -> datetime | None:
    if component.get("DTEND") is not None:
        end, _ = _moment(component, "DTEND")
        if not isinstance(end, datetime):
            raise Unmappable("DTSTART is a date-time but DTEND a date")
        return end if end.tzinfo else end.replace(tzinfo=zone)
    if component.get("DURATION") is not None:
        duration = component.decoded("DURATION")
        if isinstance(duration, timedelta):
            return (start.astimezone(UTC) + duration).astimezone(zone)
    return None


def _dated(component: icalendar.Component, start: date, target: Target) -> dict[str, Any]:
    last = start
    if component.get("DTEND") is not None:
        end, _ = _moment(component, "DTEND")
        if isinstance(end, datetime):
            raise Unmappable("DTSTART is a date but DTEND a date-time")
        last = max(start, end - timedelta(days=1))
    elif component.get("DURATION") is not None:
        duration = component.decoded("DURATION")
        if isinstance(duration, timedelta):
            last = max(start, start + timedelta(days=duration.days - 1))
    _check_year(last)
    ours = {name: text_of(component.get(name)) for name in _DATED_EXTRAS}
    venue = ours[extra.TIMEZONE] if is_zone(ours[extra.TIMEZONE]) else target.timezone
    parts = [p for p in ours[extra.PART_OF_DAY].split("/") if p in _PARTS]
    under_way = extra.read_utc(ours[extra.UNDER_WAY_AT]) if ours[extra.UNDER_WAY_AT] else None
    said = ours[extra.TIME]
    all_day = said == extra.ALL_DAY or not (said or parts or under_way)
    return {
        "start": start,
        "end": last if last != start else None,
        "timezone": venue if venue != target.timezone else None,
        "all_day": True if all_day else None,
        "part_of_day": (parts[0] if len(parts) == 1 else parts) or None,
        "under_way_at": under_way.astimezone(get_zone(venue)).replace(tzinfo=None)
        if under_way
        else None,
    }


_DATED_EXTRAS = (extra.TIMEZONE, extra.PART_OF_DAY, extra.UNDER_WAY_AT, extra.TIME)


# --- the rest of the event -----------------------------------------------------------------
def _kind(component: icalendar.Component) -> str | None:
    value = component.get("CATEGORIES")
    found: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        found += [str(c).strip().lower() for c in getattr(item, "cats", [])]
    return next((c for c in found if c in _KINDS and c != Kind.OTHER.value), None)


def _status(component: icalendar.Component, cancels: bool) -> str | None:
    status = text_of(component.get("STATUS")).strip().upper()
    if cancels or status == "CANCELLED":
        return "cancelled"
    return "tentative" if status == "TENTATIVE" else None


def _people(component: icalendar.Component, target: Target) -> tuple[list[str], list[str]]:
    """Participants matched by name or alias, and the names that match no one."""
    names = target.names
    matched: list[str] = []
    unknown: list[str] = []
    for prop_name in ("ORGANIZER", "ATTENDEE"):
        value = component.get(prop_name)
        for prop in value if isinstance(value, list) else ([value] if value is not None else []):
            name = str(prop.params.get("CN", "")).strip() or str(prop).removeprefix("mailto:")
            pid = names.get(name.casefold())
            if pid and pid not in matched:
                matched.append(pid)
            elif not pid and name and name not in unknown:
                unknown.append(name)
    return matched, unknown


def _sources(component: icalendar.Component, ours: bool) -> list[str]:
    if ours:
        return _all(component, extra.SOURCE)
    found = _all(component, "URL")
    for attach in _all(component, "ATTACH"):
        if re.match(r"[a-z][a-z0-9+.-]*:", attach, re.IGNORECASE) and attach not in found:
            found.append(attach)
    return found


def _estimated(component: icalendar.Component, table: Mapping[str, Any]) -> list[str] | None:
    if not isinstance(table["start"], datetime):
        return None
    words = text_of(component.get(extra.ESTIMATED)).split()
    named: list[str] = [
        w for w in ("start", "end") if w in words and (w == "start" or table["end"])
    ]
    return named or None


def map_event(
    component: icalendar.Component,
    target: Target,
    where: tuple[str, int],
    cancels: bool,
    key_suffix: str = "",
    ours: bool = False,
) -> Incoming:
    """The event's table.

    Raises:
        Unmappable: why the event cannot be imported (a zone, a time outside the range).
    """
    title = text_of(component.get("SUMMARY"))
    title = title if title.strip() else "(no title)"
    uid = text_of(component.get("UID")).strip()
    # Our own export (its VCALENDAR says X-DIPLOCAL-ID): DESCRIPTION is composed for people,
    # X-DIPLOCAL-DESCRIPTION holds the event's own.
    ours = ours or any(str(name).upper().startswith(extra.PREFIX) for name in component)
    when = times(component, target)
    matched, unknown = _people(component, target)
    description = text_of(component.get(extra.DESCRIPTION if ours else "DESCRIPTION"))
    if unknown:
        named = "Named in the invitation: " + ", ".join(unknown) + "."
        description = f"{description}\n\n{named}" if description else named
    participants = _all(component, extra.PARTICIPANTS)
    table: dict[str, Any] = {
        "id": "",
        "title": title,
        "kind": _kind(component),
        **when,
        "location": text_of(component.get("LOCATION")) or None,
        "host": text_of(component.get(extra.HOST)).strip() or None,
        "participants": (participants[0].split() if participants else matched) or None,
        "status": _status(component, cancels),
        "approximate": None,
        "description": description or None,
        "sources": _sources(component, ours) or None,
    }
    table["approximate"] = _estimated(component, table)
    base = uid or content_key(component)
    key = base + key_suffix
    table["id"] = event_id_for(uid, title, base, target.own_ids) + key_suffix.replace("#", "-")
    return Incoming(
        key=key,
        event_id=table["id"],
        sequence=_sequence(component),
        stamp=_stamp(component),
        table={k: v for k, v in table.items() if v is not None},
        cancels=cancels,
        line=where[1],
        people=tuple(unknown),
        source=where[0],
        whole=ours,
    )


def _sequence(component: icalendar.Component) -> int:
    try:
        return int(str(component.get("SEQUENCE", 0)))
    except ValueError:
        return 0


def _stamp(component: icalendar.Component) -> datetime | None:
    for name in ("LAST-MODIFIED", "DTSTAMP"):
        prop = component.get(name)
        value = getattr(prop, "dt", None)
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None
