"""One import, start to end: the sources read, the plan made on the version the file's owner
holds, the calendar after it built and checked, and what changed in `diplocal diff`'s words
(``prepare_import``, which writes nothing); then ``write_prepared``, which hands the import
to the owner as one edit (one save, one undo step) and keeps the import records.

The CLI (`import`, `pull`) prints ``Prepared`` and, unless it is a dry run, writes it; the
TUI shows the same changes as a preview before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tui.core.editing.document import CalendarDocument, Outcome, Result
from tui.core.editing.document_parts import first_line
from tui.core.editing.intents import Edit
from tui.core.editing.new_calendar import new_calendar_text
from tui.core.editing.save import ConflictError, SaveError
from tui.core.editing.toml_edit import parse
from tui.core.errors import CalendarError, Diagnostic, Severity, UsageError
from tui.core.export import ical_extra as extra
from tui.core.importing.gather import Gathered, Window, gather
from tui.core.importing.mapping import Target, text_of
from tui.core.importing.plan import Plan, plan_import
from tui.core.importing.read import IcsFile, calendar_name, read_ics
from tui.core.importing.records import load_records, save_records
from tui.core.importing.write import (
    checked,
    complete_references,
    definitions,
    import_edit,
    imported_text,
)
from tui.core.living.changes import Change, diff_calendars, diff_details
from tui.core.loading.fields import ID_PATTERN
from tui.core.loading.load import load_bytes
from tui.core.model import Calendar, date_of
from tui.core.zones import is_zone


@dataclass(frozen=True, slots=True)
class Options:
    """The command's options: ``zone`` for floating times and a new calendar."""

    zone: str | None = None
    first: date | None = None
    last: date | None = None


@dataclass(slots=True)
class Prepared:
    """An import ready to write (or only to show)."""

    path: Path
    calendar: Calendar  # after the import
    new_text: str
    document: CalendarDocument | None  # the file's owner; None: the file is new
    plan: Plan
    edit: Edit  # for the owner: the import as one step
    changes: list[Change] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        """Whether writing changes anything (a new file is always written)."""
        return self.document is None or self.plan.writes

    def report(self) -> list[Diagnostic]:
        """What was not imported, and why, as located warnings; then the notes."""
        found = [
            Diagnostic(s.source, s.line, 0, f"{s.what} not imported: {s.reason}", Severity.WARNING)
            for s in self.plan.skipped
        ]
        return found + [
            Diagnostic(str(self.path), 0, 0, note, Severity.WARNING) for note in self.plan.notes
        ]


def _first_zone(files: Sequence[IcsFile]) -> str | None:
    """The zone a new calendar takes from the files: ours, X-WR-TIMEZONE, or the first TZID."""
    for ics in files:
        for calendar in ics.calendars:
            zone = text_of(calendar.get(extra.TIMEZONE)).strip()
            if is_zone(zone):
                return zone
    for ics in files:
        if ics.wr_timezone and is_zone(ics.wr_timezone):
            return ics.wr_timezone
        for calendar in ics.calendars:
            for event in calendar.walk("VEVENT"):
                key = getattr(getattr(event.get("DTSTART"), "dt", None), "tzinfo", None)
                name = getattr(key, "key", None)
                if isinstance(name, str) and is_zone(name) and name != "UTC":
                    return name
    return None


def _own_ids(files: Sequence[IcsFile]) -> set[str]:
    return {
        text_of(c.get(extra.CALENDAR_ID)).strip()
        for ics in files
        for c in ics.calendars
        if c.get(extra.CALENDAR_ID) is not None
    }


def new_calendar(path: Path, files: Sequence[IcsFile], options: Options) -> str:
    """The text of the calendar an import creates, as `diplocal new` writes it."""
    zone = options.zone or _first_zone(files)
    if zone is None:
        raise UsageError(f"{path} does not exist and the files name no time zone: give --timezone")
    title = next((t for t in map(calendar_name, files) if t), None) or path.stem
    ids = sorted(i for i in _own_ids(files) if ID_PATTERN.fullmatch(i))
    return new_calendar_text(title, zone, ids[0] if ids else None)


def _span(calendar: Calendar) -> tuple[date, date] | None:
    if not calendar.events:
        return None
    days = [date_of(e.start) for e in calendar.events] + [date_of(e.end) for e in calendar.events]
    return min(days), max(days)


def prepare_import(
    path: Path,
    sources: Sequence[tuple[str, bytes]],
    options: Options,
    document: CalendarDocument | None = None,
) -> Prepared:
    """Read the sources and make the import, without writing: on the version of the file
    ``document`` (its owner, read again first), else of the file at ``path``, if any.

    Raises:
        CalendarError: a source is not valid iCalendar (located), or the calendar on disk
            does not load (its own errors), or the import would make it invalid.
        UsageError: a new calendar with no zone to take, or a bad option.
    """
    files = [read_ics(data, name) for name, data in sources]
    try:
        if document is None and (path.exists() or path.is_symlink()):
            document = CalendarDocument.open(path)
        elif document is not None and document.reload().result is Result.BROKEN:
            raise CalendarError(list(document.errors))
    except CalendarError as error:
        why = "the calendar does not load (above): nothing was imported; fix it first"
        raise CalendarError([*error.diagnostics, Diagnostic(str(path), 0, 0, why)]) from None
    if document is not None:
        text, before = document.text, document.calendar
    else:
        text = new_calendar(path, files, options)
        before = load_bytes(text.encode(), str(path)).calendar
    tables_of = parse(text)
    target = Target(
        timezone=before.timezone,
        floating=options.zone or before.timezone,
        participants=before.participants,
        own_ids=frozenset({before.id, *_own_ids(files)}),
    )
    window = Window(options.first, options.last, _span(before))
    found = Gathered()
    for ics in files:
        one = gather(ics, target, window)
        found.events += one.events
        found.skipped += one.skipped
        found.notes += one.notes
    if any(_has_floating(ics) for ics in files):
        found.notes.append(f"times without a zone (floating) were read in {target.floating}")
    events = tables_of.get("events", [])
    tables = {str(e.get("id")): e for e in events if isinstance(e, dict)}
    plan = plan_import(tables, before.timezone, found.events, load_records(before.id))
    plan.skipped[:0] = found.skipped
    plan.notes[:0] = found.notes
    people = sorted({name for item in found.events for name in item.people})
    if people:
        plan.notes.append(
            "named in the files but not participants here (add them with a country to link "
            "them; their names are in the events' descriptions): " + ", ".join(people)
        )
    complete_references(plan, tables_of, definitions(files))
    new_text = imported_text(text, tables_of, plan)
    edit = import_edit(text, new_text, plan, [name for name, _ in sources])
    if new_text == text:  # nothing to change (the usual second import): nothing to check
        return Prepared(path, before, new_text, document, plan, edit, [])
    after = checked(new_text, str(path)).calendar
    changes = diff_calendars(before, after) + diff_details(before, after)
    return Prepared(path, after, new_text, document, plan, edit, changes)


def write_prepared(prepared: Prepared, *, replace_broken: bool = False) -> Outcome:
    """The import written through the file's owner: one save against the version it was
    made on (one undo step), refused when the file on disk is broken (unless
    ``replace_broken``), or a conflict when the events it touches changed on disk meanwhile;
    a calendar that did not exist is written whole. The import records are kept once
    saved. Never raises but a bug."""
    document, edit = prepared.document, prepared.edit
    if document is not None:
        outcome = document.commit(edit, replace_broken=replace_broken)
    else:
        try:
            loaded = CalendarDocument.create_holding(prepared.path, prepared.new_text).loaded
        except (CalendarError, ConflictError, SaveError) as error:
            return Outcome(Result.REFUSED, f"Not saved: {first_line(error)}")
        message = f"Saved: {edit.description} into a new calendar"
        outcome = Outcome(Result.SAVED, message, edit.keys, loaded)
    if outcome.result is Result.SAVED:
        save_records(prepared.calendar.id, prepared.plan.records)
    return outcome


def _has_floating(ics: IcsFile) -> bool:
    """Whether any event starts at a time of day with no zone at all."""
    for calendar in ics.calendars:
        for event in calendar.walk("VEVENT"):
            prop = event.get("DTSTART")
            value = getattr(prop, "dt", None)
            if isinstance(value, datetime) and value.tzinfo is None:
                return "TZID" not in prop.params  # an unknown TZID is reported on its own
    return False
