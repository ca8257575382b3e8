"""What an import would do to a calendar: add, update, cancel, or leave each event alone.

Matching is by key (the UID, with the occurrence for a recurrence; a content hash without
UID), through the records of earlier imports (``records``), else by the id the key
gives, so our own exports and a calendar imported before the records existed match too.
An event already there is updated only when the file's revision is newer: a higher
SEQUENCE, or at equal SEQUENCE a later LAST-MODIFIED/DTSTAMP; an older one is skipped and
reported. METHOD:CANCEL or STATUS:CANCELLED cancels (the event is kept, as `d` does).
Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from tui.core.importing.mapping import Incoming, Skipped
from tui.core.importing.records import Record


class Action(StrEnum):
    """What happens to one incoming event."""

    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Step:
    """One event's part of the plan. ``changes`` maps keys to new values (None: removed)."""

    action: Action
    incoming: Incoming
    event_id: str
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Plan:
    """The whole import: steps, what was skipped, and the records to keep afterwards."""

    steps: list[Step] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)  # tables to add
    participants: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)

    def count(self, action: Action) -> int:
        """How many steps do ``action``."""
        return sum(1 for step in self.steps if step.action is action)

    @property
    def writes(self) -> bool:
        """Whether carrying the plan out changes the calendar."""
        return any(s.action is not Action.UNCHANGED for s in self.steps)


def normal(table: Mapping[str, Any], calendar_zone: str) -> dict[str, Any]:
    """An event table in one spelling, to compare: lists for one-part values, no defaults."""
    result = {}
    for key, value in table.items():
        if value in (None, "", [], False):
            continue
        if key == "timezone" and value == calendar_zone:
            continue
        if key in ("kind", "status") and value in ("other", "confirmed"):
            continue
        if key == "part_of_day" and isinstance(value, str):
            value = [value]
        if key == "approximate" and value is True:
            value = ["start", "end"] if "end" in table else ["start"]
        result[key] = list(value) if isinstance(value, tuple) else value
    return result


_TIME_KEYS = ("start", "end", "timezone", "all_day", "part_of_day", "under_way_at", "approximate")


def _changes(
    old: Mapping[str, Any], new: Mapping[str, Any], zone: str, whole: bool = True
) -> dict[str, Any]:
    """The keys to set (None: to remove) so ``old`` says what ``new`` does.

    Not ``whole``: ``new`` is what another client's file says; the keys it cannot say stay,
    and the ways of telling a time (part of day, estimates...) only go when the time moved.
    """
    before, after = normal(old, zone), normal(new, zone)
    keys = [k for k in {**before, **after} if k != "id" and before.get(k) != after.get(k)]
    if not whole:
        moved = any(before.get(k) != after.get(k) for k in ("start", "end", "timezone"))
        keys = [k for k in keys if k in new or (moved and k in _TIME_KEYS)]
    return {k: new.get(k) for k in keys}


def _newer(incoming: Incoming, record: Record | None) -> bool | None:
    """True newer, False older, None the same revision (or nothing to compare with)."""
    if record is None:
        return None
    if incoming.sequence != record.sequence:
        return incoming.sequence > record.sequence
    if incoming.stamp is None or record.stamp is None or incoming.stamp == record.stamp:
        return None
    return incoming.stamp > record.stamp


def _stamp_text(value: datetime | None) -> str:
    return value.isoformat() if value else "none"


@dataclass(slots=True)
class _Ids:
    """Event ids in the calendar and in this import, and which key holds each."""

    existing: Mapping[str, Mapping[str, Any]]
    owners: dict[str, str]

    def free(self, wanted: str, key: str) -> str:
        """``wanted``, or it with a hash of the key when another event holds it."""
        holder = self.owners.get(wanted)
        if holder in (None, key) and (wanted not in self.existing or holder == key):
            return wanted
        return f"{wanted[:40]}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"


def plan_import(
    events: Mapping[str, Mapping[str, Any]],
    calendar_zone: str,
    incoming: list[Incoming],
    records: Mapping[str, Record],
) -> Plan:
    """The plan for ``incoming`` against the calendar's event tables (by id)."""
    plan = Plan()
    ids = _Ids(events, {r.event_id: key for key, r in records.items() if r.event_id in events})
    for item in _latest(incoming, plan):
        record = records.get(item.key)
        matched = _match(item, record, ids)
        if matched is None:
            _add(item, ids, plan)
            continue
        ids.owners[matched] = item.key
        if record is not None and _newer(item, record) is False:
            why = f"older than the version imported before ({_older(item, record)})"
            plan.skipped.append(Skipped(item.source, item.line, f'"{matched}"', why))
            plan.records[item.key] = record
            continue
        old = events[matched]
        wanted = {**old, "status": "cancelled"} if item.cancels else item.table
        changes = _changes(old, wanted, calendar_zone, item.whole or item.cancels)
        plan.steps.append(
            Step(Action.UPDATE if changes else Action.UNCHANGED, item, matched, changes)
        )
        plan.records[item.key] = Record(matched, item.sequence, item.stamp)
    return plan


def _match(item: Incoming, record: Record | None, ids: _Ids) -> str | None:
    """The event an incoming one is: by the records, else by the id its key gives."""
    if record is not None and record.event_id in ids.existing:
        return record.event_id
    if item.event_id in ids.existing and ids.owners.get(item.event_id) is None:
        return item.event_id
    return None


def _add(item: Incoming, ids: _Ids, plan: Plan) -> None:
    """A new event, under a free id; a cancellation of an unknown one is only reported."""
    if item.cancels:
        why = "it cancels an event that is not in the calendar"
        what = f'VEVENT "{item.table["title"]}"'
        plan.skipped.append(Skipped(item.source, item.line, what, why))
        return
    new_id = ids.free(item.event_id, item.key)
    ids.owners[new_id] = item.key
    plan.steps.append(Step(Action.ADD, item, new_id, {**item.table, "id": new_id}))
    plan.records[item.key] = Record(new_id, item.sequence, item.stamp)


def _older(item: Incoming, record: Record) -> str:
    if item.sequence != record.sequence:
        return f"SEQUENCE {item.sequence} < {record.sequence}"
    return f"stamp {_stamp_text(item.stamp)} < {_stamp_text(record.stamp)}"


def _latest(incoming: list[Incoming], plan: Plan) -> list[Incoming]:
    """One event per key: the newest revision the file holds (a file may hold several)."""
    chosen: dict[str, Incoming] = {}
    for item in incoming:
        held = chosen.get(item.key)
        if held is None or (item.sequence, _stamp_text(item.stamp)) >= (
            held.sequence,
            _stamp_text(held.stamp),
        ):
            if held is not None:
                plan.notes.append(f'"{item.key}" appears more than once; the newest is used')
            chosen[item.key] = item
    return list(chosen.values())
