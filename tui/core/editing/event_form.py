"""The event form as plain data: an Event <-> the text a user types <-> TOML values.

A ``Draft`` holds what the form shows: text for every typed field, ticks and choices for the
rest. ``draft_of`` fills it from an Event, ``new_draft`` for a new event on a day;
``parse_draft`` turns it into the TOML key -> value mapping that ``update_event`` and
``add_event`` take, with a message per field for text that does not parse; ``check_draft``
adds the loader's own rules (``field_problems``), so the form says what `check` would say.

An edit writes only the keys of the fields the user changed (``changes``): a key left alone
keeps the very form its author gave it (``approximate = true``, an offset date-time, a
timezone equal to the calendar's), since rewriting a value that means the same is still a
change to the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from tui.core.editing.edit_check import TABLE, field_problems
from tui.core.editing.toml_edit import new_event_id
from tui.core.editing.typed_clock import clock_of
from tui.core.errors import Severity, UsageError
from tui.core.loading.fields import did_you_mean
from tui.core.loading.time_fields import PARTS
from tui.core.loading.validate import build_calendar
from tui.core.model import Calendar, Event, Kind, PartOfDay, Status
from tui.core.views.lookup import resolve_country, search_countries
from tui.core.views.time_words import EN_DASH
from tui.core.zones import find_zone, second_time_round, zone_hint

KINDS = tuple(kind.value for kind in Kind)
STATUSES = tuple(status.value for status in Status)
PART_SEPARATOR = EN_DASH
# afternoon, an en or em dash, evening; "afternoon - evening", "afternoon or/to evening"
_PART_SPLIT = re.compile(r"\s*(?:[\u2013\u2014,/]|\s-\s|\bor\b|\bto\b)\s*")


class FormField(StrEnum):
    """The fields of the form, each with its own message."""

    ID = "id"
    TITLE = "title"
    KIND = "kind"
    DATE = "date"
    START = "start"
    END = "end"
    PART_OF_DAY = "part_of_day"
    ALL_DAY = "all_day"
    UNDER_WAY_AT = "under_way_at"
    ESTIMATED = "estimated"
    ZONE = "zone"
    LOCATION = "location"
    HOST = "host"
    PARTICIPANTS = "participants"
    STATUS = "status"
    DESCRIPTION = "description"
    SOURCES = "sources"
    EVENT = "event"  # the event as a whole


@dataclass(frozen=True, slots=True)
class Draft:
    """The form's values as the user sees them. ``id`` is '' for a new event."""

    id: str = ""
    title: str = ""
    kind: str = Kind.OTHER.value
    date: str = ""
    start: str = ""
    end: str = ""
    part_of_day: str = ""
    all_day: bool = False
    under_way_at: str = ""
    start_estimated: bool = False
    end_estimated: bool = False
    zone: str = ""
    location: str = ""
    host: str = ""
    participants: tuple[str, ...] = ()
    status: str = Status.CONFIRMED.value
    description: str = ""
    sources: str = ""


@dataclass(frozen=True, slots=True)
class FieldMessage:
    """What is wrong with a field; ``blocking`` unless it is only a warning."""

    text: str
    blocking: bool = True


# Which TOML keys each field writes. The timing fields write every timing key together:
# they are one statement about the event's time, and half of it would contradict the rest.
TIMING_FIELDS = (
    *("date", "start", "end", "part_of_day", "all_day", "under_way_at"),
    *("start_estimated", "end_estimated"),
)
TIMING_KEYS = ("start", "end", "part_of_day", "all_day", "under_way_at", "approximate")
_KEYS_OF: dict[str, tuple[str, ...]] = {name: TIMING_KEYS for name in TIMING_FIELDS}
_KEYS_OF["zone"] = ("timezone",)
_FIELD_OF_KEY: dict[str, FormField] = {
    "timezone": FormField.ZONE,
    "approximate": FormField.ESTIMATED,
    TABLE: FormField.EVENT,
}


# --- Event -> draft ----------------------------------------------------------------------


def draft_of(event: Event) -> Draft:
    """The form's values for an existing event."""
    day = event.start.date() if isinstance(event.start, datetime) else event.start
    return Draft(
        id=event.id,
        title=event.title,
        kind=event.kind.value,
        date=day.isoformat(),
        start=_clock_text(event.start, day) if isinstance(event.start, datetime) else "",
        end=_end_text(event, day),
        part_of_day=PART_SEPARATOR.join(part.value for part in event.part_of_day),
        all_day=event.all_day,
        under_way_at=_clock_text(event.under_way_at, day) if event.under_way_at else "",
        start_estimated=event.start_estimated,
        end_estimated=event.end_estimated,
        zone=event.timezone or "",
        location=event.location,
        host=event.host or "",
        participants=event.participants,
        status=event.status.value,
        description=event.description,
        sources="\n".join(event.sources),
    )


def new_draft(calendar: Calendar, day: date) -> Draft:
    """An empty form for a new event on ``day``, in the calendar's zone."""
    return Draft(date=day.isoformat(), zone=calendar.timezone)


def _end_text(event: Event, day: date) -> str:
    if not event.explicit_end:
        return ""
    if isinstance(event.end, datetime):
        return _clock_text(event.end, day)
    return event.end.isoformat() if event.end != event.start else ""


def _clock_text(moment: datetime, day: date) -> str:
    """'19:00' on ``day``, '2025-10-11 01:00' on another; an offset when there is no zone,
    or when the time is the second of a repeated hour (the bare time would read as the first)."""
    shown = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    if second_time_round(moment) or not isinstance(moment.tzinfo, ZoneInfo):
        shown += moment.isoformat()[-6:]  # "+05:00": a bare offset, kept as written
    return shown if moment.date() == day else f"{moment.date().isoformat()} {shown}"


def new_id(calendar: Calendar | list[str], draft: Draft) -> str:
    """The id an event gets: its own when editing, else one derived from the title."""
    return draft.id or new_event_id(calendar, draft.title)


# --- draft -> TOML values ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parsed:
    """Every TOML key of the event (None: left out), and the fields whose text is wrong."""

    values: dict[str, Any]
    errors: dict[FormField, str]


def parse_draft(draft: Draft, calendar: Calendar) -> Parsed:
    """The TOML values the draft stands for; a field that does not parse gives a message."""
    errors: dict[FormField, str] = {}

    def read(field: FormField, reader: Any, *args: Any) -> Any:
        try:
            return reader(*args)
        except ValueError as error:
            errors[field] = str(error)
            return None

    day = read(FormField.DATE, _date, draft.date)
    values: dict[str, Any] = {
        "id": new_id(calendar, draft),
        "title": draft.title if draft.title.strip() else None,
        "kind": draft.kind,
        "start": read(FormField.START, _start, draft.start, day),
        "end": read(FormField.END, _end, draft.end, day, bool(draft.start.strip())),
        "timezone": read(FormField.ZONE, _zone, draft.zone),
        "location": draft.location.strip() or None,
        "host": read(FormField.HOST, _host, draft.host, calendar),
        "participants": list(draft.participants) or None,
        "status": draft.status,
        "approximate": _estimated(draft),
        "all_day": True if draft.all_day else None,
        "part_of_day": read(FormField.PART_OF_DAY, _parts, draft.part_of_day),
        "under_way_at": read(FormField.UNDER_WAY_AT, _moment, draft.under_way_at, day),
        "description": draft.description if draft.description.strip() else None,
        # One source a line, split on newlines only: a source may hold U+2028 or a form feed.
        "sources": [s.strip() for s in draft.sources.split("\n") if s.strip()] or None,
    }
    if not draft.title.strip():
        errors[FormField.TITLE] = "give the event a title"
    return Parsed(values, errors)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f'"{text.strip()}" is not a date: write it as 2025-10-10') from None


def _start(text: str, day: date | None) -> datetime | date | None:
    """A start time on the day, or the day itself when no time is given."""
    if not text.strip():
        return day
    if day is None:
        return None  # the date's own message says what is wrong
    return _at(clock_of(text), day)


def _end(text: str, day: date | None, timed: bool) -> datetime | date | None:
    """'21:00' on the day, '2025-10-11 01:00' another day, or '2025-10-11' as the last day."""
    text = text.strip()
    if not text:
        return None
    if len(text) == len("2025-10-11"):
        last = _date(text)
        if timed:
            raise ValueError("give the end a time too (2025-10-11 01:00), as the start has one")
        return last
    if not timed:
        raise ValueError("an end time needs a start time; leave it empty, or give the last day")
    return _moment(text, day)


def _moment(text: str, day: date | None) -> datetime | None:
    """'22:38' on the day, or a date and a time: '2025-10-08 22:38'."""
    text = text.strip()
    if not text:
        return None
    if " " in text or "T" in text:
        on, clock = re.split(r"[ T]", text, maxsplit=1)
        return _at(clock_of(clock), _date(on))
    return _at(clock_of(text), day) if day is not None else None


def _at(clock: time, day: date) -> datetime:
    return datetime.combine(day, clock)


def _zone(text: str) -> str | None:
    name = text.strip()
    if not name:
        return None
    found = find_zone(name)
    if found is None:
        hint = zone_hint(name)
        raise ValueError(f'unknown time zone "{name}"{hint}: an IANA name such as Asia/Dushanbe')
    return found


def _host(text: str, calendar: Calendar) -> str | None:
    """The country code for a code, alpha-3 code, name or alias of the calendar's countries,
    or a prefix of only one of them ("Kazakh"), as the CLI and the country filter take it."""
    typed = text.strip()
    if not typed:
        return None
    try:
        return resolve_country(calendar, typed)
    except UsageError as error:
        if str(error).startswith("ambiguous"):  # 'it may be Kazakhstan (KZ), ...'
            raise ValueError(str(error)) from None
    found = search_countries(calendar, typed)
    hint = f' (did you mean "{found[0].name}"?)' if found else ""
    raise ValueError(f'no country "{typed}" in this calendar{hint}')


def _parts(text: str) -> str | list[str] | None:
    """One part of the day, or a range of two: 'afternoon or evening'."""
    if not text.strip():
        return None
    named = [p for p in _PART_SPLIT.split(text.strip().casefold()) if p]
    if len(named) > 2:
        raise ValueError("give one part of the day, or two for a range: afternoon or evening")
    for part in named:
        if part not in PARTS:
            hint = did_you_mean(part, PARTS)
            raise ValueError(f'"{part}" is not a part of the day{hint}: {", ".join(PARTS)}')
    return named[0] if len(named) == 1 else named


def _estimated(draft: Draft) -> list[str] | None:
    ticks = (("start", draft.start_estimated), ("end", draft.end_estimated))
    return [name for name, ticked in ticks if ticked] or None


# --- what to save ------------------------------------------------------------------------


def changes(before: Draft, after: Draft, values: Mapping[str, Any]) -> dict[str, Any]:
    """The TOML keys of the fields that differ between the drafts, with their new values."""
    changed: dict[str, Any] = {}
    for field in fields(Draft):
        name = field.name
        if name == "id" or getattr(before, name) == getattr(after, name):
            continue
        for key in _KEYS_OF.get(name, (name,)):
            changed[key] = values[key]
    return changed


def new_values(values: Mapping[str, Any], calendar: Calendar) -> dict[str, Any]:
    """The keys a new event is written with: those given; its status and zone if unusual."""
    written = {key: value for key, value in values.items() if value is not None}
    if written.get("status") == Status.CONFIRMED.value:
        del written["status"]
    if written.get("timezone") == calendar.timezone:
        del written["timezone"]
    return written


# --- checking ----------------------------------------------------------------------------


def check_draft(
    document: Mapping[str, Any], draft: Draft, calendar: Calendar
) -> dict[FormField, FieldMessage]:
    """What is wrong with each field: its text, else the core rules of `check`.

    ``document`` is the parsed calendar (``tomllib``); ``calendar`` the loaded one, for the
    countries and the ids taken.
    """
    parsed = parse_draft(draft, calendar)
    messages = {field: FieldMessage(text) for field, text in parsed.errors.items()}
    editing = draft.id or None
    problems = field_problems(document, parsed.values, editing)
    if not problems:
        return messages
    warnings = _warning_keys(document, parsed.values)
    for key, text in problems.items():
        if key in TIMING_KEYS and FormField.DATE in messages:
            continue  # the times hang on the date: its message is the one to read
        field = _field_of(key, draft)
        if field not in messages:  # the field's own message says it better
            messages[field] = FieldMessage(text, blocking=key not in warnings)
    return messages


def _field_of(key: str, draft: Draft) -> FormField:
    if key == "start" and not draft.start.strip():
        return FormField.DATE  # a date start: the date field holds it
    if key in _FIELD_OF_KEY:
        return _FIELD_OF_KEY[key]
    return next((field for field in FormField if field.value == key), FormField.EVENT)


def _warning_keys(document: Mapping[str, Any], values: Mapping[str, Any]) -> set[str]:
    """The keys of the draft whose only problems are warnings, which do not stop a save.

    ``field_problems`` gives messages without their severity; the draft is checked alone
    against the calendar's tables, so doing it again costs no more than once.
    """
    draft = {key: value for key, value in values.items() if value is not None}
    alone = {key: value for key, value in document.items() if key != "events"}
    alone["events"] = [draft]
    _, found = build_calendar(alone)
    severities: dict[str, set[bool]] = {}
    for problem in found.problems:
        if problem.path[:2] == ("events", 0):
            key = str(problem.path[2]) if len(problem.path) > 2 else TABLE
            severities.setdefault(key, set()).add(problem.severity is Severity.WARNING)
    return {key for key, kinds in severities.items() if kinds == {True}}


def blocking(messages: Mapping[FormField, FieldMessage]) -> list[FormField]:
    """The fields that stop a save, in the form's order."""
    return [field for field in FormField if field in messages and messages[field].blocking]


def part_names() -> tuple[str, ...]:
    """The closed list of the parts of the day, for the form's hint."""
    return tuple(part.value for part in PartOfDay)
