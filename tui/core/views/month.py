"""A month at a glance, as plain data: weeks as rows, each day with what a cell shows.

``month_grid`` takes its counts from ``CalendarIndex.matches`` (built once per filter and
cached), and looks at the events of the grid's 42 days at most, never the whole calendar:
a month of a 10,000-event calendar costs the same as a month of the bundled one.
"""

from __future__ import annotations

import calendar as weeks_of
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, tzinfo

from tui.core.icc import icc_reasons
from tui.core.text import one_line
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import day_heading

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TITLES = 8  # titles a cell can list, in the day's order (a tall terminal shows them)


@dataclass(frozen=True, slots=True)
class MonthDay:
    """One cell: a day, its count of events that pass the filter and its marks."""

    day: date
    in_month: bool  # False for the days of the weeks' ends that belong to a next/last month
    count: int
    icc: bool = False  # some matching event that day carries the ICC mark
    changed: bool = False  # some matching event that day changed since the version seen
    today: bool = False
    titles: tuple[str, ...] = ()  # the first matching events' titles, one line each


@dataclass(frozen=True, slots=True)
class MonthGrid:
    """A month: its title, the weekday names and its weeks, Monday first."""

    year: int
    month: int
    title: str  # 'October 2025'
    weekdays: tuple[str, ...]
    weeks: tuple[tuple[MonthDay, ...], ...]
    total: int  # matching events listed on the month's own days (an event on two counts twice)

    def cell(self, day: date) -> MonthDay | None:
        """The cell of ``day``, if the grid shows it."""
        for week in self.weeks:
            for found in week:
                if found.day == day:
                    return found
        return None


def month_title(year: int, month: int) -> str:
    """'October 2025'."""
    return " ".join(day_heading(date(year, month, 1)).split()[2:])


def shift_month(year: int, month: int, step: int) -> tuple[int, int]:
    """The month ``step`` months away (negative: earlier), as (year, month)."""
    number = year * 12 + (month - 1) + step
    return number // 12, number % 12 + 1


def month_grid(
    index: CalendarIndex,
    view: Filter,
    mode: ZoneMode,
    local: tzinfo,
    year: int,
    month: int,
    today: date | None = None,
    changed: Collection[str] | Mapping[str, object] = (),
) -> MonthGrid:
    """The grid of ``year``-``month`` for the events that pass ``view``, days in ``mode``.

    ``changed`` holds the ids of events that changed since the version the user last saw.
    """
    matches = index.matches(view, mode, local)
    by_day = index.by_day(mode, local)
    wanted = matches.ids
    calendar = index.calendar
    rows = []
    for week in weeks_of.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            events = [e for e in by_day.get(day, ()) if wanted is None or e.id in wanted]
            cells.append(
                MonthDay(
                    day=day,
                    in_month=day.month == month,
                    count=matches.day_counts.get(day, 0),
                    icc=any(icc_reasons(calendar, e) for e in events),
                    changed=any(e.id in changed for e in events),
                    today=day == today,
                    titles=tuple(one_line(e.title, 200) for e in events[:TITLES]),
                )
            )
        rows.append(tuple(cells))
    total = sum(c.count for week in rows for c in week if c.in_month)
    return MonthGrid(year, month, month_title(year, month), WEEKDAY_NAMES, tuple(rows), total)
