"""The `diplocal` command line: open the TUI, or check, export, print and compare calendars.

Only the branch that opens the TUI imports Textual, so `check`, `export` and `agenda`
start fast and run where no terminal UI could.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn, TextIO

from tui import __version__
from tui.core.collector import collector_paused
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
from tui.core.text import escape_controls
from tui.core.zones import UTC_NAME, available_zones, get_zone, local_zone_name
from tui.progress import TerminalProgress

EXIT_OK, EXIT_CALENDAR, EXIT_USAGE, EXIT_CRASH = 0, 1, 2, 3
EXIT_DIFFERENT = 1  # `diff`, like diff(1): the two calendars differ
COMMANDS = ("check", "export", "agenda", "diff", "new")


class _Parser(argparse.ArgumentParser):
    """argparse quotes the arguments it rejects; they are user text like any other."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {escape_controls(message)}\n")


def _say(message: str, stream: TextIO) -> None:
    """Print one message for a person: the single place where quoted text is made safe."""
    print(escape_controls(message), file=stream, flush=True)


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
    parser = _Parser(
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
    export.add_argument(
        "--force", action="store_true", help="allow -o to name the calendar being exported"
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
    new = commands.add_parser(
        "new",
        help="write a new, empty calendar",
        description="Write a calendar with no events yet; it never replaces an existing file.",
    )
    new.add_argument("file", type=Path, help="the calendar file to create")
    new.add_argument("--title", required=True, help="the calendar's title")
    new.add_argument(
        "--timezone", required=True, metavar="ZONE", help="IANA zone of its events by default"
    )
    new.add_argument("--id", dest="calendar_id", metavar="SLUG", help="default: from the title")
    return parser


def build_tui_parser() -> argparse.ArgumentParser:
    """The parser for `diplocal [CALENDAR]`."""
    parser = _Parser(
        prog="diplocal",
        usage="diplocal [CALENDAR] [--since FILE]"
        "\n       diplocal {check,export,agenda} [CALENDAR] [options]"
        "\n       diplocal diff OLD NEW [--format text|json]"
        "\n       diplocal new FILE --title TITLE --timezone ZONE [--id SLUG]",
        description="Open a calendar in the terminal UI. Commands: "
        "check, export, agenda, diff, new (see `diplocal COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"diplocal {__version__}")
    _calendar_argument(parser)
    parser.add_argument(
        "--since",
        type=Path,
        metavar="FILE",
        help="mark what changed since this version of the calendar (default: the version "
        "you last marked as seen)",
    )
    return parser


def _report(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=stream)  # Diagnostic.__str__ escapes what it quotes


def _load(
    path: Path | None,
    stderr: TextIO,
    *,
    report: bool = True,
    on_progress: Progress | None = None,
) -> Loaded:
    def say(message: str) -> None:
        _say(message, stderr)

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
    _say(
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
        _say(f"{target}: error: cannot write: {error.strerror or error}", stderr)
        return EXIT_CALENDAR
    _say(f"{target}: wrote {len(events)} events ({fmt})", stderr)
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


def _new(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.core.edit import new_calendar_text
    from tui.core.save import ConflictError, SaveError, save_calendar

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


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so writes remove their temporary files."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``Terminated`` while the block runs."""

    def unwind(signum: int, _frame: object) -> None:
        raise Terminated(signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; an embedding program keeps its own
        return
    previous = {signum: signal.signal(signum, unwind) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


IN_APP_SIZE = 2_000_000  # bytes: from about half a second of loading, load in the app


def _size(path: Path) -> int:
    """The file's size, or 0 when it cannot be seen (the loader then says why)."""
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _open_tui(argv: Sequence[str], stderr: TextIO) -> int:
    args = build_tui_parser().parse_args(argv)
    path = args.calendar or default_calendar()
    if args.calendar is not None and not path.exists() and not path.is_symlink():
        from tui.ui.new_calendar import NewCalendarApp  # Textual is imported only here.

        if not NewCalendarApp(path).run():
            print(f"{path}: no calendar written", file=stderr)
            return EXIT_CALENDAR
    with _signals_unwind():  # loading may write the cache; the TUI handles its own signals
        since = _load(args.since, stderr).calendar if args.since else None
        # A large file loads inside the app, with progress on screen from the first frame.
        loaded = None if _size(path) >= IN_APP_SIZE else _load(path, stderr, report=False)
    # Textual's modules, the calendar and the app live as long as the process, and make no
    # garbage: the cyclic collector would walk them again and again, in passes of up to
    # 20 ms before the first frame. Paused while they are made, then frozen out of its way
    # (a calendar has no reference cycles: a reload frees the old one by reference count).
    with collector_paused():
        from tui.ui.app import DiplocalApp  # Textual is imported only here.

        app = DiplocalApp(
            loaded.calendar if loaded else None,
            warnings=loaded.warnings if loaded else (),
            path=path,
            baseline=since,
        )
        gc.freeze()
    try:
        app.run()
    finally:
        gc.unfreeze()  # as it was, for a caller that goes on (the tests)
    if app.crashed:
        where = f"; the full traceback is in {app.crash_report}" if app.crash_report else ""
        print(f"diplocal: error: the terminal UI crashed{where}", file=stderr)
        return EXIT_CRASH
    return app.return_code or EXIT_OK


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad calendar, 2 bad usage).

    `new` returns 1 when it cannot write the file (it exists, or the folder is not writable).

    `diff` follows diff(1) instead: 0 same, 1 different, 2 bad usage or a calendar that
    does not load.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    out, err = stdout or sys.stdout, stderr or sys.stderr
    handlers = {"check": _check, "export": _export, "agenda": _agenda, "diff": _diff, "new": _new}
    try:
        if not arguments or arguments[0] not in COMMANDS:
            return _open_tui(arguments, err)
        args = build_parser().parse_args(arguments)
        with _signals_unwind():
            return handlers[args.command](args, out, err)
    except CalendarError as error:
        _report(error.diagnostics, err)
        return EXIT_CALENDAR
    except UsageError as error:
        _say(f"diplocal: error: {error}", err)
        return EXIT_USAGE
    except SystemExit as exit_:  # argparse: --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Terminated as signalled:
        return 128 + signalled.signum
    except BrokenPipeError:
        # `diplocal agenda | head`: the reader left. Point stdout at /dev/null so the
        # interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
