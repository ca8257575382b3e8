"""`diplocal import SOURCE... [--into CALENDAR] [--dry-run] [--timezone ZONE] [--from D] [--to D]`.

Prints what the import changes in `diplocal diff`'s words on stdout, and on stderr what was
not imported and why; `--dry-run` stops there. Exit 0 when imported (or nothing to do), 1
for a source that is not valid iCalendar or a calendar that cannot be written, 2 for bad
usage.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from tui.cli.calendar_io import zone_named
from tui.cli.output import EXIT_CALENDAR, EXIT_OK, print_diagnostics, say
from tui.core.errors import UsageError

if TYPE_CHECKING:
    from tui.core.importing.session import Prepared


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date (YYYY-MM-DD)') from None


def add_import_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """The `import` subcommand's arguments."""
    parser = commands.add_parser(
        "import",
        help="bring events in from iCalendar files, standard input or URLs",
        description="Events are matched by UID: a newer SEQUENCE updates, a cancellation "
        "cancels, importing the same file twice changes nothing.",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help=".ics file, - or URL")
    parser.add_argument(
        "--into",
        type=Path,
        metavar="CALENDAR",
        help="the calendar to import into, created when missing (default: ./events.toml)",
    )
    add_merge_options(parser)


def add_merge_options(parser: argparse.ArgumentParser) -> None:
    """The options of a merge of iCalendar into a calendar: `import` and `pull` share them."""
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would change; write nothing"
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        help="IANA zone for times without one, and for a new calendar",
    )
    parser.add_argument(
        "--from",
        dest="first",
        type=_day,
        metavar="DATE",
        help="repeating events: occurrences from this day (default: the calendar's span, "
        "else a year from the first)",
    )
    parser.add_argument(
        "--to", dest="last", type=_day, metavar="DATE", help="repeating events: until this day"
    )


def run_import(
    args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None = None
) -> int:
    """Import; the exit code."""
    from tui.core.importing.fetch import read_source
    from tui.core.importing.session import Options, prepare_import

    if args.timezone:
        args.timezone = zone_named(args.timezone)
    if args.first and args.last and args.last < args.first:
        raise UsageError("--to is before --from")
    if args.sources.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    reader = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    sources = [read_source(source, reader) for source in args.sources]
    path = args.into or Path("events.toml")
    prepared = prepare_import(path, sources, Options(args.timezone, args.first, args.last))
    return finish_import(prepared, args.dry_run, stdout, stderr)


def finish_import(prepared: Prepared, dry_run: bool, stdout: TextIO, stderr: TextIO) -> int:
    """Say what an import changes and, unless a dry run, write it through the file's owner;
    the exit code. `pull` ends the same way, so both commands print the same report."""
    from tui.core.editing.document_parts import Result
    from tui.core.importing.plan import Action
    from tui.core.importing.session import write_prepared
    from tui.core.living.changes import change_line

    path = prepared.path
    print_diagnostics(prepared.report(), stderr)
    stdout.writelines(change_line(change) + "\n" for change in prepared.changes)
    stdout.flush()  # the changes, then the summary, when both go to one terminal
    plan = prepared.plan
    counts = (
        f"{plan.count(Action.ADD)} added, {plan.count(Action.UPDATE)} updated, "
        f"{plan.count(Action.UNCHANGED)} unchanged, {len(plan.skipped)} not imported"
    )
    if dry_run:
        say(f"{path}: dry run, nothing written: {counts}", stderr)
        return EXIT_OK
    if not prepared.writes:
        say(f"{path}: already up to date: {counts}", stderr)
        return EXIT_OK
    outcome = write_prepared(prepared)
    if outcome.result is Result.SAVED:
        say(f"{path}: imported: {counts}", stderr)
        return EXIT_OK
    if outcome.result is Result.BROKEN and prepared.document is not None:
        print_diagnostics(list(prepared.document.errors), stderr)
        why = "the calendar on disk no longer loads (errors above)"
    elif outcome.conflict is not None:
        why = f"{outcome.conflict.summary}; import again to merge into it"
    else:
        why = outcome.message.removeprefix("Not saved: ")
    say(f"{path}: error: {why}; nothing was written", stderr)
    return EXIT_CALENDAR
