"""A month grid laid out in terminal columns: plain lines the month view only styles.

Each week takes two lines: the day numbers with their marks (``⚖`` an ICC mark, ``•`` a
change since the version last seen), then the count of matching events. Today's number is
bracketed (``[ 9]``), so it reads without colour. At 80 columns a cell is 11 wide; at 35
(the narrowest) 5, and the counts lose their word. Given a ``height`` with room to spare
and cells of ``TITLES_FROM`` columns or more (a terminal of 200x60), each week grows by as
many lines as fit, each listing one of the day's events by title ('+3 more' when cut).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from tui.core.present.state import Browse, View
from tui.core.text import cells, shorten
from tui.core.views.index import CalendarIndex
from tui.core.views.month import TITLES, MonthDay, MonthGrid

if TYPE_CHECKING:
    from tui.core.living.changes import Change

MIN_WIDTH = 35
ICC_MARK = "⚖"
CHANGE_MARK = "•"
LEGEND = f"{ICC_MARK} ICC   {CHANGE_MARK} changed   [ ] today"
TITLES_FROM = 16  # a cell's columns from which it lists titles


@dataclass(frozen=True, slots=True)
class MonthLayout:
    """The lines, and where each day's cell is: (first line, first column), ``cell`` wide
    and ``tall`` lines tall."""

    lines: tuple[str, ...]
    cell: int
    places: dict[date, tuple[int, int]]
    in_month: frozenset[date]
    tall: int = 2


def layout_month(grid: MonthGrid, width: int, height: int = 0) -> MonthLayout:
    """``grid`` in ``width`` columns (at least ``MIN_WIDTH`` are used) and, when given,
    ``height`` lines (titles are listed only in the lines to spare)."""
    cell = max(width, MIN_WIDTH) // 7
    spare = (height - 3) // len(grid.weeks) - 2 if height and cell >= TITLES_FROM else 0
    extra = max(0, min(spare, TITLES))
    count = f"{grid.total:,} event{'s' if grid.total != 1 else ''}"
    weekdays = "".join(_fit(f" {name}", cell) for name in grid.weekdays).rstrip()
    lines = [f"{grid.title} · {count}", weekdays]
    places: dict[date, tuple[int, int]] = {}
    for week in grid.weeks:
        top = len(lines)
        numbers, counts = [], []
        for column, day in enumerate(week):
            places[day.day] = (top, column * cell)
            numbers.append(_fit(_number(day), cell))
            counts.append(_fit(_count(day, cell), cell))
        lines += ["".join(numbers).rstrip(), "".join(counts).rstrip()]
        for line in range(extra):
            lines.append("".join(_title(day, line, extra, cell) for day in week).rstrip())
    lines.append(LEGEND if width >= len(LEGEND) else "")
    in_month = frozenset(day.day for week in grid.weeks for day in week if day.in_month)
    return MonthLayout(tuple(lines), cell, places, in_month, 2 + extra)


def _title(day: MonthDay, line: int, lines: int, cell: int) -> str:
    """Line ``line`` of the day's titles, in ``cell`` columns: the last of ``lines`` says
    how many more events there are when they do not all fit."""
    hidden = day.count - lines + 1
    if line == lines - 1 and hidden > 1:
        text = f" +{hidden} more"
    elif line < len(day.titles):
        text = " " + shorten(day.titles[line], cell - 2)
    else:
        text = ""
    return text + " " * (cell - cells(text))


def _number(day: MonthDay) -> str:
    number = f"[{day.day.day:>2}]" if day.today else f" {day.day.day:>2} "
    marks = (ICC_MARK if day.icc else "") + (CHANGE_MARK if day.changed else "")
    return number + marks


def _count(day: MonthDay, cell: int) -> str:
    if not day.count:
        return ""
    word = " events" if day.count != 1 else " event"
    text = f" {day.count:,}{word}"
    return text if len(text) < cell else f" {day.count:,}"


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut to ``width`` columns (every character here is one column)."""
    return text[:width].ljust(width)


def month_shown(
    index: CalendarIndex,
    browse: Browse,
    local: tzinfo,
    now: datetime,
    changes: Mapping[str, Change],
) -> MonthGrid | None:
    """The month of the month view's cursor (today's without one), only while it is shown."""
    if browse.view is not View.MONTH:
        return None
    from tui.core.views.month import month_grid  # not needed for the first frame
    from tui.core.views.now import days_zone

    today = now.astimezone(days_zone(index, browse.zone_mode, local)).date()
    on = browse.month_day or browse.day or today
    view, mode = browse.filter, browse.zone_mode
    return month_grid(index, view, mode, local, on.year, on.month, today, changes)
