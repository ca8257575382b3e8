"""Per-calendar look-ups, built once, so that a key press only filters and counts.

Events are referred to by their position in ``calendar.events`` (time order). A filter is
answered from inverted indexes (country -> positions, participant -> positions) and
case-folded search texts; typing one more letter narrows the previous answer instead of
searching everything again.

Positions are kept in ``array("I")``, 4 bytes each, not lists of ``int`` objects (36 bytes
each), and the countries of each event as a shared tuple: at 10,000 events the index held
11 MB, half of the settled app's traced memory.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property

from tui.core.event_order import day_key
from tui.core.model import Calendar, Event
from tui.core.views.filter import Filter, ZoneMode, display_zone, event_span
from tui.core.views.search_texts import SearchTexts, query_words

LONG_SPAN = 62  # days: longer events are listed only on days shown for other events


@dataclass(frozen=True, slots=True)
class Matches:
    """What a filter leaves: events in time order, with counts for the panes."""

    events: list[Event]
    ids: frozenset[str] | None  # None: no filter, every event matches
    day_counts: dict[date, int]
    country_counts: dict[str, int] | None  # None while a large calendar is still indexed
    participants: list[str]  # ids in the file's order


@dataclass(frozen=True, slots=True)
class Days:
    """Events by day in one display zone."""

    events: dict[date, list[Event]]  # days in order; each day in ``order.day_key`` order
    of_event: list[tuple[date, ...]]  # position -> the days the event touches


class CalendarIndex:
    """Look-ups over one calendar."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.position = {event.id: n for n, event in enumerate(calendar.events)}
        self._days: dict[tuple[ZoneMode, str], Days] = {}
        self._last: tuple[Filter, list[int]] | None = None
        # The last answer to matches(): moving a cursor asks the same question again.
        self._matches: tuple[tuple[Filter, ZoneMode, str, bool], Matches] | None = None

    # --- per-event facts ----------------------------------------------------------------
    @cached_property
    def _country_of_person(self) -> dict[str, str]:
        return {pid: person.country for pid, person in self.calendar.participants.items()}

    @cached_property
    def countries_at(self) -> list[tuple[str, ...]]:
        """Position -> every country the event involves (host and participants' countries),
        sorted."""
        # Events share combinations: one tuple each, not one per event. A tuple, not a
        # frozenset: 72 bytes for four codes instead of 216, and counted as fast.
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        return [
            shared.setdefault(codes, codes) for codes in map(self._countries, self.calendar.events)
        ]

    def _countries(self, event: Event) -> tuple[str, ...]:
        country = self._country_of_person
        codes = {country[p] for p in event.participants}
        if event.host:
            codes.add(event.host)
        return tuple(sorted(codes))

    def countries_for(self, event: Event) -> frozenset[str]:
        """The countries one event involves, without building the whole map first."""
        known = self.__dict__.get("countries_at")
        codes = known[self.position[event.id]] if known is not None else self._countries(event)
        return frozenset(codes)

    @cached_property
    def _by_country(self) -> dict[str, array[int]]:
        result: dict[str, array[int]] = {}
        for n, codes in enumerate(self.countries_at):
            for code in codes:
                if code not in result:
                    result[code] = array("I")
                result[code].append(n)
        return result

    @cached_property
    def _by_participant(self) -> dict[str, array[int]]:
        result: dict[str, array[int]] = {}
        for n, event in enumerate(self.calendar.events):
            for pid in event.participants:
                if pid not in result:
                    result[pid] = array("I")
                result[pid].append(n)
        return result

    @cached_property
    def search_texts(self) -> SearchTexts:
        """Position -> the case-folded text that search looks in."""
        return SearchTexts(self.calendar)

    # --- filtering ----------------------------------------------------------------------
    def _positions(self, view: Filter) -> list[int]:
        last = self._last
        pool: list[int] | None
        if (
            last is not None
            and last[0].countries == view.countries
            and last[0].participants == view.participants
            and view.text.casefold().startswith(last[0].text.casefold())
        ):
            # One more letter can only narrow the answer.
            pool = last[1]
        else:
            pool = self._restricted(view)
        for word in query_words(view.text):
            pool = self.search_texts.having(word, pool)
        result = list(range(len(self.calendar.events))) if pool is None else list(pool)
        self._last = (view, result)
        return result

    def _restricted(self, view: Filter) -> list[int] | None:
        """Positions allowed by the country and participant parts of the filter, in order
        (None: every event)."""
        pool: list[int] | None = None
        if view.countries:
            hits: set[int] = set()
            for code in view.countries:
                hits.update(self._by_country.get(code, ()))
            pool = sorted(hits)
        if view.participants:
            people: set[int] = set()
            for pid in view.participants:
                people.update(self._by_participant.get(pid, ()))
            pool = sorted(people) if pool is None else [n for n in pool if n in people]
        return pool

    def select(self, view: Filter) -> list[Event]:
        """The events that pass the filter, in time order."""
        events = self.calendar.events
        if not view.active:
            return list(events)
        return [events[n] for n in self._positions(view)]

    def matches(self, view: Filter, mode: ZoneMode, local: tzinfo) -> Matches:
        """The filtered events with their counts by day and by country, and who is in them."""
        key = (view, mode, str(local), self.warm)
        if self._matches is not None and self._matches[0] == key:
            return self._matches[1]
        found = self._match(view, mode, local) if view.active else self._everything(mode, local)
        self._matches = (key, found)
        return found

    def _match(self, view: Filter, mode: ZoneMode, local: tzinfo) -> Matches:
        events = self.calendar.events
        positions: Sequence[int] = self._positions(view)
        of_event = self.days(mode, local).of_event
        day_counts = Counter(day for n in positions for day in of_event[n])
        countries = self.countries_at
        country_counts = Counter(code for n in positions for code in countries[n])
        present = {p for n in positions for p in events[n].participants}
        return Matches(
            [events[n] for n in positions],
            frozenset(events[n].id for n in positions),
            dict(day_counts),
            dict(country_counts),
            [p for p in self.calendar.participants if p in present],
        )

    def _everything(self, mode: ZoneMode, local: tzinfo) -> Matches:
        """The unfiltered matches, from the indexes built so far."""
        country_counts = None
        if self.warm:
            country_counts = {code: len(found) for code, found in self._by_country.items()}
        return Matches(
            list(self.calendar.events),
            None,
            {day: len(events) for day, events in self.by_day(mode, local).items()},
            country_counts,
            list(self.calendar.participants),
        )

    @property
    def warm(self) -> bool:
        """Whether the indexes that filtering needs are built."""
        return "_by_country" in self.__dict__

    def build(self) -> None:
        """Build every index now (large calendars do it after the first paint)."""
        self._by_country  # noqa: B018  # cached_property: reading it builds it
        self._by_participant  # noqa: B018
        self.search_texts  # noqa: B018

    # --- days ---------------------------------------------------------------------------
    def days(self, mode: ZoneMode, local: tzinfo) -> Days:
        """Events by day in ``mode``, built once per mode and zone."""
        key = (mode, str(local))
        if key not in self._days:
            by_day: dict[date, list[Event]] = {}
            everything = self.calendar.events
            of_event = _shown_days([_span(event, mode, local) for event in everything])
            for event, touched in zip(everything, of_event, strict=True):
                for day in touched:
                    by_day.setdefault(day, []).append(event)
            for day_events in by_day.values():
                # One order everywhere: all-day, then the day's moments, then unknown times.
                # The sort is stable, so ties keep the file's order. The keys are not kept:
                # 14 MB at 100,000 events, to save 0.1 s once per zone mode.
                day_events.sort(key=day_key)
            self._days[key] = Days(dict(sorted(by_day.items())), of_event)
        return self._days[key]

    def by_day(self, mode: ZoneMode, local: tzinfo) -> dict[date, list[Event]]:
        """Every event under each day it touches, in ``mode``; days in order."""
        return self.days(mode, local).events

    def participant_events(self, participant_id: str) -> list[Event]:
        """A participant's itinerary across all days."""
        events = self.calendar.events
        return [events[n] for n in self._by_participant.get(participant_id, ())]

    def events_involving(self, code: str) -> list[Event]:
        """The events that involve a country."""
        events = self.calendar.events
        return [events[n] for n in self._by_country.get(code, ())]


def _span(event: Event, mode: ZoneMode, local: tzinfo) -> tuple[date, date]:
    """``event_span`` with a fast path for the usual event: timed, within one day."""
    start, end = event.start, event.end
    if isinstance(start, datetime) and isinstance(end, datetime):
        zone = display_zone(event, mode, local)
        if start.tzinfo is not zone:
            start = start.astimezone(zone)
        if end.tzinfo is not zone:
            end = end.astimezone(zone)
        if start.date() == end.date():
            return start.date(), start.date()
    elif start == end:
        return start, start  # a one-day dated event
    return event_span(event, display_zone(event, mode, local))


def _shown_days(spans: list[tuple[date, date]]) -> list[tuple[date, ...]]:
    """The days each event is listed under: every day of a span of up to ``LONG_SPAN``
    days (a two-day summit shows on both); a longer one only on the days on which some
    event begins, so an event from 1900 to 9000 costs a row per day shown, not one for
    each of the 2.6 million days it covers."""
    starting = sorted({first for first, last in spans if (last - first).days < LONG_SPAN})
    shown: list[tuple[date, ...]] = []
    single: dict[date, tuple[date]] = {}  # one tuple a day for the one-day events
    for first, last in spans:
        length = (last - first).days
        if length == 0:
            shown.append(single.setdefault(first, (first,)))
        elif length < LONG_SPAN:
            shown.append(tuple(first + timedelta(days=n) for n in range(length + 1)))
        else:
            found = starting[bisect_left(starting, first) : bisect_right(starting, last)]
            shown.append(tuple(found) if first in found else (first, *found))
    return shown
