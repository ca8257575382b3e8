"""The subcommands (check, export, agenda, diff, new): parsed arguments in, an exit code out."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tui.cli.output import (
    EXIT_CALENDAR,
    EXIT_DIFFERENT,
    EXIT_OK,
    EXIT_USAGE,
    print_diagnostics,
    say,
)
from tui.cli.progress import TerminalProgress
from tui.cli.serve import serve
from tui.core.errors import CalendarError, UsageError
from tui.core.export.formats import export_bytes, format_for
from tui.core.loading.load import Loaded, Progress, default_calendar, load_calendar
from tui.core.model import Event
from tui.core.system.files import write_atomic
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lookup import resolve_country, resolve_participant
from tui.core.zones import UTC_NAME, available_zones, get_zone, local_zone_name


def load(
    path: Path | None,
    stderr: TextIO,
    *,
    report: bool = True,
    on_progress: Progress | None = None,
) -> Loaded:
    def tell(message: str) -> None:
        say(message, stderr)

    loaded = load_calendar(path or default_calendar(), on_slow_load=tell, on_progress=on_progress)
    if report:  # the TUI shows warnings in a view of its own instead
        print_diagnostics(loaded.warnings, stderr)
    return loaded


@contextmanager
def _progress_bar(stderr: TextIO) -> Iterator[TerminalProgress]:
    """A progress bar for the ``with`` block, on stderr when it is a terminal."""
    bar = TerminalProgress(stderr)
    try:
        yield bar
    finally:
        bar.close()


def _load_and_index(
    args: argparse.Namespace, stderr: TextIO
) -> tuple[Loaded, CalendarIndex, list[Event]]:
    """Load and select with a progress bar, then report the warnings (never under the bar)."""
    with _progress_bar(stderr) as progress:
        loaded = load(args.calendar, stderr, report=False, on_progress=progress)
        progress("indexing", 0, 1)
        index, events = _selected(loaded, args)
        progress("indexing", 1, 1)
    print_diagnostics(loaded.warnings, stderr)
    return loaded, index, events


def _selected(loaded: Loaded, args: argparse.Namespace) -> tuple[CalendarIndex, list[Event]]:
    calendar = loaded.calendar
    countries = frozenset(resolve_country(calendar, c) for c in args.country)
    people = frozenset(resolve_participant(calendar, p) for p in getattr(args, "participant", []))
    index = CalendarIndex(calendar)
    return index, index.select(Filter(countries=countries, participants=people))


def _check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    path = args.calendar or default_calendar()
    with _progress_bar(stderr) as progress:
        loaded = load(path, stderr, report=False, on_progress=progress)
    print_diagnostics(loaded.warnings, stderr)
    calendar = loaded.calendar
    warned = f", {len(loaded.warnings)} warning(s)" if loaded.warnings else ""
    say(
        f"{path}: ok: {len(calendar.events)} events, "
        f"{len(calendar.participants)} participants, {len(calendar.countries)} countries{warned}",
        stdout,
    )
    return EXIT_OK


def _export(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    loaded, _, events = _load_and_index(args, stderr)
    calendar = loaded.calendar
    fmt = format_for(args.output, args.format)
    data = export_bytes(calendar, events, fmt)
    if args.output == "-":
        _write_stdout(data, stdout)
        return EXIT_OK
    target = Path(args.output)
    if not args.force and _same_file(target, args.calendar or default_calendar()):
        raise UsageError(
            f"{target} is the calendar being exported; an export would replace it "
            "(add --force to do so)"
        )
    try:
        write_atomic(target, data)
    except OSError as error:
        say(f"{target}: error: cannot write: {error.strerror or error}", stderr)
        return EXIT_CALENDAR
    say(f"{target}: wrote {len(events)} events ({fmt})", stderr)
    return EXIT_OK


def _same_file(target: Path, source: Path) -> bool:
    """Whether writing ``target`` would write ``source`` (same file, link or not)."""
    try:
        return target.samefile(source)
    except OSError:  # the target does not exist yet
        return False


def _write_stdout(data: bytes, stdout: TextIO) -> None:
    # Bytes as exported: iCalendar lines end in CRLF, which text mode must not touch.
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:
        stdout.write(data.decode())
        return
    stdout.flush()
    buffer.write(data)
    buffer.flush()


def _agenda(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.core.views.agenda_text import agenda_text

    mode, zone = ZoneMode.EVENT, get_zone(local_zone_name())
    if args.tz:
        name = UTC_NAME if args.tz.upper() in ("UTC", "Z") else args.tz
        if name not in available_zones():
            raise UsageError(f'unknown time zone "{args.tz}" (use an IANA name like Europe/Berlin)')
        mode, zone = ZoneMode.LOCAL, get_zone(name)
    _, index, events = _load_and_index(args, stderr)
    stdout.write(agenda_text(index, events, mode, zone))
    return EXIT_OK


def _diff(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.core.living.changes import change_json, change_line, diff_calendars, diff_details

    calendars = []
    failed = False
    for path in (args.old, args.new):
        try:
            calendars.append(load(path, stderr).calendar)
        except CalendarError as error:  # report both files' problems, then stop
            print_diagnostics(error.diagnostics, stderr)
            failed = True
    if failed:
        return EXIT_USAGE
    old, new = calendars
    changes = diff_calendars(old, new) + diff_details(old, new)
    if args.format == "json":
        document = {"old": str(args.old), "new": str(args.new), "same": not changes}
        document["changes"] = [change_json(c) for c in changes]
        stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.writelines(change_line(c) + "\n" for c in changes)
    return EXIT_DIFFERENT if changes else EXIT_OK


def _new(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.core.editing.save import ConflictError, SaveError, save_calendar
    from tui.core.editing.toml_edit import new_calendar_text

    text = new_calendar_text(args.title, args.timezone, args.calendar_id)
    try:
        save_calendar(args.file, text, expected_digest=None)
    except ConflictError:
        print(f"{args.file}: error: already exists; not overwriting it", file=stderr)
        return EXIT_CALENDAR
    except SaveError as error:
        print(f"{args.file}: error: cannot write: {error.reason}", file=stderr)
        return EXIT_CALENDAR
    print(f"{args.file}: wrote a new calendar with no events", file=stderr)
    return EXIT_OK


HANDLERS = {
    "check": _check,
    "export": _export,
    "agenda": _agenda,
    "diff": _diff,
    "new": _new,
    "serve": serve,
}
