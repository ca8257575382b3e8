"""What a cache entry must hold besides well-typed values: a calendar the validator could
have built. An entry's SHA header can be recomputed by anyone, so an entry naming an
unknown country or participant, a time outside the years allowed, or an end before its
start is refused here (a miss), never met later as a traceback."""

from __future__ import annotations

from datetime import date
from itertools import chain

from tui.core.loading.fast_path import YEARS
from tui.core.model import Calendar, ends_before
from tui.core.zones import get_zone


class InconsistentEntry(ValueError):
    """The entry's calendar is not one the validator could have built."""


def check_consistent(calendar: Calendar) -> None:
    """Refuse a cached calendar that no valid file could have given.

    Raises:
        InconsistentEntry: what is wrong, for the record (the caller treats it as a miss).
    """
    countries, people = calendar.countries, calendar.participants
    if any(code != country.code for code, country in countries.items()):
        raise InconsistentEntry("a country under another code")
    if any(pid != person.id for pid, person in people.items()):
        raise InconsistentEntry("a participant under another id")
    if not {p.country for p in people.values()} <= countries.keys():
        raise InconsistentEntry("a participant of an unknown country")
    events = calendar.events
    if len({event.id for event in events}) != len(events):
        raise InconsistentEntry("two events with one id")
    if not set(chain.from_iterable(e.participants for e in events)) <= people.keys():
        raise InconsistentEntry("an event with an unknown participant")
    if any(len(set(e.participants)) != len(e.participants) for e in events):
        raise InconsistentEntry("an event naming a participant twice")
    if not {e.host for e in events if e.host is not None} <= countries.keys():
        raise InconsistentEntry("an event hosted by an unknown country")
    for zone in {e.timezone for e in events if e.timezone is not None}:
        get_zone(zone)
    moments: list[date] = [e.start for e in events] + [e.end for e in events]
    moments += [e.under_way_at for e in events if e.under_way_at is not None]
    if calendar.updated is not None:
        moments.append(calendar.updated)
    # YEARS leaves a margin, so no offset takes a time allowed past year 1 or 9999.
    if any(moment.year not in YEARS for moment in moments):
        raise InconsistentEntry("a time outside the years allowed")
    if any(ends_before(e.start, e.end) for e in events):
        raise InconsistentEntry("an event ending before it starts")
