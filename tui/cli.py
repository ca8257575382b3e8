"""The `diplocal` command line: open the TUI, or check, export, print and compare calendars.

Only the branch that opens the TUI imports Textual, so `check`, `export` and `agenda`
start fast and run where no terminal UI could.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tui import __version__
from tui.core.errors import CalendarError, Diagnostic, UsageError
from tui.core.export import ExportFormat, export_bytes, format_for
from tui.core.files import write_atomic
from tui.core.index import CalendarIndex
from tui.core.load import Loaded, Progress, default_calendar, load_calendar
from tui.core.model import Event
from tui.core.query import (
    Filter,
    ZoneMode,
    resolve_country,
    resolve_participant,
)
from tui.core.zones import UTC_NAME, available_zones, get_zone, local_zone_name
from tui.progress import TerminalProgress

EXIT_OK, EXIT_CALENDAR, EXIT_USAGE, EXIT_CRASH = 0, 1, 2, 3
EXIT_DIFFERENT = 1  # `diff`, like diff(1): the two calendars differ
COMMANDS = ("check", "export", "agenda", "diff")


def _calendar_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "calendar",
        nargs="?",
        type=Path,
        help="calendar file (default: ./events.toml, else the bundled one)",
    )


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="CODE",
        help="only events involving this country (alpha-2, alpha-3, name or alias); repeatable",
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser for the subcommands (the bare TUI form is handled before it)."""
    parser = argparse.ArgumentParser(
        prog="diplocal",
        description="A keyboard-first terminal calendar for diplomatic visits and summits.",
        epilog="Run `diplocal [CALENDAR]` with no command to open the calendar in the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"diplocal {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="validate a calendar")
    _calendar_argument(check)
    export = commands.add_parser("export", help="export events to iCalendar or TOML")
    _calendar_argument(export)
    export.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="output file, - for stdout"
    )
    export.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        default=None,
        help="default: from -o, else ics",
    )
    _filter_arguments(export)
    export.add_argument(
        "--participant",
        action="append",
        default=[],
        metavar="ID",
        help="only this participant's events",
    )
    agenda = commands.add_parser("agenda", help="print the schedule, grouped by day")
    _calendar_argument(agenda)
    _filter_arguments(agenda)
    agenda.add_argument(
        "--tz", metavar="ZONE", help="show times in this IANA zone (default: venue time)"
    )
    diff = commands.add_parser(
        "diff",
        help="what changed between two versions of a calendar",
        description="Events matched by id: added, removed, cancelled, moved or changed. "
        "Exit 0 when the same, 1 when they differ, 2 when one does not load.",
    )
    diff.add_argument("old", type=Path, help="the earlier version")
    diff.add_argument("new", type=Path, help="the later version")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def build_tui_parser() -> argparse.ArgumentParser:
    """The parser for `diplocal [CALENDAR]`."""
    parser = argparse.ArgumentParser(
        prog="diplocal",
        usage="diplocal [CALENDAR]\n       diplocal {check,export,agenda} [CALENDAR] [options]"
        "\n       diplocal diff OLD NEW [--format text|json]",
        description="Open a calendar in the terminal UI. Commands: "
        "check, export, agenda, diff (see `diplocal COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"diplocal {__version__}")
    _calendar_argument(parser)
    return parser


def _report(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=stream)


def _load(
    path: Path | None,
    stderr: TextIO,
    *,
    report: bool = True,
    on_progress: Progress | None = None,
) -> Loaded:
    def say(message: str) -> None:
        print(message, file=stderr, flush=True)

    loaded = load_calendar(path or default_calendar(), on_slow_load=say, on_progress=on_progress)
    if report:  # the TUI shows warnings in a view of its own instead
        _report(loaded.warnings, stderr)
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
        loaded = _load(args.calendar, stderr, report=False, on_progress=progress)
        progress("indexing", 0, 1)
        index, events = _selected(loaded, args)
        progress("indexing", 1, 1)
    _report(loaded.warnings, stderr)
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
        loaded = _load(path, stderr, report=False, on_progress=progress)
    _report(loaded.warnings, stderr)
    calendar = loaded.calendar
    warned = f", {len(loaded.warnings)} warning(s)" if loaded.warnings else ""
    print(
        f"{path}: ok: {len(calendar.events)} events, "
        f"{len(calendar.participants)} participants, {len(calendar.countries)} countries{warned}",
        file=stdout,
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
    try:
        write_atomic(target, data)
    except OSError as error:
        print(f"{target}: error: cannot write: {error.strerror or error}", file=stderr)
        return EXIT_CALENDAR
    print(f"{target}: wrote {len(events)} events ({fmt})", file=stderr)
    return EXIT_OK


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
    from tui.core.agenda import agenda_text

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
    from tui.core.changes import change_json, change_line, diff_calendars, diff_details

    calendars = []
    failed = False
    for path in (args.old, args.new):
        try:
            calendars.append(_load(path, stderr).calendar)
        except CalendarError as error:  # report both files' problems, then stop
            _report(error.diagnostics, stderr)
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


def _open_tui(argv: Sequence[str], stderr: TextIO) -> int:
    args = build_tui_parser().parse_args(argv)
    loaded = _load(args.calendar, stderr, report=False)
    from tui.ui.app import DiplocalApp  # Textual is imported only here.

    app = DiplocalApp(loaded.calendar, warnings=loaded.warnings)
    app.run()
    if app.crashed:
        where = f"; the full traceback is in {app.crash_report}" if app.crash_report else ""
        print(f"diplocal: error: the terminal UI crashed{where}", file=stderr)
        return EXIT_CRASH
    return app.return_code or EXIT_OK


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad calendar, 2 bad usage).

    `diff` follows diff(1) instead: 0 same, 1 different, 2 bad usage or a calendar that
    does not load.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    out, err = stdout or sys.stdout, stderr or sys.stderr
    handlers = {"check": _check, "export": _export, "agenda": _agenda, "diff": _diff}
    try:
        if not arguments or arguments[0] not in COMMANDS:
            return _open_tui(arguments, err)
        args = build_parser().parse_args(arguments)
        return handlers[args.command](args, out, err)
    except CalendarError as error:
        _report(error.diagnostics, err)
        return EXIT_CALENDAR
    except UsageError as error:
        print(f"diplocal: error: {error}", file=err)
        return EXIT_USAGE
    except SystemExit as exit_:  # argparse: --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `diplocal agenda | head`: the reader left. Point stdout at /dev/null so the
        # interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
