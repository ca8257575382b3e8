"""The `diplocal` command line: open the TUI, or check, export and print calendars.

Only the branch that opens the TUI imports Textual, so `check`, `export` and `agenda`
start fast and run where no terminal UI could.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from tui import __version__
from tui.core.errors import CalendarError, Diagnostic, UsageError
from tui.core.files import write_atomic
from tui.core.index import CalendarIndex
from tui.core.load import Loaded, default_calendar, load_calendar
from tui.core.model import Event
from tui.core.query import (
    Filter,
    ZoneMode,
    resolve_country,
    resolve_participant,
)
from tui.core.text import escape_controls
from tui.core.zones import UTC_NAME, available_zones, get_zone, local_zone_name

EXIT_OK, EXIT_CALENDAR, EXIT_USAGE = 0, 1, 2
COMMANDS = ("check", "export", "agenda")


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
        "--format", choices=("ics", "toml"), default=None, help="default: from -o, else ics"
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
    return parser


def build_tui_parser() -> argparse.ArgumentParser:
    """The parser for `diplocal [CALENDAR]`."""
    parser = _Parser(
        prog="diplocal",
        usage="diplocal [CALENDAR]\n       diplocal {check,export,agenda} [CALENDAR] [options]",
        description="Open a calendar in the terminal UI. Commands: "
        "check, export, agenda (see `diplocal COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"diplocal {__version__}")
    _calendar_argument(parser)
    return parser


def _report(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=stream)  # Diagnostic.__str__ escapes what it quotes


def _load(path: Path | None, stderr: TextIO) -> Loaded:
    def say(message: str) -> None:
        _say(message, stderr)

    loaded = load_calendar(path or default_calendar(), on_slow_load=say)
    _report(loaded.warnings, stderr)
    return loaded


def _selected(loaded: Loaded, args: argparse.Namespace) -> tuple[CalendarIndex, list[Event]]:
    calendar = loaded.calendar
    countries = frozenset(resolve_country(calendar, c) for c in args.country)
    people = frozenset(resolve_participant(calendar, p) for p in getattr(args, "participant", []))
    index = CalendarIndex(calendar)
    return index, index.select(Filter(countries=countries, participants=people))


def _check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    path = args.calendar or default_calendar()
    loaded = _load(path, stderr)
    calendar = loaded.calendar
    warned = f", {len(loaded.warnings)} warning(s)" if loaded.warnings else ""
    _say(
        f"{path}: ok: {len(calendar.events)} events, "
        f"{len(calendar.participants)} participants, {len(calendar.countries)} countries{warned}",
        stdout,
    )
    return EXIT_OK


def _export(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.core.ical import to_icalendar
    from tui.core.toml_export import to_toml

    loaded = _load(args.calendar, stderr)
    _, events = _selected(loaded, args)
    fmt = args.format or ("toml" if str(args.output).endswith(".toml") else "ics")
    data = (
        to_toml(loaded.calendar, events).encode()
        if fmt == "toml"
        else to_icalendar(loaded.calendar, events)
    )
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
    loaded = _load(args.calendar, stderr)
    index, events = _selected(loaded, args)
    stdout.write(agenda_text(index, events, mode, zone))
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


def _open_tui(argv: Sequence[str], stderr: TextIO) -> int:
    args = build_tui_parser().parse_args(argv)
    with _signals_unwind():  # loading may write the cache; the TUI handles its own signals
        loaded = _load(args.calendar, stderr)
    from tui.ui.app import DiplocalApp  # Textual is imported only here.

    DiplocalApp(loaded.calendar).run()
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad calendar, 2 bad usage)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    out, err = stdout or sys.stdout, stderr or sys.stderr
    handlers = {"check": _check, "export": _export, "agenda": _agenda}
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
