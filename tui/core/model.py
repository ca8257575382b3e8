"""The calendar model: frozen dataclasses built by the loader, read by everything else."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum


class Kind(StrEnum):
    """What sort of meeting an event is."""

    BILATERAL = "bilateral"
    SUMMIT = "summit"
    MULTILATERAL = "multilateral"
    CEREMONY = "ceremony"
    TRAVEL = "travel"
    OTHER = "other"


class Status(StrEnum):
    """Whether an event is going ahead."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class PartOfDay(StrEnum):
    """A part of the venue's day, for an event whose date is known but whose time is not."""

    EARLY_MORNING = "early morning"
    MORNING = "morning"
    MIDDAY = "midday"
    AFTERNOON = "afternoon"
    EVENING = "evening"
    NIGHT = "night"


# Each part's span in venue wall-clock time, (from, length). Only ordering uses it: a part
# sorts at its middle, so "morning" comes before an 11:00 event and "afternoon or evening"
# after a 16:30 one. Night runs past midnight.
PART_SPANS: dict[PartOfDay, tuple[time, timedelta]] = {
    PartOfDay.EARLY_MORNING: (time(5), timedelta(hours=3)),
    PartOfDay.MORNING: (time(8), timedelta(hours=4)),
    PartOfDay.MIDDAY: (time(12), timedelta(hours=2)),
    PartOfDay.AFTERNOON: (time(14), timedelta(hours=4)),
    PartOfDay.EVENING: (time(18), timedelta(hours=4)),
    PartOfDay.NIGHT: (time(22), timedelta(hours=7)),
}


@dataclass(frozen=True, slots=True)
class Country:
    """A country of the calendar, keyed by its ISO 3166-1 alpha-2 code."""

    code: str
    name: str
    capital: str
    timezone: str | None = None
    icc_state_party: bool | None = None
    blocs: tuple[str, ...] = ()
    borders: tuple[str, ...] = ()
    notes: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Participant:
    """A person taking part in events."""

    id: str
    name: str
    country: str
    title: str = ""
    icc_warrant: bool = False
    notes: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One meeting, ceremony or journey.

    Timed events carry aware datetimes: either in their IANA ``timezone`` or, when the file
    gave an offset datetime, in a fixed offset (``timezone`` is then None). Dated events
    (``dated``) carry dates, and ``end`` is the last day, inclusive, as in the file; their
    ``timezone`` is the venue's zone (the event's own, else the calendar's), in which a part
    of day is meant. A dated event is one of: a true ``all_day`` event, one with a
    ``part_of_day`` (one part, or two for a range), or one whose time was not announced;
    ``under_way_at`` may add a reported moment at which it was already going on.

    A timed event without an end in the file has ``end == start`` and ``explicit_end``
    False: no end is invented.
    """

    id: str
    title: str
    start: datetime | date
    end: datetime | date
    timezone: str | None
    kind: Kind = Kind.OTHER
    location: str = ""
    host: str | None = None
    participants: tuple[str, ...] = ()
    status: Status = Status.CONFIRMED
    description: str = ""
    sources: tuple[str, ...] = ()
    # Whether the file gave an explicit `end`; the TOML export keeps the file's shape.
    explicit_end: bool = True
    # Which of the clock times are estimates rather than announced times.
    start_estimated: bool = False
    end_estimated: bool = False
    all_day: bool = False
    part_of_day: tuple[PartOfDay, ...] = ()
    # A news report's timestamp at which the event was already going on; never a start.
    under_way_at: datetime | None = None
    # When the event's entry was last edited (an offset datetime): its own revision stamp.
    updated: datetime | None = None

    def __reduce__(self) -> tuple[type[Event], tuple[object, ...]]:
        # Unpickle through __init__: a third faster than dataclasses' __setstate__, and the
        # calendar cache holds up to 100,000 events.
        return (Event, tuple(getattr(self, name) for name in EVENT_FIELDS))

    @property
    def dated(self) -> bool:
        """True when the event is given by dates rather than clock times."""
        return not isinstance(self.start, datetime)

    @property
    def approximate(self) -> bool:
        """True when any of the event's clock times is an estimate."""
        return self.start_estimated or self.end_estimated

    @property
    def open_end(self) -> bool:
        """A timed event whose end was not given."""
        return not self.explicit_end and not self.dated

    @property
    def time_not_announced(self) -> bool:
        """A dated event that is not all-day and has neither a part of day nor a report."""
        return self.dated and not (self.all_day or self.part_of_day or self.under_way_at)

    @property
    def duration(self) -> timedelta:
        """How long the event lasts (elapsed time, across a clock change too); dated events
        count whole days."""
        start, end = self.start, self.end
        if isinstance(start, datetime) and isinstance(end, datetime):
            return in_utc(end) - in_utc(start)
        return date_of(end) - date_of(start) + timedelta(days=1)


EVENT_FIELDS = tuple(f.name for f in fields(Event))


def in_utc(value: datetime) -> datetime:
    """An aware datetime as the same instant in UTC.

    Python subtracts and compares two datetimes that share a tzinfo by their wall clocks,
    ignoring the offset and ``fold``: a night across the autumn clock change reads an hour
    short, and the second 02:30 of that night equals the first. In UTC both are exact, so
    time spans and orders of zoned times go through here (or through ``timestamp()``).
    """
    return value.astimezone(UTC)


def ends_before(start: datetime | date, end: datetime | date) -> bool:
    """Whether ``end`` lies before ``start`` (two dates, or two aware datetimes as instants)."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        return in_utc(end) < in_utc(start)
    return date_of(end) < date_of(start)


def same_instant(first: datetime, second: datetime) -> bool:
    """Whether two aware datetimes are the same instant, whatever their zones and folds."""
    return in_utc(first) == in_utc(second)


def date_of(value: datetime | date) -> date:
    """The date part of a date or a datetime (in its own zone)."""
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True, slots=True)
class Calendar:
    """A loaded, validated calendar."""

    title: str
    id: str
    timezone: str
    description: str = ""
    sources: tuple[str, ...] = ()
    updated: datetime | None = None
    countries: dict[str, Country] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)
    # Events in day order (tui.core.event_order.calendar_key).
    events: tuple[Event, ...] = ()
