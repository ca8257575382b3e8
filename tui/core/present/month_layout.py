"""A month grid laid out in terminal columns: plain lines the month view only styles.

Each week takes two lines: the day numbers with their marks (``⚖`` an ICC mark, ``•`` a
change since the version last seen), then the count of matching events. Today's number is
bracketed (``[ 9]``), so it reads without colour. At 80 columns a cell is 11 wide; at 35
(the narrowest) 5, and the counts lose their word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.core.views.month import MonthDay, MonthGrid

MIN_WIDTH = 35
ICC_MARK = "⚖"
CHANGE_MARK = "•"
LEGEND = f"{ICC_MARK} ICC   {CHANGE_MARK} changed   [ ] today"


@dataclass(frozen=True, slots=True)
class MonthLayout:
    """The lines, and where each day's cell is: (first line, first column), ``cell`` wide
    and two lines tall."""

    lines: tuple[str, ...]
    cell: int
    places: dict[date, tuple[int, int]]
    in_month: frozenset[date]


def layout_month(grid: MonthGrid, width: int) -> MonthLayout:
    """``grid`` in ``width`` columns (at least ``MIN_WIDTH`` are used)."""
    cell = max(width, MIN_WIDTH) // 7
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
    lines.append(LEGEND if width >= len(LEGEND) else "")
    in_month = frozenset(day.day for week in grid.weeks for day in week if day.in_month)
    return MonthLayout(tuple(lines), cell, places, in_month)


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
