"""The subcommands (check, export, agenda, brief, diff, new): arguments in, an exit code out."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from tui.cli.calendar_io import load, load_and_index, progress_bar, write_output
from tui.cli.import_command import run_import
from tui.cli.output import (
    EXIT_CALENDAR,
    EXIT_DIFFERENT,
    EXIT_OK,
    EXIT_USAGE,
    print_diagnostics,
    say,
)
from tui.cli.serve import serve
from tui.core.errors import CalendarError
from tui.core.export.formats import export_bytes, format_for
from tui.core.loading.load import default_calendar
from tui.core.text import json_escapes


def _check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    path = args.calendar or default_calendar()
    with progress_bar(stderr) as progress:
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
    loaded, _, events = load_and_index(args, stderr)
    calendar = loaded.calendar
    fmt = format_for(args.output, args.format)
    data = export_bytes(calendar, events, fmt, args.open_end, args.calendar or default_calendar())
    if args.output == "-":
        _write_stdout(data, stdout)
        return EXIT_OK
    return write_output(args, data, f"{len(events)} events ({fmt})", stderr)


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
    from tui.cli.agenda import run_agenda

    return run_agenda(args, stdout, stderr)


def _brief(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.cli.brief import run_brief

    return run_brief(args, stdout, stderr)


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
        # Values and file names as they are, but nothing a terminal would obey or hide.
        stdout.write(json_escapes(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")
    else:
        stdout.writelines(change_line(c) + "\n" for c in changes)
    return EXIT_DIFFERENT if changes else EXIT_OK


def _new(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.core.editing.document import CalendarDocument  # the file's one owner
    from tui.core.editing.save import ConflictError, SaveError

    try:
        CalendarDocument.create(args.file, args.title, args.timezone, args.calendar_id)
    except ConflictError:
        say(f"{args.file}: error: already exists; not overwriting it", stderr)
        return EXIT_CALENDAR
    except SaveError as error:
        say(f"{args.file}: error: cannot write: {error.reason}", stderr)
        return EXIT_CALENDAR
    say(f"{args.file}: wrote a new calendar with no events", stderr)
    return EXIT_OK


HANDLERS = {
    "check": _check,
    "export": _export,
    "agenda": _agenda,
    "brief": _brief,
    "diff": _diff,
    "new": _new,
    "import": run_import,
    "serve": serve,
}
