"""What the subcommands share: loading with progress, the display zone, writing a file."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path
from typing import TextIO

from tui.cli.output import EXIT_CALENDAR, EXIT_OK, print_diagnostics, say
from tui.cli.progress import TerminalProgress
from tui.core.errors import UsageError
from tui.core.loading.load import Loaded, Progress, default_calendar, load_calendar
from tui.core.model import Event
from tui.core.system.files import same_file, write_atomic
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lookup import resolve_country, resolve_participant
from tui.core.zones import UTC_NAME, find_zone, get_zone, local_zone_name, zone_hint


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
def progress_bar(stderr: TextIO) -> Iterator[TerminalProgress]:
    """A progress bar for the ``with`` block, on stderr when it is a terminal."""
    bar = TerminalProgress(stderr)
    try:
        yield bar
    finally:
        bar.close()


def load_and_index(
    args: argparse.Namespace, stderr: TextIO
) -> tuple[Loaded, CalendarIndex, list[Event]]:
    """Load and select with a progress bar, then report the warnings (never under the bar)."""
    with progress_bar(stderr) as progress:
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


def display_mode(tz: str | None) -> tuple[ZoneMode, tzinfo]:
    """The display mode and zone of ``--tz``: venue time without it.

    Raises:
        UsageError: for a zone that is not an IANA name.
    """
    if not tz:
        return ZoneMode.EVENT, get_zone(local_zone_name())
    name = UTC_NAME if tz.upper() in ("UTC", "Z") else zone_named(tz)
    return ZoneMode.LOCAL, get_zone(name)


def zone_named(name: str) -> str:
    """The zone a command-line option names, in any case where only one zone is spelt so
    ('pacific/auckland' -> 'Pacific/Auckland').

    Raises:
        UsageError: for a name that is no zone, with the one most likely meant.
    """
    found = find_zone(name)
    if found is None:
        hint = zone_hint(name)
        raise UsageError(f'unknown time zone "{name}"{hint} (use an IANA name like Europe/Berlin)')
    return found


def write_output(args: argparse.Namespace, data: bytes, what: str, stderr: TextIO) -> int:
    """Write ``data`` to ``args.output`` atomically, refusing to replace the calendar being
    read unless ``args.force``; says ``wrote {what}`` on stderr."""
    target = Path(args.output)
    if not args.force and same_file(target, args.calendar or default_calendar()):
        doing = "exported" if args.command == "export" else "read"
        raise UsageError(
            f"{target} is the calendar being {doing}; writing it would replace it "
            "(add --force to do so)"
        )
    try:
        write_atomic(target, data)
    except OSError as error:
        say(f"{target}: error: cannot write: {error.strerror or error}", stderr)
        return EXIT_CALENDAR
    say(f"{target}: wrote {what}", stderr)
    return EXIT_OK
