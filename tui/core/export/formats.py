"""Choosing an export's format and file name, and producing its bytes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path

from tui.core.model import Calendar, Event
from tui.core.system.gc_pause import collector_paused


class ExportFormat(StrEnum):
    """What an export writes."""

    ICS = "ics"
    TOML = "toml"

    @property
    def label(self) -> str:
        """How a person names the format."""
        return "iCalendar (.ics)" if self is ExportFormat.ICS else "TOML calendar (.toml)"


def format_for(path: str | Path, requested: str | None = None) -> ExportFormat:
    """The requested format, else the one the file name says, else iCalendar."""
    if requested:
        return ExportFormat(requested)
    return named_format(path) or ExportFormat.ICS


def named_format(path: str | Path) -> ExportFormat | None:
    """The format a file name ends with (.ics or .toml, in any case), or None."""
    name = str(path).lower()
    for fmt in ExportFormat:
        if name.endswith("." + fmt.value):
            return fmt
    return None


def with_format(path: str, fmt: ExportFormat) -> str:
    """``path`` with its .ics/.toml suffix switched to ``fmt``'s; other names untouched."""
    current = Path(path)
    if current.suffix.lower() in (".ics", ".toml"):
        return str(current.with_suffix("." + fmt.value))
    return path


def export_bytes(
    calendar: Calendar,
    events: Sequence[Event],
    fmt: ExportFormat,
    open_end: str = "duration",
    source: Path | None = None,
    check: Callable[[int], None] | None = None,
) -> bytes:
    """The exported file. The writers load on first export, not at start-up.

    ``open_end`` names how iCalendar writes a timed event without an end (ical.OpenEnd);
    ``source`` is the calendar's file: SEQUENCE numbers are kept per file (and id).
    ``check``: called now and then with the number of events written so far (0 before
    the revisions, then every few hundred events of an iCalendar file); it may raise to
    stop the export, as a cancelled worker's does.
    """
    if fmt is ExportFormat.TOML:
        from tui.core.export.toml_calendar import to_toml

        return to_toml(calendar, events).encode()
    from tui.core.export.ical import OpenEnd, stamp_time, to_icalendar
    from tui.core.living.baseline import export_revisions

    # Millions of new objects and no reference cycles: the cyclic collector, run after
    # every so many, would walk the whole heap again and again, each time holding the
    # interpreter (0.1-0.3 s at 100,000 events) from the app in whose thread this runs.
    with collector_paused():
        # SEQUENCE goes up for events changed since the last export, so clients update them.
        if check is not None:
            check(0)
        revisions = export_revisions(calendar, events, stamp_time(calendar), source=source)
        return to_icalendar(
            calendar, events, revisions=revisions, open_end=OpenEnd(open_end), check=check
        )
