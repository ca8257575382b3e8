"""Filtering and grouping: which events a view shows, and on which days, in which zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from tui.core.model import Event, date_of
from tui.core.zones import get_zone


class ZoneMode(StrEnum):
    """Which clock times are shown in."""

    EVENT = "event"  # each event's own zone: venue time
    LOCAL = "local"  # the viewer's zone
    UTC = "utc"

    def next(self) -> ZoneMode:
        """The mode after this one, cycling."""
        modes = list(ZoneMode)
        return modes[(modes.index(self) + 1) % len(modes)]


@dataclass(frozen=True, slots=True)
class Filter:
    """What the user asked to see. Empty sets and text mean no restriction."""

    countries: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()
    text: str = ""

    @property
    def active(self) -> bool:
        """Whether anything is filtered out."""
        return bool(self.countries or self.participants or self.text.strip())


def display_zone(event: Event, mode: ZoneMode, local: tzinfo) -> tzinfo:
    """The zone an event's times are shown in under ``mode``."""
    if mode is ZoneMode.UTC:
        return UTC
    if mode is ZoneMode.LOCAL:
        return local
    if isinstance(event.start, datetime) and event.start.tzinfo is not None:
        return event.start.tzinfo
    # A dated event's part of day and report are meant in its venue's zone.
    return get_zone(event.timezone) if event.timezone else UTC


def event_span(event: Event, zone: tzinfo) -> tuple[date, date]:
    """The first and last day an event touches in ``zone``; all-day events keep their own
    dates. Constant time, however long the event: prefer it to ``event_days``."""
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        first = event.start.astimezone(zone).date()
        # An event ending at midnight does not touch the next day.
        last_instant = event.end.astimezone(zone) - timedelta(microseconds=1)
        return first, max(first, last_instant.date())
    return date_of(event.start), date_of(event.end)


def event_days(event: Event, zone: tzinfo) -> list[date]:
    """Every day an event touches in ``zone``; all-day events keep their own dates."""
    first, last = event_span(event, zone)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
