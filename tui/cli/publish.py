"""`diplocal publish [CALENDAR] URL`: the calendar's events, kept in step in a CalDAV collection.

Exit 0 when the collection holds the calendar, 1 when a request failed or an event was
changed on the server by someone else (reported, not overwritten; --force decides),
2 for bad usage. The work is in tui/core/sharing; this module speaks. Its arguments are in
publish_args.py, so that other commands do not import httpx to build the parser.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path
from typing import TextIO

from tui.cli.output import EXIT_CALENDAR, EXIT_OK, print_diagnostics, say
from tui.core.errors import CalendarError, UsageError
from tui.core.loading.load import Loaded, default_calendar, load_calendar
from tui.core.model import Event
from tui.core.sharing.credentials import check_url, find_auth
from tui.core.sharing.dav import SharingError, Target
from tui.core.sharing.plan import Action, Write
from tui.core.sharing.publish import Outcome, publish
from tui.core.sharing.watching import keep_published
from tui.core.views.filter import Filter
from tui.core.views.index import CalendarIndex
from tui.core.views.lookup import resolve_country, resolve_participant

_DONE = {Action.CREATE: "created", Action.UPDATE: "updated", Action.DELETE: "deleted"}
_WOULD = {
    Action.CREATE: "would create",
    Action.UPDATE: "would update",
    Action.DELETE: "would delete",
}


def _selected(loaded: Loaded, args: argparse.Namespace) -> list[Event]:
    calendar = loaded.calendar
    countries = frozenset(resolve_country(calendar, c) for c in args.country)
    people = frozenset(resolve_participant(calendar, p) for p in args.participant)
    return CalendarIndex(calendar).select(Filter(countries=countries, participants=people))


def _report(outcome: Outcome, stdout: TextIO, stderr: TextIO) -> int:
    if outcome.dry_run:
        if outcome.made_collection:
            say(f"would create the collection {outcome.url}", stdout)
        for write in outcome.writes:
            say(f"{_WOULD[write.action]} {write.name}: {write.title}", stdout)
    for conflict in outcome.conflicts:
        say(
            f"{outcome.url}{conflict.name}: error: {conflict.reason}; left as it is "
            "(--force overwrites it)",
            stderr,
        )
        for line in conflict.differs:
            say(f"    {line}", stderr)
    counts = ", ".join(
        f"{outcome.count(action)} {_DONE[action]}"
        for action in (Action.CREATE, Action.UPDATE, Action.DELETE)
    )
    kept = f", {outcome.adopted} already there" if outcome.adopted else ""
    left = f", {len(outcome.conflicts)} changed by others" if outcome.conflicts else ""
    how = "dry run: " if outcome.dry_run else ""
    say(
        f"{outcome.url}: {how}{counts}, {outcome.unchanged} unchanged{kept}{left} "
        f"({outcome.requests} request{'' if outcome.requests == 1 else 's'})",
        stderr,
    )
    return EXIT_CALENDAR if outcome.conflicts else EXIT_OK


def _round(
    args: argparse.Namespace, target: Target, loaded: Loaded, out: TextIO, err: TextIO
) -> int:
    def tell(write: Write) -> None:
        say(f"{_DONE[write.action]} {write.name}: {write.title}", out)

    outcome = publish(
        loaded.calendar,
        _selected(loaded, args),
        target,
        dry_run=args.dry_run,
        create=args.create,
        force=args.force,
        on_write=tell,
    )
    return _report(outcome, out, err)


def publish_command(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """The `publish` subcommand."""
    if len(args.where) > 2:
        raise UsageError("publish takes a calendar file and a URL, or just a URL")
    *given, url = args.where
    path = Path(given[0]) if given else default_calendar()
    check_url(url)
    if args.timeout <= 0:
        raise UsageError("--timeout must be more than 0 seconds")
    try:
        target = Target(url, find_auth(url, args.password_command), args.timeout, args.ca_file)
        if args.watch:
            return _watch(args, target, path, stdout, stderr)
        loaded = load_calendar(path, on_slow_load=lambda message: say(message, stderr))
        print_diagnostics(loaded.warnings, stderr)
        return _round(args, target, loaded, stdout, stderr)
    except SharingError as error:
        say(f"diplocal: error: {error}", stderr)
        return EXIT_CALENDAR


def _watch(
    args: argparse.Namespace, target: Target, path: Path, stdout: TextIO, stderr: TextIO
) -> int:
    if args.dry_run:
        raise UsageError("--watch publishes; it does not go with --dry-run")

    def one_round(loaded: Loaded) -> None:
        try:
            _round(args, target, loaded, stdout, stderr)
        except UsageError as error:  # a --country the new version no longer has
            say(f"diplocal: error: {error}", stderr)

    def invalid(error: CalendarError) -> None:
        print_diagnostics(error.diagnostics, stderr)
        say(f"{path}: not published until it loads again", stderr)

    say(f"{path}: publishing to {target.url} on every change (Ctrl-C stops)", stderr)
    keep_published(
        path,
        one_round,
        threading.Event(),  # never set: Ctrl-C ends the watch (watchfiles stops on it)
        lambda line: say(f"diplocal: error: {line}", stderr),
        invalid,
    )
    return EXIT_OK
