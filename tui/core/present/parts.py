"""The parts of a ``Screenful``: one plain, frozen value per pane, compared by value.

Each pane of the main screen gets its part as a typed reactive, so a part equal to the one
it has changes nothing and the pane does not redraw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tui.core.model import Status
from tui.core.present.details import DetailLine
from tui.core.present.state import Selection

if TYPE_CHECKING:
    from tui.core.living.versions import Living


@dataclass(frozen=True, slots=True)
class Notices:
    """What the loader said about the file, as `FILE:LINE:COL: severity: message` lines."""

    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()  # the file on disk does not load; the last good one is shown
    looking: bool = False  # a large file's warnings are still being looked for

    @classmethod
    def of(cls, living: Living) -> Notices:
        return cls(living.warnings, living.errors, living.looking)


@dataclass(frozen=True, slots=True)
class Header:
    """The top line: what calendar, which dates, which filter, which zone, what to look at."""

    title: str
    dates: str
    filter: str  # '' when nothing is filtered
    zone: str
    warnings: int = 0
    errors: int = 0
    looking: bool = False  # warnings are still being looked for
    outside: str = ""  # "ended 1 year ago" when the whole calendar lies before now; '' while on
    published: str = ""  # "published 2 minutes ago" (CalDAV, from the TUI); '' when never


@dataclass(frozen=True, slots=True)
class DayRow:
    """A day and how many events shown on it match the filter."""

    day: date
    label: str
    count: int
    changed: int = 0  # events on the day that changed since the version last seen


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event of the day view."""

    id: str
    time: str
    icc: bool
    title: str
    kind: str
    status: Status
    countries: str
    heading: str = ""  # a section heading shown above this row ('time not announced')
    mark: str = ""  # how it changed since the version last seen: 'moved', 'added', ...


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A participant the filter leaves."""

    id: str
    name: str
    country: str
    title: str


@dataclass(frozen=True, slots=True)
class CountryRow:
    """A country with how many matching events involve it (None: still counting)."""

    code: str
    name: str
    count: int | None
    in_filter: bool


@dataclass(frozen=True, slots=True)
class DayListing:
    """The day view's part: its rows, or why it has none."""

    rows: tuple[EventRow, ...]
    empty_reason: str


@dataclass(frozen=True, slots=True)
class DetailsShown:
    """The details pane's part: what it is about, and its lines."""

    about: Selection | None
    lines: tuple[DetailLine, ...]
