"""The command line's arguments: one parser for the subcommands, one for opening the TUI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.cli.output import EXIT_USAGE
from tui.core.text import escape_controls

COMMANDS = (
    "check",
    "export",
    "agenda",
    "brief",
    "diff",
    "new",
    "import",
    "publish",
    "pull",
    "serve",
)


class _Parser(argparse.ArgumentParser):
    """argparse quotes the arguments it rejects; they are user text like any other."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {escape_controls(message)}\n")


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


def _day_count(value: str) -> int:
    """``--days``: a whole number of days, at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of days (1 or more)")
    return int(value)


def _tz_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--tz", metavar="ZONE", help=help_text)


def _agenda_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    agenda = commands.add_parser(
        "agenda",
        help="print the schedule, grouped by day",
        description="Print the schedule by day, as text, Markdown, CSV or JSON (the JSON "
        "schema is in the README).",
    )
    _calendar_argument(agenda)
    _filter_arguments(agenda)
    _tz_argument(agenda, "show times in this IANA zone (default: venue time)")
    agenda.add_argument(
        "--from",
        dest="from_",
        metavar="now|DATE",
        help="start on this day (YYYY-MM-DD), or now: today, without what is over",
    )
    agenda.add_argument(
        "--days", type=_day_count, metavar="N", help="this many days (default: to the end)"
    )
    agenda.add_argument(
        "--format",
        choices=("text", "markdown", "csv", "json"),
        default="text",
        help="text (the default) and Markdown for people, CSV and JSON for programs",
    )


def _brief_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    brief = commands.add_parser(
        "brief",
        help="write a printable brief (HTML or Markdown)",
        description="A brief for a delegation's folder: one page per day, times in the "
        "venue's zone and a second zone, participants, places, the ICC note and sources. "
        "Print the HTML from a browser.",
    )
    _calendar_argument(brief)
    _filter_arguments(brief)
    brief.add_argument("--day", metavar="DATE|N", help="only this day: a date, or 1 for the first")
    brief.add_argument(
        "--format",
        choices=("html", "markdown"),
        default=None,
        help="default: from -o (.md is Markdown), else html",
    )
    _tz_argument(brief, "the second zone (default: yours, or UTC when you are at the venue)")
    brief.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="output file, - for stdout"
    )
    brief.add_argument(
        "--force", action="store_true", help="allow -o to name the calendar being read"
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser for the subcommands (the bare TUI form is handled before it)."""
    # Imported here: opening the app (build_tui_parser) needs none of the commands' modules.
    from tui.cli.import_command import add_import_parser
    from tui.cli.publish_args import add_publish_parser
    from tui.cli.pull_args import add_pull_parser
    from tui.core.export.formats import ExportFormat

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
    export.add_argument(
        "--open-end",
        choices=("duration", "omit"),
        default="duration",
        help="a timed event without an end: DURATION:P0D (default; khal), or no end at all "
        "(calcurse drops zero durations)",
    )
    _filter_arguments(export)
    export.add_argument(
        "--participant",
        action="append",
        default=[],
        metavar="ID",
        help="only this participant's events",
    )
    _agenda_parser(commands)
    _brief_parser(commands)
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
    add_import_parser(commands)
    add_publish_parser(commands)
    add_pull_parser(commands)
    _serve_parser(commands.add_parser("serve", help="open the calendar in a browser"))
    return parser


def _port(text: str) -> int:
    """A TCP port to listen on, 1 to 65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port from 1 to 65535: {text!r}")
    return int(text)


def _serve_parser(serve: argparse.ArgumentParser) -> None:
    serve.description = (
        "Serve the terminal UI to web browsers; each tab gets its own app on the same file. "
        "Only this machine can connect unless --host names another address, which needs "
        "--read-only."
    )
    _calendar_argument(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port (default: %(default)s)")
    serve.add_argument(
        "--read-only",
        action="store_true",
        help="no editing and no export to the server's disk (required off 127.0.0.1)",
    )


def build_tui_parser() -> argparse.ArgumentParser:
    """The parser for `diplocal [CALENDAR]`."""
    parser = _Parser(
        prog="diplocal",
        usage="diplocal [CALENDAR] [--since FILE] [--read-only]"
        "\n       diplocal {check,export,agenda,brief} [CALENDAR] [options]"
        "\n       diplocal diff OLD NEW [--format text|json]"
        "\n       diplocal new FILE --title TITLE --timezone ZONE [--id SLUG]"
        "\n       diplocal import SOURCE... [--into CALENDAR] [--dry-run] [--timezone ZONE]"
        "\n                       [--from DATE] [--to DATE]"
        "\n       diplocal publish [CALENDAR] URL [--dry-run] [--create] [--watch] [--force]"
        "\n                        [options]"
        "\n       diplocal pull URL [--into CALENDAR] [--dry-run] [options]"
        "\n       diplocal serve [CALENDAR] [--host HOST] [--port PORT] [--read-only]",
        description="Open a calendar in the terminal UI. Commands: "
        "check, export, agenda, brief, diff, new, import, publish, pull, serve "
        "(see `diplocal COMMAND --help`).",
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
    parser.add_argument(
        "--read-only", action="store_true", help="show the calendar without editing keys"
    )
    return parser
