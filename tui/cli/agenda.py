"""`diplocal agenda`: the schedule from a day or from now, as text, Markdown, CSV or JSON."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from typing import TextIO

from tui.cli.calendar_io import display_mode, load_and_index
from tui.cli.output import EXIT_OK, say
from tui.core.errors import UsageError
from tui.core.export.agenda_markdown import agenda_markdown
from tui.core.export.agenda_records import agenda_csv, agenda_json
from tui.core.views.agenda_days import DayWindow, agenda_days, window_from_now
from tui.core.views.agenda_text import agenda_text
from tui.core.views.filter import ZoneMode
from tui.core.views.now import find_now
from tui.core.zones import zone_name

FORMATS = ("text", "markdown", "csv", "json")


def current_time() -> datetime:
    """The instant `--from now` means; tests replace it with a fixed clock."""
    return datetime.now(UTC)


def run_agenda(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Print the agenda of ``args`` in its format."""
    mode, zone = display_mode(args.tz)
    start = _start(args.from_)
    _, index, events = load_and_index(args, stderr)
    if start == "now":
        now = current_time()
        window = window_from_now(index, mode, zone, now, args.days)
        outside = find_now(index, events, mode, zone, now).outside
        if outside:  # the whole calendar lies before or after now: say which
            say(f"diplocal: the calendar {outside}", stderr)
    else:
        first = start if isinstance(start, date) else None
        if first is None and args.days is not None:  # the first day with a chosen event
            first = next(iter(agenda_days(index, events, mode, zone)), None)
        window = DayWindow(first, args.days)
    days = agenda_days(index, events, mode, zone, window)
    if args.format == "json":
        described = {
            "from": args.from_,
            "first_day": window.first.isoformat() if window.first else None,
            "days": args.days,
            "times": "venue" if mode is ZoneMode.EVENT else zone_name(zone),
        }
        stdout.write(agenda_json(index, days, described))
    elif args.format == "csv":
        stdout.write(agenda_csv(index, days))
    elif args.format == "markdown":
        stdout.write(agenda_markdown(index, days, mode, zone))
    else:
        stdout.write(agenda_text(index, events, mode, zone, days))
    return EXIT_OK


def _start(value: str | None) -> date | str | None:
    """``--from``: 'now', a date, or None.

    Raises:
        UsageError: for anything else.
    """
    if value is None or value == "now":
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f'--from "{value}" is neither "now" nor a date (YYYY-MM-DD)') from None
