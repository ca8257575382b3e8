"""The details pane's content for an event, a participant or a country, as plain lines.

Each line says what it is (a field, a heading, a link...) and the UI decides only how that
looks. Calendar text is passed through ``printable``/``one_line`` here, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING

from tui.core.event_order import moment, start_instant
from tui.core.icc import icc_reasons
from tui.core.iso3166 import ISO_COUNTRIES
from tui.core.living.versions import Update
from tui.core.model import Calendar, Country, Event, Participant, Status, date_of
from tui.core.people import person_line
from tui.core.text import BLOCK_LIMIT, link_target, one_line, printable
from tui.core.views.filter import ZoneMode, display_zone, event_days
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import (
    day_heading,
    duration_words,
    known_times,
    relative,
    short_day,
    time_range,
    zone_label,
)
from tui.core.zones import utc_offset_label

if TYPE_CHECKING:
    from tui.core.living.changes import Change

ICC_MARK = "⚖ ICC"


class LineKind(StrEnum):
    """What a line of the details is; the UI styles each kind one way."""

    TITLE = "title"  # the subject, styled by ``status`` when it is an event
    FIELD = "field"  # 'label: text'
    NOTE = "note"  # a remark about the facts, e.g. that times are estimates
    MARK = "mark"  # the ICC mark with its reason
    HEADING = "heading"
    BULLET = "bullet"
    LINK = "link"  # a source URL, shown on one line; a hyperlink when it has a ``target``
    ENTRY = "entry"  # 'label  text': one event of an itinerary
    TEXT = "text"  # a paragraph, newlines kept


@dataclass(frozen=True, slots=True)
class DetailLine:
    """One line (or paragraph) of the details pane."""

    kind: LineKind
    text: str
    label: str = ""
    status: Status | None = None
    target: str = ""  # a LINK's hyperlink target ('' : shown as plain text, never a link)

    @classmethod
    def note(cls, text: str) -> DetailLine:
        """A remark in the pane's own words."""
        return cls(LineKind.NOTE, text)


def _field(label: str, value: str) -> list[DetailLine]:
    return [DetailLine(LineKind.FIELD, printable(value), label)] if value else []


def _sources(sources: tuple[str, ...]) -> list[DetailLine]:
    if not sources:
        return []
    return [DetailLine(LineKind.HEADING, "Sources")] + [
        DetailLine(LineKind.LINK, one_line(source), target=link_target(source))
        for source in sources
    ]


def event_details(
    index: CalendarIndex,
    event: Event,
    mode: ZoneMode,
    local: tzinfo,
    now: datetime,
    change: Change | None = None,
    whole: bool = False,
) -> tuple[DetailLine, ...]:
    """Everything about one event; ``now`` says how far off it is ('in 3 days'), and
    ``change`` what changed in it since the version last seen. A very long description is
    cut (with a note of how much) unless ``whole``."""
    calendar = index.calendar
    zone = display_zone(event, mode, local)
    when = f"{day_heading(event_days(event, zone)[0])}, {time_range(event, zone)}"
    # How far off: from the moment the day's order uses (a part of day's middle), else
    # from midnight in the shown zone.
    away = relative(moment(event) or start_instant(event.start, zone), now)
    lines = [DetailLine(LineKind.TITLE, one_line(event.title), status=event.status)]
    lines += _what_changed(change)
    lines += _field("When", f"{when} ({away})")
    if isinstance(event.start, datetime):
        lines += _field("Zone", zone_label(zone, event.start))
        if event.explicit_end:
            about = "≈" if event.approximate else ""  # an estimated end: so is the duration
            lines += _field("Duration", about + duration_words(event.duration))
    lines += _field("Times", known_times(event, zone))
    lines += _field("Kind", event.kind.value)
    lines.append(DetailLine(LineKind.FIELD, event.status.value, "Status", event.status))
    lines += _field("Location", event.location)
    if event.host:
        lines += _field("Host", calendar.countries[event.host].name)
    lines += [
        DetailLine(LineKind.MARK, one_line(r), f"{ICC_MARK}:") for r in icc_reasons(calendar, event)
    ]
    if event.participants:
        lines.append(DetailLine(LineKind.HEADING, "Participants"))
        for pid in event.participants:
            text = one_line(person_line(calendar, calendar.participants[pid]))
            lines.append(DetailLine(LineKind.BULLET, text))
    if event.description:
        lines.append(DetailLine(LineKind.HEADING, "Description"))
        limit = None if whole else BLOCK_LIMIT
        lines.append(DetailLine(LineKind.TEXT, printable(event.description, limit)))
    return (*lines, *_sources(event.sources))


def _what_changed(change: Change | None) -> list[DetailLine]:
    """'Moved since you last looked: start 11:00 → 12:00', one field a line."""
    if change is None:
        return []
    from tui.core.living.changes import ARROW  # loaded once something changed

    lines = [DetailLine(LineKind.MARK, "since you last looked", change.kind.value.upper())]
    lines += [
        DetailLine(LineKind.FIELD, one_line(f"{f.old_text}{ARROW}{f.new_text}"), f.field)
        for f in change.fields
    ]
    return lines


def change_log(log: Sequence[Update]) -> tuple[DetailLine, ...]:
    """The changes view: each update, newest first, one line per change."""
    if not log:
        return (DetailLine.note("Nothing changed since you last looked."),)
    from tui.core.living.changes import change_line  # loaded once something changed

    lines: list[DetailLine] = []
    for update in log:
        note = f" ({update.note})" if update.note else ""
        lines.append(DetailLine(LineKind.HEADING, f"{update.at:%Y-%m-%d %H:%M}{note}"))
        lines += [DetailLine(LineKind.BULLET, change_line(c)) for c in update.changes]
    return tuple(lines)


def participant_details(
    index: CalendarIndex, person: Participant, mode: ZoneMode, local: tzinfo
) -> tuple[DetailLine, ...]:
    """A participant and their itinerary across all days."""
    calendar = index.calendar
    lines = [DetailLine(LineKind.TITLE, one_line(person_line(calendar, person)))]
    if person.icc_warrant:
        lines.append(DetailLine(LineKind.MARK, "subject of an ICC arrest warrant", ICC_MARK))
    lines += _field("Also written", ", ".join(person.aliases))
    if person.notes:
        lines.append(DetailLine(LineKind.TEXT, printable(person.notes)))
    lines.append(DetailLine(LineKind.HEADING, "Itinerary"))
    events = index.participant_events(person.id)
    if not events:
        lines.append(DetailLine.note("No events."))
    for event in events:
        zone = display_zone(event, mode, local)
        day = event_days(event, zone)[0]
        when = f"{short_day(day)}  {time_range(event, zone, day)}"
        lines.append(DetailLine(LineKind.ENTRY, one_line(event.title), when, event.status))
    return tuple(lines)


def country_details(index: CalendarIndex, country: Country) -> tuple[DetailLine, ...]:
    """A country: facts, participants and the events that involve it."""
    calendar = index.calendar
    lines = [DetailLine(LineKind.TITLE, f"{one_line(country.name)} ({country.code})")]
    lines += _field("Capital", country.capital)
    if country.timezone:
        lines += _field("Zone", country.timezone + _offsets_on_the_dates(calendar, country))
    if country.icc_state_party is not None:
        lines += _field("ICC State Party", "yes" if country.icc_state_party else "no")
    lines += _field("Blocs", ", ".join(country.blocs))
    borders = [f"{ISO_COUNTRIES.get(b, ('', b))[1]} ({b})" for b in country.borders]
    lines += _field("Borders", ", ".join(borders))
    lines += _field("Also called", ", ".join(country.aliases))
    if country.notes:
        lines.append(DetailLine(LineKind.TEXT, printable(country.notes)))
    people = [p for p in calendar.participants.values() if p.country == country.code]
    if people:
        lines.append(DetailLine(LineKind.HEADING, "Participants"))
        lines += [DetailLine(LineKind.BULLET, one_line(person_line(calendar, p))) for p in people]
    lines.append(DetailLine(LineKind.HEADING, "Events"))
    events = index.events_involving(country.code)
    if not events:
        lines.append(DetailLine.note("No events."))
    for event in events:
        label = short_day(date_of(event.start))
        lines.append(DetailLine(LineKind.ENTRY, one_line(event.title), label, event.status))
    return tuple(lines)


def _offsets_on_the_dates(calendar: Calendar, country: Country) -> str:
    """' (UTC+05:00 on the calendar's dates)', or '' for a calendar without events."""
    if not calendar.events or not country.timezone:
        return ""
    span = {date_of(calendar.events[0].start), date_of(calendar.events[-1].start)}
    offsets = sorted({utc_offset_label(country.timezone, d) for d in span})
    return f" ({' / '.join(offsets)} on the calendar's dates)"


def about_details(calendar: Calendar) -> tuple[DetailLine, ...]:
    """The calendar itself: title, description, sources, last revision and counts."""
    lines = [DetailLine(LineKind.TITLE, one_line(calendar.title))]
    lines += _field("Id", calendar.id)
    lines += _field("Zone", calendar.timezone)
    if calendar.updated is not None:
        lines += _field("Updated", f"{calendar.updated:%Y-%m-%d %H:%M %Z}".strip())
    stamps = [e.updated for e in calendar.events if e.updated is not None]
    if stamps:  # an edit stamps its event, not the calendar (README, "Revision stamps")
        last = max(stamps, key=lambda stamp: stamp.timestamp())
        lines += _field("Last edit", f"{last:%Y-%m-%d %H:%M %Z}".strip())
    counts = (
        f"{len(calendar.events)} events, {len(calendar.participants)} participants, "
        f"{len(calendar.countries)} countries"
    )
    lines += _field("Holds", counts)
    if calendar.description:
        lines.append(DetailLine(LineKind.HEADING, "Description"))
        lines.append(DetailLine(LineKind.TEXT, printable(calendar.description)))
    return (*lines, *_sources(calendar.sources))


def notice_details(
    warnings: tuple[str, ...], errors: tuple[str, ...], *, looking: bool = False
) -> tuple[DetailLine, ...]:
    """What the loader said, as `FILE:LINE:COL: severity: message` lines (already escaped)."""
    if looking:  # a large file: its events are shown while its warnings are looked for
        note = "Still looking for warnings across all events; they show in the header."
        return (DetailLine.note(note), *notice_details(warnings, errors))
    if not warnings and not errors:
        return (DetailLine.note("The calendar loaded with no warnings."),)
    lines: list[DetailLine] = []
    if errors:
        lines.append(DetailLine(LineKind.HEADING, "The file on disk does not load"))
        lines.append(DetailLine.note("The last version that loaded is shown until it is fixed."))
        lines += [DetailLine(LineKind.TEXT, error) for error in errors]
    if warnings:
        lines.append(DetailLine(LineKind.HEADING, "Warnings"))
        lines += [DetailLine(LineKind.TEXT, warning) for warning in warnings]
    return tuple(lines)
