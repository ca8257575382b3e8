"""The calendar model: frozen dataclasses built by the loader, read by everything else."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
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
    gave an offset datetime, in a fixed offset (``timezone`` is then None). All-day events
    carry dates, and ``end`` is the last day, inclusive, as in the file.
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
    approximate: bool = False
    description: str = ""
    sources: tuple[str, ...] = ()
    # Whether the file gave an explicit `end`; the TOML export keeps the file's shape.
    explicit_end: bool = True

    def __reduce__(self) -> tuple[type[Event], tuple[object, ...]]:
        # Unpickle through __init__: a third faster than dataclasses' __setstate__, and the
        # calendar cache holds up to 100,000 events.
        return (Event, tuple(getattr(self, name) for name in EVENT_FIELDS))

    @property
    def all_day(self) -> bool:
        """True when the event is given by dates rather than times."""
        return not isinstance(self.start, datetime)

    @property
    def duration(self) -> timedelta:
        """How long the event lasts; all-day events count whole days."""
        start, end = self.start, self.end
        if isinstance(start, datetime) and isinstance(end, datetime):
            return end - start
        return date_of(end) - date_of(start) + timedelta(days=1)


EVENT_FIELDS = tuple(f.name for f in fields(Event))


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
    # Events in time order (start as an instant, all-day events first on their day).
    events: tuple[Event, ...] = ()
