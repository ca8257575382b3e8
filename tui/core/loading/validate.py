"""Parsed TOML -> validated model, reporting every problem in one pass."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import partial
from typing import Any

from tui.core.event_order import calendar_key
from tui.core.iso3166 import ISO_COUNTRIES
from tui.core.loading.fast_path import (
    EVENT_KEY_SET,
    KIND_OF,
    STATUS_OF,
    YEARS,
    event_zone,
    usual_event,
)
from tui.core.loading.fields import COUNTRY_PATTERN, ID_PATTERN, Fields, Problem, did_you_mean
from tui.core.loading.instants import InstantReader, out_of_range
from tui.core.loading.overlaps import overlap_problems
from tui.core.loading.reparse import EventBlocks
from tui.core.loading.time_fields import TIMING_KEYS, Times, TimingReader
from tui.core.model import (
    Calendar,
    Country,
    Event,
    Kind,
    Participant,
    Status,
    ends_before,
)
from tui.core.system.gc_pause import collector_paused
from tui.core.toml.scanner import Path
from tui.core.zones import get_zone, is_zone, zone_hint

TOP_KEYS = ("calendar", "countries", "participants", "events")
CALENDAR_KEYS = ("title", "id", "timezone", "description", "sources", "updated")
COUNTRY_KEYS = (
    "name",
    "capital",
    "timezone",
    "icc_state_party",
    "blocs",
    "borders",
    "notes",
    "aliases",
)
PARTICIPANT_KEYS = ("name", "title", "country", "icc_warrant", "notes", "aliases")
KINDS = tuple(kind.value for kind in Kind)
STATUSES = tuple(status.value for status in Status)


def slugify(text: str) -> str:
    """A lower-case ASCII slug: 'Putin's visit, 2025' -> 'putin-s-visit-2025'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "calendar"


# Events that were checked without a problem, by the id of the (unchanging) table they
# were made from; the table is kept with its event, so that id cannot be reused meanwhile.
CheckedEvents = dict[int, tuple[dict[str, Any], Event]]

# How often checking tells its progress: often enough for a bar, rarely enough to cost nothing.
PROGRESS_EVERY = 2000


class _Builder:
    def __init__(
        self,
        document: Mapping[str, Any],
        on_progress: Callable[[str, int, int], None] | None,
        checked: CheckedEvents | None = None,
        clean: list[tuple[Path, str]] | None = None,
    ) -> None:
        self.doc = document
        self.fields = Fields()
        self.calendar_zone = "UTC"
        self.on_progress = on_progress
        self.checked = checked
        self.checked_now: CheckedEvents = {}
        self.clean = clean  # see build_calendar_first
        self.instants = InstantReader(self.fields)

    def zone(self, table: Mapping[str, Any], path: Path) -> str | None:
        name = self.fields.text(table, path, "timezone")
        if name is None:
            return None
        if not is_zone(name):
            hint = zone_hint(name)
            self.fields.error((*path, "timezone"), f'unknown time zone "{name}"{hint}')
            return None
        return name

    # --- sections -------------------------------------------------------------------
    def calendar_header(self) -> dict[str, Any]:
        raw = self.doc.get("calendar")
        if not isinstance(raw, dict):
            self.fields.error(("calendar",), "missing [calendar] table with title and timezone")
            return {"title": "Untitled", "id": "calendar", "timezone": "UTC"}
        path: Path = ("calendar",)
        self.fields.known_keys(raw, path, CALENDAR_KEYS)
        title = self.fields.text(raw, path, "title", required=True) or "Untitled"
        slug = self.fields.text(raw, path, "id")
        if slug is not None and not ID_PATTERN.fullmatch(slug):
            self.fields.error(
                (*path, "id"), f'calendar id "{slug}" must match {ID_PATTERN.pattern}'
            )
            slug = None
        zone = self.zone(raw, path)
        if zone is None and "timezone" not in raw:
            self.fields.error(path, 'missing required key "timezone"', at_key=True)
        self.calendar_zone = zone or "UTC"
        updated = self.stamp(raw, path)
        return {
            "title": title,
            "id": slug or slugify(title),
            "timezone": self.calendar_zone,
            "description": self.fields.text(raw, path, "description") or "",
            "sources": self.fields.texts(raw, path, "sources"),
            "updated": updated,
        }

    def stamp(self, raw: Mapping[str, Any], path: Path) -> datetime | None:
        """The table's ``updated`` revision stamp: an offset date-time, or None."""
        updated = raw.get("updated")
        if updated is not None and not (isinstance(updated, datetime) and updated.tzinfo):
            msg = '"updated" must be an offset date-time such as 2025-10-11T00:00:00Z'
            self.fields.error((*path, "updated"), msg)
            return None
        if updated is not None and updated.year not in YEARS:
            self.fields.error((*path, "updated"), out_of_range("updated", updated))
            return None
        return updated

    def countries(self) -> dict[str, Country]:
        result: dict[str, Country] = {}
        for code, raw in self.fields.tables(self.doc, "countries").items():
            path: Path = ("countries", code)
            self.fields.known_keys(raw, path, COUNTRY_KEYS)
            self.fields.shaped(code, path, COUNTRY_PATTERN, "country code")
            result[code] = Country(
                code=code,
                name=self.fields.text(raw, path, "name", required=True) or code,
                capital=self.fields.text(raw, path, "capital", required=True) or "",
                timezone=self.zone(raw, path),
                icc_state_party=self.fields.flag(raw, path, "icc_state_party"),
                blocs=self.fields.texts(raw, path, "blocs"),
                borders=self.fields.texts(raw, path, "borders"),
                notes=self.fields.text(raw, path, "notes") or "",
                aliases=self.fields.texts(raw, path, "aliases"),
            )
        for code, country in result.items():
            for index, border in enumerate(country.borders):
                if border not in ISO_COUNTRIES and border not in result:
                    hint = did_you_mean(border, list(ISO_COUNTRIES))
                    msg = f'border "{border}" is not an ISO 3166-1 alpha-2 code{hint}'
                    self.fields.error(("countries", code, "borders", index), msg)
        return result

    def participants(self, countries: Mapping[str, Country]) -> dict[str, Participant]:
        result: dict[str, Participant] = {}
        for pid, raw in self.fields.tables(self.doc, "participants").items():
            path: Path = ("participants", pid)
            self.fields.known_keys(raw, path, PARTICIPANT_KEYS)
            self.fields.shaped(pid, path, ID_PATTERN, "participant id")
            country = self.fields.text(raw, path, "country", required=True) or ""
            if country and country not in countries:
                self.unknown_country((*path, "country"), country, countries)
            result[pid] = Participant(
                id=pid,
                name=self.fields.text(raw, path, "name", required=True) or pid,
                country=country,
                title=self.fields.text(raw, path, "title") or "",
                icc_warrant=bool(self.fields.flag(raw, path, "icc_warrant")),
                notes=self.fields.text(raw, path, "notes") or "",
                aliases=self.fields.texts(raw, path, "aliases"),
            )
        return result

    def unknown_country(self, path: Path, code: str, countries: Mapping[str, Country]) -> None:
        hint = did_you_mean(code, countries)
        self.fields.error(path, f'unknown country "{code}": not a key of [countries]{hint}')

    def events(
        self, countries: Mapping[str, Country], participants: Mapping[str, Participant]
    ) -> list[tuple[Path, Event]]:
        raw_events = self.doc.get("events", [])
        if not isinstance(raw_events, list | EventBlocks):
            self.fields.error(("events",), "events must be an array of tables: use [[events]]")
            return []
        result: list[tuple[Path, Event]] = []
        seen: dict[str, int] = {}
        total = len(raw_events)
        for index, raw in enumerate(raw_events):
            if self.on_progress is not None and index % PROGRESS_EVERY == 0:
                self.on_progress("checking", index, total)
            path: Path = ("events", index)
            if not isinstance(raw, dict):
                self.fields.error(path, "each entry of events must be a table: use [[events]]")
                continue
            event = self.checked_event(raw, path, countries, participants)
            if event is None:
                continue
            if event.id in seen:
                msg = f'duplicate event id "{event.id}" (first used by event #{seen[event.id] + 1})'
                self.fields.error((*path, "id"), msg)
            seen.setdefault(event.id, index)
            result.append((path, event))
        if self.on_progress is not None:
            self.on_progress("checking", total, total)
        if self.checked is not None:
            self.checked.clear()
            self.checked.update(self.checked_now)
        return result

    def checked_event(
        self,
        raw: dict[str, Any],
        path: Path,
        countries: Mapping[str, Country],
        participants: Mapping[str, Participant],
    ) -> Event | None:
        """``event``, or the Event a reload already made from this very table."""
        if self.checked is None:
            return self.event(raw, path, countries, participants)
        known = self.checked.get(id(raw))
        if known is not None and known[0] is raw:
            event = known[1]
        else:
            before = len(self.fields.problems)
            made = self.event(raw, path, countries, participants)
            if made is None or len(self.fields.problems) != before:
                return made  # problems name the event's place: check it again next time
            event = made
        if self.clean is None:
            self.checked_now[id(raw)] = (raw, event)
        else:
            self.clean.append((path, event.id))
        return event

    def event(
        self,
        raw: Mapping[str, Any],
        path: Path,
        countries: Mapping[str, Country],
        participants: Mapping[str, Participant],
    ) -> Event | None:
        usual = usual_event(raw, self.calendar_zone, countries, participants)
        if usual is not None:
            return usual
        return self.full_event(raw, path, countries, participants)

    def full_event(
        self,
        raw: Mapping[str, Any],
        path: Path,
        countries: Mapping[str, Country],
        participants: Mapping[str, Participant],
    ) -> Event | None:
        """Every check of an event, each problem recorded at its key."""
        self.fields.known_keys(raw, path, EVENT_KEY_SET)
        event_id = self.fields.text(raw, path, "id", required=True)
        if event_id is not None and not ID_PATTERN.fullmatch(event_id):
            self.fields.error(
                (*path, "id"), f'event id "{event_id}" must match {ID_PATTERN.pattern}'
            )
        title = self.fields.text(raw, path, "title", required=True)
        zone = self.zone(raw, path)
        times = self.times(raw, path, zone)
        host = self.fields.text(raw, path, "host")
        if host is not None and host not in countries:
            self.unknown_country((*path, "host"), host, countries)
        people = self.fields.texts(raw, path, "participants", unique=True)
        for position, pid in enumerate(people):
            if pid not in participants:
                hint = did_you_mean(pid, participants)
                msg = f'unknown participant "{pid}": not a key of [participants]{hint}'
                self.fields.error((*path, "participants", position), msg)
        kind = self.fields.choice(raw, path, "kind", KINDS, Kind.OTHER.value)
        status = self.fields.choice(raw, path, "status", STATUSES, Status.CONFIRMED.value)
        if times is None:
            return None
        start, end, explicit_end = times
        known = self.known(raw, path, times, zone)
        updated = self.stamp(raw, path)
        if event_id is None or title is None or known is None:
            return None
        return Event(
            id=event_id,
            title=title,
            start=start,
            end=end,
            timezone=event_zone(start, zone or self.calendar_zone),
            kind=KIND_OF[kind],
            location=self.fields.text(raw, path, "location") or "",
            host=host,
            participants=people,
            status=STATUS_OF[status],
            description=self.fields.text(raw, path, "description") or "",
            sources=self.fields.texts(raw, path, "sources"),
            explicit_end=explicit_end,
            updated=updated,
            **known,
        )

    # --- times ----------------------------------------------------------------------
    def known(
        self, raw: Mapping[str, Any], path: Path, times: Times, own_zone: str | None
    ) -> dict[str, Any] | None:
        """What is known of the times (estimates, part of day, ...): see loading.time_fields."""
        if raw.keys().isdisjoint(TIMING_KEYS):  # a set operation in C, not a loop over raw
            return {}  # the usual event: announced times, the model's defaults
        zone = get_zone(own_zone or self.calendar_zone)

        def read_instant(value: object, where: Path) -> datetime | date | None:
            return self.instants.read(value, where, zone, own_zone is not None)

        return TimingReader(self.fields, raw, path).read(times, read_instant)

    def times(
        self, raw: Mapping[str, Any], path: Path, own_zone: str | None
    ) -> tuple[datetime | date, datetime | date, bool] | None:
        if "start" not in raw:
            self.fields.error(path, 'missing required key "start"', at_key=True)
            return None
        zone = get_zone(own_zone or self.calendar_zone)
        start = self.instants.read(raw["start"], (*path, "start"), zone, own_zone is not None)
        if start is None:
            return None
        if "end" not in raw:
            # No end is invented: the event is as long as the file says, no more.
            return start, start, False
        end = self.instants.read(raw["end"], (*path, "end"), zone, own_zone is not None)
        if end is None:
            return None
        if isinstance(start, datetime) != isinstance(end, datetime):
            msg = '"end" must be of the same kind as "start": both dates (all-day) or both times'
            self.fields.error((*path, "end"), msg)
            return None
        if ends_before(start, end):
            self.fields.error((*path, "end"), f'"end" ({end}) is before "start" ({start})')
            return None
        return start, end, True


def build_calendar(
    document: Mapping[str, Any],
    on_progress: Callable[[str, int, int], None] | None = None,
    checked: CheckedEvents | None = None,
) -> tuple[Calendar | None, Fields]:
    """Validate a parsed document; the calendar is None when any error was found.

    ``on_progress`` is told ("checking", events checked, events) every few thousand events.
    ``checked``, kept from the previous build by a reload, lets events whose table is the
    very same object be taken as they were; it is refreshed in place to this document's.
    It is valid only while the calendar, countries and participants are unchanged.
    """
    calendar, fields, overlaps = build_calendar_first(document, on_progress, checked)
    with collector_paused():
        fields.problems.extend(overlaps())
    return calendar, fields


def build_calendar_first(
    document: Mapping[str, Any],
    on_progress: Callable[[str, int, int], None] | None = None,
    checked: CheckedEvents | None = None,
    clean: list[tuple[Path, str]] | None = None,
) -> tuple[Calendar | None, Fields, Callable[[], list[Problem]]]:
    """``build_calendar`` without the warnings that look across all events (participants
    booked twice), which it returns as work for later: they are only ever warnings, so
    the calendar is already what it will be, and a large one can be shown first.

    ``events`` may be `EventBlocks` (their BlocksNotClean passes through). ``clean``, when
    given, is told (place, id) of each event checked without a problem, instead of
    ``checked`` being refreshed: that would keep every table, which a load by blocks lets
    go once checked."""
    with collector_paused():  # a model of 100,000 events: millions of objects, no cycles
        return _build(_Builder(document, on_progress, checked, clean))


def _build(builder: _Builder) -> tuple[Calendar | None, Fields, Callable[[], list[Problem]]]:
    document = builder.doc
    builder.fields.known_keys(document, (), TOP_KEYS)
    header = builder.calendar_header()
    countries = builder.countries()
    participants = builder.participants(countries)
    located = builder.events(countries, participants)
    overlaps = partial(overlap_problems, located)
    if any(p.severity == "error" for p in builder.fields.problems):
        return None, builder.fields, overlaps
    ordered = tuple(sorted((e for _, e in located), key=calendar_key(header["timezone"])))
    calendar = Calendar(**header, countries=countries, participants=participants, events=ordered)
    return calendar, builder.fields, overlaps
