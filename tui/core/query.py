"""Filtering and grouping: which events a view shows, and on which days, in which zone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from functools import cached_property

from tui.core.errors import UsageError
from tui.core.iso3166 import ISO_COUNTRIES
from tui.core.model import Calendar, Country, Event
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


def country_terms(country: Country) -> tuple[str, ...]:
    """Every way a user may name a country: codes, name, aliases, all case-folded."""
    alpha3 = ISO_COUNTRIES.get(country.code, ("", ""))[0]
    terms = (country.code, alpha3, country.name, *country.aliases)
    return tuple(term.casefold() for term in terms if term)


def search_countries(calendar: Calendar, query: str) -> list[Country]:
    """Countries whose code, name or alias contains ``query``; exact and prefix hits first."""
    needle = query.strip().casefold()
    if not needle:
        return sorted(calendar.countries.values(), key=lambda c: c.name.casefold())
    ranked: list[tuple[int, str, Country]] = []
    for country in calendar.countries.values():
        terms = country_terms(country)
        if needle in terms:
            rank = 0
        elif any(term.startswith(needle) for term in terms):
            rank = 1
        elif any(needle in term for term in terms):
            rank = 2
        else:
            continue
        ranked.append((rank, country.name.casefold(), country))
    return [country for _, _, country in sorted(ranked, key=lambda r: r[:2])]


def resolve_country(calendar: Calendar, name: str) -> str:
    """The alpha-2 key for a code, alpha-3 code, name or alias, in any case.

    Raises:
        UsageError: when nothing matches exactly, listing the known countries.
    """
    needle = name.strip().casefold()
    for country in calendar.countries.values():
        if needle in country_terms(country):
            return country.code
    known = ", ".join(f"{c.code} ({c.name})" for c in calendar.countries.values())
    raise UsageError(f'unknown country "{name}"; known: {known or "none"}')


def resolve_participant(calendar: Calendar, name: str) -> str:
    """The participant id for an id, name or alias, in any case.

    Raises:
        UsageError: when nothing matches, listing the known ids.
    """
    needle = name.strip().casefold()
    for person in calendar.participants.values():
        if needle in (person.id, person.name.casefold(), *(a.casefold() for a in person.aliases)):
            return person.id
    known = ", ".join(calendar.participants)
    raise UsageError(f'unknown participant "{name}"; known: {known or "none"}')


def display_zone(event: Event, mode: ZoneMode, local: tzinfo) -> tzinfo:
    """The zone an event's times are shown in under ``mode``."""
    if mode is ZoneMode.UTC:
        return UTC
    if mode is ZoneMode.LOCAL:
        return local
    if isinstance(event.start, datetime) and event.start.tzinfo is not None:
        return event.start.tzinfo
    return UTC


def event_days(event: Event, zone: tzinfo) -> list[date]:
    """Every day an event touches in ``zone``; all-day events keep their own dates."""
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        first = event.start.astimezone(zone).date()
        # An event ending at midnight does not touch the next day.
        last_instant = event.end.astimezone(zone) - timedelta(microseconds=1)
        last = max(first, last_instant.date())
    else:
        first, last = event.start, event.end
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass
class CalendarIndex:
    """Per-calendar look-ups computed once, so a key press only filters and slices."""

    calendar: Calendar
    _days: dict[tuple[ZoneMode, str], dict[date, list[Event]]] = field(default_factory=dict)

    @cached_property
    def countries_of(self) -> dict[str, frozenset[str]]:
        """Event id -> every country it involves (host and participants' countries)."""
        people = self.calendar.participants
        result: dict[str, frozenset[str]] = {}
        for event in self.calendar.events:
            codes = {people[p].country for p in event.participants if p in people}
            if event.host:
                codes.add(event.host)
            result[event.id] = frozenset(codes)
        return result

    @cached_property
    def haystacks(self) -> dict[str, str]:
        """Event id -> the case-folded text that search looks in."""
        people = self.calendar.participants
        result: dict[str, str] = {}
        for event in self.calendar.events:
            parts = [event.title, event.description, event.location]
            for pid in event.participants:
                person = people.get(pid)
                if person is not None:
                    parts.extend((person.name, *person.aliases))
            result[event.id] = "\n".join(parts).casefold()
        return result

    def involves(self, event: Event, codes: Iterable[str]) -> bool:
        """Whether the event is hosted by, or has a participant from, any of ``codes``."""
        return not self.countries_of[event.id].isdisjoint(codes)

    def matches(self, event: Event, view: Filter) -> bool:
        """Whether the event passes every part of the filter."""
        if view.countries and not self.involves(event, view.countries):
            return False
        if view.participants and view.participants.isdisjoint(event.participants):
            return False
        # Every word must appear somewhere: "aliyev meet" finds the Putin-Aliyev meeting.
        haystack = self.haystacks[event.id]
        return all(word in haystack for word in view.text.casefold().split())

    def select(self, view: Filter, events: Sequence[Event] | None = None) -> list[Event]:
        """The events (of ``events``, default all) that pass the filter, in time order."""
        pool = self.calendar.events if events is None else events
        if not view.active:
            return list(pool)
        return [event for event in pool if self.matches(event, view)]

    def by_day(self, mode: ZoneMode, local: tzinfo) -> dict[date, list[Event]]:
        """Every event under each day it touches, in ``mode``; days in order."""
        key = (mode, str(local))
        if key not in self._days:
            days: dict[date, list[Event]] = defaultdict(list)
            for event in self.calendar.events:
                for day in event_days(event, display_zone(event, mode, local)):
                    days[day].append(event)
            for events in days.values():
                events.sort(key=lambda e: (not e.all_day, _instant(e)))
            self._days[key] = dict(sorted(days.items()))
        return self._days[key]

    def participant_events(self, participant_id: str) -> list[Event]:
        """A participant's itinerary across all days."""
        return [e for e in self.calendar.events if participant_id in e.participants]

    def events_involving(self, code: str) -> list[Event]:
        """The events that involve a country."""
        return [e for e in self.calendar.events if code in self.countries_of[e.id]]


def _instant(event: Event) -> datetime:
    start = event.start
    if isinstance(start, datetime):
        return start.astimezone(UTC)
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


def utc_offset_label(zone_name: str, on: date) -> str:
    """'UTC+05:00' for a zone at noon on a given day."""
    offset = datetime(on.year, on.month, on.day, 12, tzinfo=get_zone(zone_name)).utcoffset()
    return format_offset(offset or timedelta(0))


def format_offset(offset: timedelta) -> str:
    """'+05:00' style, 'UTC' for zero."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"
