"""The usual event, made in one go: the fast path of the check.

Most events of a large calendar are plain: known keys, each value of the right type,
announced times away from any clock change. ``usual_event`` makes those without the
per-field calls of the full check (``tui.core.loading.validate``), and gives up, returning None, at
the first thing that is not plain, so that the full check, which says what is wrong and
where, runs instead. It records nothing, so it can make a load faster but never different;
``tests/test_usual_event.py`` compares the two paths on generated and hostile events.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tui.core.loading.fields import ID_PATTERN
from tui.core.loading.limits import MAX_ITEMS
from tui.core.loading.time_fields import TIMING_KEYS
from tui.core.model import Country, Event, Kind, Participant, Status, ends_before
from tui.core.zones import get_zone, is_zone

EVENT_KEYS = (
    "id",
    "title",
    "kind",
    "start",
    "end",
    "timezone",
    "location",
    "host",
    "participants",
    "status",
    "approximate",
    "all_day",
    "part_of_day",
    "under_way_at",
    "description",
    "sources",
    "updated",
)
EVENT_KEY_SET = frozenset(EVENT_KEYS)  # membership without a walk along the tuple
# Members by value: a dict look-up, where calling the Enum class costs a Python call chain.
KIND_OF = {kind.value: kind for kind in Kind}
STATUS_OF = {status.value: status for status in Status}

# Python's dates end at years 1 and 9999; a year or more of room on each side lets a time be
# moved to another zone, given an exclusive end and a VTIMEZONE margin without overflowing.
YEARS = range(3, 9998)


def usual_event(
    raw: Mapping[str, Any],
    calendar_zone: str,
    countries: Mapping[str, Country],
    participants: Mapping[str, Participant],
) -> Event | None:
    """The Event the full check would make of ``raw`` without a problem, or None."""
    if not raw.keys() <= EVENT_KEY_SET or not raw.keys().isdisjoint(TIMING_KEYS):
        return None  # an unknown key, or estimates and parts of day: the full check reads them
    get = raw.get
    event_id, title, own_zone = get("id"), get("title"), get("timezone")
    if type(event_id) is not str or not ID_PATTERN.fullmatch(event_id):
        return None
    if type(title) is not str or not title.strip():
        return None
    if own_zone is not None and (type(own_zone) is not str or not is_zone(own_zone)):
        return None
    zone = get_zone(own_zone or calendar_zone)
    start = _instant(get("start"), zone, own_zone is not None)
    end = _instant(raw["end"], zone, own_zone is not None) if "end" in raw else start
    if start is None or end is None or type(start) is not type(end) or ends_before(start, end):
        return None
    host = get("host")
    kind, status = get("kind", Kind.OTHER.value), get("status", Status.CONFIRMED.value)
    if host is not None and (type(host) is not str or host not in countries):
        return None
    kind = KIND_OF.get(kind) if type(kind) is str else None
    status = STATUS_OF.get(status) if type(status) is str else None
    people, sources = _texts(get("participants")), _texts(get("sources"))
    location, description = get("location", ""), get("description", "")
    if kind is None or status is None or people is None or sources is None:
        return None
    if max(len(people), len(sources)) > MAX_ITEMS or len(set(people)) != len(people):
        return None  # the full check says what is wrong
    if type(location) is not str or type(description) is not str:
        return None
    updated = get("updated")
    if updated is not None and not is_stamp(updated):
        return None
    try:  # the participant's and country's own id: one string each, not one per mention
        people = tuple([participants[person].id for person in people])
        host = countries[host].code if host is not None else None
    except KeyError:
        return None
    location = sys.intern(location)  # and one per place: events repeat a few capitals
    return Event(
        id=event_id,
        title=title,
        start=start,
        end=end,
        timezone=event_zone(start, own_zone or calendar_zone),
        kind=kind,
        location=location,
        host=host,
        participants=people,
        status=status,
        description=description,
        sources=sources,
        explicit_end="end" in raw,
        updated=updated,
    )


def is_stamp(value: object) -> bool:
    """Whether ``value`` can be an ``updated`` stamp: an offset date-time in range."""
    return type(value) is datetime and value.tzinfo is not None and value.year in YEARS


def event_zone(start: datetime | date, venue_zone: str) -> str | None:
    """An event's ``timezone``: the IANA zone its times are in (None for bare offsets); for
    dates, the venue's (the event's own zone, else the calendar's)."""
    if isinstance(start, datetime):
        return getattr(start.tzinfo, "key", None)
    return venue_zone


def _instant(value: object, zone: ZoneInfo, zone_given: bool) -> datetime | date | None:
    """A time the full check takes as it is; None for anything it would look at closer."""
    if type(value) is datetime:
        if value.year not in YEARS:
            return None
        if value.tzinfo is not None:
            return value.astimezone(zone) if zone_given else value
        aware = value.replace(tzinfo=zone)
        # Equal offsets either side of a fold: no clock change skips or repeats this time.
        return aware if aware.utcoffset() == aware.replace(fold=1).utcoffset() else None
    if type(value) is date:
        return value if value.year in YEARS else None
    return None


def _texts(value: object) -> tuple[str, ...] | None:
    """An absent array or one of strings as a tuple; None for anything else."""
    if value is None:
        return ()
    if type(value) is not list or any(type(item) is not str for item in value):
        return None
    return tuple(value)
