"""Filtering and grouping: which events a view shows, and on which days, in which zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from tui.core.errors import UsageError
from tui.core.iso3166 import ISO_COUNTRIES
from tui.core.model import Calendar, Country, Event, date_of
from tui.core.order import countries_in_order
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
        return countries_in_order(calendar)
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
    """The alpha-2 key for a code, alpha-3 code, name or alias, in any case, or an
    unambiguous prefix of one ("Kazakh" -> KZ), as the TUI's filter accepts.

    Raises:
        UsageError: when nothing matches (listing the known countries) or when a prefix
            fits several (listing those).
    """
    named = {c.code: (c.name, country_terms(c)) for c in calendar.countries.values()}
    return _resolve("country", name, named)


def resolve_participant(calendar: Calendar, name: str) -> str:
    """The participant id for an id, name or alias, in any case, or an unambiguous prefix.

    Raises:
        UsageError: when nothing matches (listing the known ids) or when a prefix fits
            several (listing those).
    """
    named = {
        p.id: (p.name, (p.id, p.name.casefold(), *(a.casefold() for a in p.aliases)))
        for p in calendar.participants.values()
    }
    return _resolve("participant", name, named)


def _resolve(kind: str, name: str, named: dict[str, tuple[str, tuple[str, ...]]]) -> str:
    """The key whose terms (case-folded) equal ``name``, else the only one a term of which
    starts with it. An exact hit wins over prefixes: "RU" is Russia, not "Rukhsona"."""
    needle = name.strip().casefold()
    if needle:
        exact = [key for key, (_, terms) in named.items() if needle in terms]
        if exact:
            return exact[0]
        prefixed = [
            key for key, (_, terms) in named.items() if any(t.startswith(needle) for t in terms)
        ]
        if len(prefixed) == 1:
            return prefixed[0]
        if prefixed:
            fits = ", ".join(f"{named[key][0]} ({key})" for key in prefixed)
            raise UsageError(f'ambiguous {kind} "{name}": it may be {fits}')
    known = ", ".join(f"{key} ({label})" for key, (label, _) in named.items())
    raise UsageError(f'unknown {kind} "{name}"; known: {known or "none"}')


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
