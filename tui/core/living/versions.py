"""A calendar that follows its file: the version shown, the file's state, what changed.

Pure data and functions: the UI feeds in each new version of the file (or the errors that
keep it from loading) and shows what comes out. A version that does not load never
replaces the one shown; the errors are kept beside it until the file is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from tui.core.errors import CalendarError, Diagnostic
from tui.core.loading.load import Loaded
from tui.core.model import Calendar

if TYPE_CHECKING:
    # Imported where a calendar is compared: a start on the version last seen compares none.
    from tui.core.living.changes import Change


@dataclass(frozen=True, slots=True)
class Update:
    """The changes one new version brought, and when it was seen."""

    at: datetime
    changes: tuple[Change, ...]
    note: str = ""  # 'since you last looked', 'your edit', ...


@dataclass(frozen=True, slots=True)
class Living:
    """The calendar shown and everything known about its file."""

    calendar: Calendar
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()  # the file on disk does not load; ``calendar`` is older
    baseline: Calendar | None = None  # the version the user last marked as seen
    log: tuple[Update, ...] = ()  # newest first
    # Every change from the baseline to the version shown (see ``_since``), computed once.
    since_baseline: tuple[Change, ...] = ()
    looking: bool = False  # its warnings are still being looked for (see ``with_warnings``)


def _since(baseline: Calendar | None, calendar: Calendar) -> tuple[Change, ...]:
    if baseline is None or baseline is calendar:
        return ()
    from tui.core.living.changes import diff_calendars

    return tuple(diff_calendars(baseline, calendar))


def _lines(diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    return tuple(str(d) for d in diagnostics)


def start(loaded: Loaded, baseline: Calendar | None, now: datetime) -> Living:
    """The first version shown; with a baseline, what changed since it is logged at once."""
    kept = baseline or loaded.calendar
    changes = _since(kept, loaded.calendar)
    log = (Update(now, changes, "since you last looked"),) if changes else ()
    return Living(loaded.calendar, _lines(loaded.warnings), (), kept, log, changes)


def updated(
    living: Living, result: Loaded | CalendarError, now: datetime, note: str = ""
) -> Living:
    """``living`` after the file changed: the new version, or the errors beside the old."""
    if isinstance(result, CalendarError):
        return replace(living, errors=_lines(result.diagnostics))
    from tui.core.living.changes import diff_calendars

    changes = tuple(diff_calendars(living.calendar, result.calendar))
    log = (Update(now, changes, note), *living.log) if changes else living.log
    return replace(
        living,
        calendar=result.calendar,
        warnings=_lines(result.warnings),
        looking=False,  # a new version comes with its warnings
        errors=(),
        log=log,
        since_baseline=_since(living.baseline, result.calendar),
    )


def with_warnings(living: Living, calendar: Calendar, warnings: list[Diagnostic]) -> Living:
    """``living`` with the warnings of ``calendar``, found after it was first shown; as it
    was when another version is shown by now (that one came with its own)."""
    if living.calendar is not calendar:
        return living
    return replace(living, warnings=_lines(warnings), looking=False)


def seen(living: Living) -> Living:
    """Everything shown is now seen: the marks go, the log starts afresh."""
    return replace(living, baseline=living.calendar, log=(), since_baseline=())
