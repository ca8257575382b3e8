"""`diplocal pull URL [--into CALENDAR] [--dry-run]`: a CalDAV collection merged through the import.

The same report as `diplocal import` (the changes on stdout; what was not imported, and the
counts, on stderr), then one line saying how many resources were read in how many requests.
Exit 0 when merged (or nothing to do), 1 when the collection cannot be read (one line;
nothing written) or a resource is not valid iCalendar, 2 for bad usage. Its arguments are in
pull_args.py, so that other commands do not import httpx to build the parser.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from tui.cli.calendar_io import zone_named
from tui.cli.import_command import finish_import
from tui.cli.output import EXIT_CALENDAR, say
from tui.core.errors import UsageError
from tui.core.importing.session import Options
from tui.core.sharing.credentials import check_url, find_auth
from tui.core.sharing.dav import SharingError, Target
from tui.core.sharing.pull import prepare_pull


def pull_command(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """The `pull` subcommand; the exit code."""
    check_url(args.url)
    if args.timeout <= 0:
        raise UsageError("--timeout must be more than 0 seconds")
    if args.timezone:
        args.timezone = zone_named(args.timezone)
    if args.first and args.last and args.last < args.first:
        raise UsageError("--to is before --from")
    path = args.into or Path("events.toml")
    options = Options(args.timezone, args.first, args.last)
    try:
        target = Target(
            args.url, find_auth(args.url, args.password_command), args.timeout, args.ca_file
        )
        pulled = prepare_pull(path, target, options)
    except SharingError as error:
        say(f"diplocal: error: {error}; nothing was written", stderr)
        return EXIT_CALENDAR
    read = pulled.read
    say(
        f"{target.url}: read {len(read.resources)} resource"
        f"{'' if len(read.resources) == 1 else 's'} ({read.requests} requests)",
        stderr,
    )
    return finish_import(pulled.prepared, args.dry_run, stdout, stderr)
