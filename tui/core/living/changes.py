"""What changed between two versions of a calendar: events added, removed, cancelled, moved
or changed, matched by id.

Fields are compared generically over the model's dataclass fields, so a field added to
``Event`` later is reported as "changed" without touching this module. Times are compared
as instants: an event that keeps its instant but is now written in another zone has not
moved (its ``timezone`` field changed instead). Ids are never guessed: an id that
disappears and one that appears are a removal and an addition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum, StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from tui.core.event_order import calendar_key
from tui.core.model import EVENT_FIELDS, Calendar, Event, Status
from tui.core.text import one_line
from tui.core.zones import zone_name

NONE_TEXT = "(none)"
# Fields that say how the file was written, not what the event is.
_NOT_COMPARED = frozenset({"id", "explicit_end"})
_TIME_FIELDS = ("start", "end")


class ChangeKind(StrEnum):
    """How an event differs between two versions; the order is the order of the report."""

    ADDED = "added"
    REMOVED = "removed"
    CANCELLED = "cancelled"
    MOVED = "moved"
    CHANGED = "changed"


class Subject(StrEnum):
    """What a change is about."""

    EVENT = "event"
    CALENDAR = "calendar"
    COUNTRY = "country"
    PARTICIPANT = "participant"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs: raw values for code, display strings for people."""

    field: str
    old: object
    new: object

    @property
    def old_text(self) -> str:
        """The old value as shown on screen and by `diplocal diff`."""
        return display(self.old)

    @property
    def new_text(self) -> str:
        """The new value as shown on screen and by `diplocal diff`."""
        return display(self.new)


@dataclass(frozen=True, slots=True)
class Change:
    """One changed thing (an event, unless ``subject`` says otherwise).

    ``kind`` is the most telling change (cancelled, then moved, then changed); ``fields``
    lists every field that differs, so an event moved and retitled is one "moved" change
    with both the time and the title in its fields. ``title`` is the new version's, or the
    old one's for a removal; ``start`` orders changes in time.
    """

    kind: ChangeKind
    id: str
    title: str
    fields: tuple[FieldChange, ...] = ()
    subject: Subject = Subject.EVENT
    start: datetime | date | None = None


def diff_calendars(old: Calendar, new: Calendar) -> list[Change]:
    """Event changes from ``old`` to ``new``: grouped by kind, in time order within a kind."""
    old_events = {e.id: e for e in old.events}
    new_events = {e.id: e for e in new.events}
    changes = [
        Change(ChangeKind.REMOVED, e.id, e.title, start=e.start)
        for e in old.events
        if e.id not in new_events
    ]
    for event in new.events:
        before = old_events.get(event.id)
        if before is event or (before == event and _folds(before) == _folds(event)):
            # Reused unchanged by a reload or save, or equal. A tuple comparison, not the
            # field by field look: 5 s less at 100,000 events. It compares times that share
            # a zone by wall clock, so the folds are compared too: the second 02:30 of the
            # night a clock goes back is not the first.
            continue
        if before is None:
            changes.append(Change(ChangeKind.ADDED, event.id, event.title, start=event.start))
        elif (change := event_change(before, event)) is not None:
            changes.append(change)
    order = list(ChangeKind)
    old_key, new_key = calendar_key(old.timezone), calendar_key(new.timezone)

    def key(change: Change) -> tuple[int, tuple[date, int, float], str]:
        removed = change.kind is ChangeKind.REMOVED
        event = old_events[change.id] if removed else new_events[change.id]
        return order.index(change.kind), (old_key if removed else new_key)(event), change.id

    return sorted(changes, key=key)


def _folds(event: Event) -> tuple[int, ...]:
    return tuple(
        getattr(value, "fold", 0) for value in (event.start, event.end, event.under_way_at)
    )


def event_change(old: Event, new: Event) -> Change | None:
    """How ``new`` differs from ``old`` (the same event id), or None when it does not."""
    differing = list(_event_fields(old, new))
    moved = any(f.field in _TIME_FIELDS for f in differing)
    differing = [_zone_change(old, new) if f.field == "timezone" else f for f in differing]
    if moved:
        # The zone is the one the times are in, and a moved time already shows its zone.
        differing = [f for f in differing if f.field != "timezone"]
    if not differing:
        return None
    if new.status is Status.CANCELLED and old.status is not Status.CANCELLED:
        kind = ChangeKind.CANCELLED
    elif moved:
        kind = ChangeKind.MOVED
    else:
        kind = ChangeKind.CHANGED
    return Change(kind, new.id, new.title, tuple(differing), start=new.start)


def _event_fields(old: Event, new: Event) -> list[FieldChange]:
    """The fields that differ, an end the file does not give being no end (None), never
    the start it stands in for (so a moved start invents no end, and an end added equal to
    the start is an end added)."""
    # The revision stamp says when, not what: an edit shows by what it changed.
    found = list(_differing_fields(old, new, skip={*_NOT_COMPARED, "updated", "end"}))
    before = None if old.open_end else old.end
    after = None if new.open_end else new.end
    if not same(before, after):
        found.append(FieldChange("end", before, after))
    return sorted(found, key=lambda change: EVENT_FIELDS.index(change.field))


def _zone_change(old: Event, new: Event) -> FieldChange:
    """The same instants, shown in another zone: name both zones, offsets included."""
    before, after = (e.start.tzinfo if isinstance(e.start, datetime) else None for e in (old, new))
    return FieldChange("timezone", zone_name(before), zone_name(after))


def diff_details(old: Calendar, new: Calendar) -> list[Change]:
    """Changes to the calendar's own fields, its countries and its participants."""
    changes: list[Change] = []
    header = tuple(_differing_fields(old, new, skip={"countries", "participants", "events"}))
    if header:
        changes.append(Change(ChangeKind.CHANGED, new.id, new.title, header, Subject.CALENDAR))
    changes += _diff_table(old.countries, new.countries, Subject.COUNTRY, _name)
    changes += _diff_table(old.participants, new.participants, Subject.PARTICIPANT, _name)
    return changes


def _name(item: Any) -> str:
    return str(getattr(item, "name", ""))


def _diff_table(
    old: Mapping[str, Any], new: Mapping[str, Any], subject: Subject, title: Callable[[Any], str]
) -> list[Change]:
    changes = []
    for key in sorted(old.keys() | new.keys()):
        if key not in new:
            changes.append(Change(ChangeKind.REMOVED, key, title(old[key]), subject=subject))
        elif key not in old:
            changes.append(Change(ChangeKind.ADDED, key, title(new[key]), subject=subject))
        elif differing := tuple(_differing_fields(old[key], new[key], skip={"id", "code"})):
            changes.append(Change(ChangeKind.CHANGED, key, title(new[key]), differing, subject))
    return changes


def _differing_fields(
    old: Any, new: Any, skip: Iterable[str] = _NOT_COMPARED
) -> Iterable[FieldChange]:
    skipped = frozenset(skip)
    for spec in fields(old):
        if spec.name in skipped:
            continue
        before, after = getattr(old, spec.name), getattr(new, spec.name, None)
        if not same(before, after):
            yield FieldChange(spec.name, before, after)


def same(old: object, new: object) -> bool:
    """Whether two field values say the same thing; datetimes are compared as instants."""
    if isinstance(old, datetime) or isinstance(new, datetime):
        if not (isinstance(old, datetime) and isinstance(new, datetime)):
            return False  # a date became a time, or the other way round
        if old.tzinfo is None or new.tzinfo is None:
            return old.tzinfo is new.tzinfo and old == new
        return old.astimezone(UTC) == new.astimezone(UTC)
    return type(old) is type(new) and old == new


# --- how values read -------------------------------------------------------------------
def display(value: object) -> str:
    """A field value on one line: times with their zone, lists joined, text made printable."""
    if value is None or value == ():
        return NONE_TEXT
    if isinstance(value, datetime):
        clock = "%H:%M:%S" if value.second else "%H:%M"
        return f"{value:%Y-%m-%d} {value.strftime(clock)} {zone_name(value.tzinfo)}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list | frozenset | set):
        items = [display(item) for item in value]
        return ", ".join(sorted(items) if isinstance(value, frozenset | set) else items)
    if isinstance(value, Mapping):
        return ", ".join(f"{display(k)}: {display(v)}" for k, v in value.items())
    if isinstance(value, timedelta):
        return _duration(value)
    if isinstance(value, str):
        return one_line(value) or '""'
    return one_line(str(value))


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds()) // 60
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes % 60 else f"{minutes // 60}h"


def plain(value: object) -> object:
    """A field value for JSON: times in ISO 8601, zoned ones with their IANA name appended
    (RFC 9557: ``2025-10-09T11:00:00+05:00[Asia/Dushanbe]``), lists as lists."""
    if isinstance(value, datetime):
        suffix = f"[{value.tzinfo.key}]" if isinstance(value.tzinfo, ZoneInfo) else ""
        return value.isoformat() + suffix
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted((plain(item) for item in value), key=str)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, timedelta):
        return value.total_seconds()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    return str(value)


# --- reports ---------------------------------------------------------------------------
ARROW = " \u2192 "


def change_line(change: Change) -> str:
    """One line of `diplocal diff`: 'moved talks "Talks": start 11:00 … → 12:00 …', or
    'added dinner "Dinner": start 2025-10-09 19:00 Asia/Dushanbe'.

    Events are named by id; other subjects as ``subject:id`` (ids never hold a colon).
    """
    name = change.id if change.subject is Subject.EVENT else f"{change.subject}:{change.id}"
    line = f'{change.kind} {name} "{one_line(change.title)}"'
    values = [f"{f.field} {f.old_text}{ARROW}{f.new_text}" for f in change.fields]
    if change.kind is ChangeKind.ADDED and change.start is not None and not values:
        values = [f"start {display(change.start)}"]  # when the new event is, with its zone
    return f"{line}: {'; '.join(values)}" if values else line


def change_json(change: Change) -> dict[str, object]:
    """One change for `diplocal diff --format json` (the shape is documented in README)."""
    return {
        "kind": change.kind.value,
        "subject": change.subject.value,
        "id": change.id,
        "title": change.title,
        "start": plain(change.start),
        "fields": [
            {
                "field": f.field,
                "old": plain(f.old),
                "new": plain(f.new),
                "old_text": f.old_text,
                "new_text": f.new_text,
            }
            for f in change.fields
        ],
    }
