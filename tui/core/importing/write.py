"""Carrying an import plan out on the calendar's text, and the one write.

``imported_text`` is pure: the calendar's text in, the text after the import out. Updated
events are edited in place by ``toml_edit`` (comments and every other table kept byte for
byte); new countries, participants and events are appended at the end, in one piece, so
10,000 new events cost one serialisation, not 10,000 re-parses. Nothing here writes:
``import_edit`` wraps the import as one edit for the file's owner, which checks, saves and
can undo it (``session.write_prepared``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import tomli_w

from tui.core.editing.intents import Edit, TableKey
from tui.core.editing.steps import EventIds
from tui.core.editing.toml_edit import add_event, event_blocks, parse, update_event
from tui.core.errors import CalendarError, Diagnostic
from tui.core.export import ical_extra as extra
from tui.core.importing.fetch import is_url
from tui.core.importing.mapping import text_of
from tui.core.importing.plan import Action, Plan
from tui.core.importing.read import IcsFile
from tui.core.loading.load import Loaded, load_bytes
from tui.core.text import one_line, toml_escapes

Definitions = tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]


def definitions(files: Iterable[IcsFile]) -> Definitions:
    """Countries and participants our own exports define (X-DIPLOCAL-COUNTRY/PARTICIPANT)."""
    countries: dict[str, dict[str, Any]] = {}
    people: dict[str, dict[str, Any]] = {}
    for ics in files:
        for calendar in ics.calendars:
            for name, into, key in (
                (extra.COUNTRY, countries, "code"),
                (extra.PARTICIPANT, people, "id"),
            ):
                value = calendar.get(name)
                for item in value if isinstance(value, list) else ([value] if value else []):
                    table = extra.read_definition(text_of(item))
                    if table and isinstance(table.get(key), str):
                        into.setdefault(table.pop(key), table)
    return countries, people


def complete_references(plan: Plan, document: Mapping[str, Any], defined: Definitions) -> None:
    """Add the countries and participants new events name, or drop a name no one defines."""
    countries, people = defined
    have_countries = set(document.get("countries", {}))
    have_people = set(document.get("participants", {}))
    events = {str(e.get("id")): e for e in document.get("events", []) if isinstance(e, Mapping)}

    def country(code: str) -> bool:
        if code in have_countries or code in plan.countries:
            return True
        if code in countries:
            plan.countries[code] = countries[code]
            return True
        return False

    for number, step in enumerate(plan.steps):
        table = step.changes
        if step.action is Action.UNCHANGED:
            continue
        if table.get("host") and not country(table["host"]):
            plan.notes.append(f'"{step.event_id}": host "{table["host"]}" is not defined; left out')
            del table["host"]
        kept = []
        for pid in table.get("participants") or []:
            if pid in have_people or pid in plan.participants:
                kept.append(pid)
            elif pid in people and country(str(people[pid].get("country", ""))):
                plan.participants[pid] = people[pid]
                kept.append(pid)
            else:
                plan.notes.append(
                    f'"{step.event_id}": participant "{pid}" is not defined; left out'
                )
        if table.get("participants"):
            table["participants"] = kept or None
        if step.action is Action.ADD and table.get("participants", 0) is None:
            del table["participants"]
        if step.action is Action.UPDATE and not _still_changes(
            table, events.get(step.event_id, {})
        ):
            plan.steps[number] = replace(step, action=Action.UNCHANGED)


def _still_changes(table: dict[str, Any], old: Mapping[str, Any]) -> bool:
    """An update whose names were all left out keeps the event's own names, and an update
    left with nothing new is no update: importing the same file again changes nothing."""
    if "participants" in table and table["participants"] is None and old.get("participants"):
        del table["participants"]  # the file named only people no one defines
    for key in [k for k, v in table.items() if old.get(k) == v or (v is None and k not in old)]:
        del table[key]
    return bool(table)


def _appended(text: str, piece: dict[str, Any]) -> str:
    if not any(piece.values()):
        return text
    written = toml_escapes(tomli_w.dumps(piece, multiline_strings=True))
    newline = "\r\n" if "\r\n" in text else "\n"
    if newline != "\n":
        written = written.replace("\n", newline)
    before = text if not text or text.endswith("\n") else text + newline
    return before + newline + written


def imported_text(text: str, document: Mapping[str, Any], plan: Plan) -> str:
    """The calendar's text with the plan carried out."""
    for step in plan.steps:
        if step.action is Action.UPDATE:
            text = update_event(text, step.event_id, step.changes)
    new_events = [step.changes for step in plan.steps if step.action is Action.ADD]
    text = _appended(text, {"countries": plan.countries, "participants": plan.participants})
    if "events" in document and not event_blocks(text):  # events = [...], written inline
        for table in new_events:
            text = add_event(text, table)
        return text
    if not new_events:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    # tomli-w writes a list of short tables inline: each event gets its own [[events]].
    pieces = ["[[events]]\n" + tomli_w.dumps(table, multiline_strings=True) for table in new_events]
    written = toml_escapes("\n".join(pieces)).replace("\n", newline)
    before = text if text.endswith("\n") else text + newline
    return before + newline + written


def checked(text: str, name: str) -> Loaded:
    """The calendar the new text holds; an error when the import would make it invalid."""
    try:
        return load_bytes(text.encode(), name)
    except CalendarError as error:
        said = "; ".join(d.message for d in error.diagnostics[:3])
        message = f"the import would make the calendar invalid ({said}); nothing was written"
        raise CalendarError([Diagnostic(name, 0, 0, message)]) from None


def import_edit(base: str, new: str, plan: Plan, sources: Sequence[str]) -> Edit:
    """The import as ONE edit for the file's owner (``CalendarDocument.commit``): saved at
    once, undone at once, under the owner's conflict rule and broken-file refusal.

    Made on ``base`` (the text the plan was made from, which the preview showed), it gives
    ``new`` as it is; on a newer text (changed on disk, but not in the tables the import
    touches: else the owner asks) it carries the plan out again there.
    """

    def make(text: str) -> str:
        return new if text == base else imported_text(text, parse(text), plan)

    touched = [s for s in plan.steps if s.action is not Action.UNCHANGED]
    ids: list[EventIds] = [
        (None if s.action is Action.ADD else s.event_id, s.event_id) for s in touched
    ]
    keys: list[TableKey] = [("events", s.event_id) for s in touched]
    keys += [("countries", code) for code in plan.countries]
    keys += [("participants", pid) for pid in plan.participants]
    added = sum(s.action is Action.ADD for s in touched)
    what = f"imported {_counted(added, len(touched) - added)} from {_named(sources)}"
    return Edit(make, tuple(keys), tuple(ids), what)


def _counted(added: int, updated: int) -> str:
    """'2 new events', '1 updated event', '2 new and 1 updated events': as the preview
    counted them."""
    parts = [f"{added} new" if added else "", f"{updated} updated" if updated else ""]
    total = added + updated
    return f"{' and '.join(p for p in parts if p) or '0'} event{'' if total == 1 else 's'}"


def _named(sources: Sequence[str]) -> str:
    """The sources in a description: a file's name, a URL, or standard input."""
    names = [
        "standard input" if s == "<stdin>" else s if is_url(s) else Path(s).name or s
        for s in sources
    ]
    first = one_line(names[0], 80) if names else "nothing"
    return first if len(names) < 2 else f"{first} and {len(names) - 1} more"
