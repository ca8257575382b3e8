"""The month grid as plain data: weeks, counts under the filter, ICC and change marks,
today, and moving between months."""

from __future__ import annotations

from datetime import date

import pytest

from bench.make_calendar import calendar_text
from tui.core.loading.load import bundled_calendar, load_bytes, load_calendar
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.month import MonthGrid, month_grid, month_title, shift_month
from tui.core.zones import get_zone

BERLIN = get_zone("Europe/Berlin")


@pytest.fixture(scope="module")
def index() -> CalendarIndex:
    return CalendarIndex(load_calendar(bundled_calendar()).calendar)


def october(
    index: CalendarIndex,
    view: Filter | None = None,
    today: date | None = None,
    changed: frozenset[str] = frozenset(),
) -> MonthGrid:
    grid = month_grid(index, view or Filter(), ZoneMode.EVENT, BERLIN, 2025, 10, today, changed)
    return grid


def test_october_2025_has_five_weeks_monday_first(index: CalendarIndex) -> None:
    grid = october(index)
    assert grid.title == "October 2025"
    assert grid.weekdays[0] == "Mon" and len(grid.weekdays) == 7
    assert len(grid.weeks) == 5 and all(len(week) == 7 for week in grid.weeks)
    # 1 October 2025 was a Wednesday: the first row starts on Monday 29 September.
    assert grid.weeks[0][0].day == date(2025, 9, 29) and not grid.weeks[0][0].in_month
    assert grid.weeks[0][2].day == date(2025, 10, 1) and grid.weeks[0][2].in_month
    assert grid.weeks[-1][-1].day == date(2025, 11, 2)


def test_counts_marks_and_today(index: CalendarIndex) -> None:
    day_counts = index.matches(Filter(), ZoneMode.EVENT, BERLIN).day_counts
    grid = october(index, today=date(2025, 10, 9), changed=frozenset({"putin-aliyev"}))
    counts = {c.day: c.count for week in grid.weeks for c in week if c.count}
    assert counts == {d: n for d, n in day_counts.items() if d.month == 10}
    assert sum(counts.values()) == grid.total == len(index.calendar.events)
    thursday = grid.cell(date(2025, 10, 9))
    assert thursday is not None
    assert thursday.icc and thursday.changed and thursday.today
    friday = grid.cell(date(2025, 10, 10))
    assert friday is not None and friday.icc and not friday.changed and not friday.today
    empty = grid.cell(date(2025, 10, 20))
    assert empty is not None and (empty.count, empty.icc, empty.changed) == (0, False, False)


def test_counts_follow_the_filter(index: CalendarIndex) -> None:
    """Belarus: Lukashenko arrives on Thursday and sits at Friday's summit; no ICC mark
    where only his arrival (no warrant holder) is counted."""
    grid = october(index, Filter(countries=frozenset({"BY"})))
    counts = {c.day: c.count for week in grid.weeks for c in week if c.count}
    assert counts == {date(2025, 10, 9): 1, date(2025, 10, 10): 1}
    thursday = grid.cell(date(2025, 10, 9))
    assert thursday is not None and not thursday.icc


def test_a_month_without_events(index: CalendarIndex) -> None:
    grid = month_grid(index, Filter(), ZoneMode.EVENT, BERLIN, 2027, 2)
    assert grid.title == "February 2027" and grid.total == 0
    assert len(grid.weeks) == 4  # 1 February 2027 is a Monday and the month has 28 days
    assert grid.cell(date(2025, 10, 9)) is None


@pytest.mark.parametrize(
    ("start", "step", "expected"),
    [
        ((2025, 10), 1, (2025, 11)),
        ((2025, 12), 1, (2026, 1)),
        ((2025, 1), -1, (2024, 12)),
        ((2025, 10), -22, (2023, 12)),
        ((2025, 10), 0, (2025, 10)),
    ],
)
def test_shift_month(start: tuple[int, int], step: int, expected: tuple[int, int]) -> None:
    assert shift_month(*start, step) == expected
    assert month_title(*expected).endswith(str(expected[0]))


def test_ten_thousand_events_grid_matches_the_day_lists() -> None:
    """A generated 10,000-event calendar: every count is that day's listed events."""
    index = CalendarIndex(load_bytes(calendar_text(10_000).encode(), "big.toml").calendar)
    by_day = index.by_day(ZoneMode.EVENT, BERLIN)
    first = next(iter(by_day))
    grid = month_grid(index, Filter(), ZoneMode.EVENT, BERLIN, first.year, first.month)
    for week in grid.weeks:
        for cell in week:
            assert cell.count == len(by_day.get(cell.day, ()))
    assert grid.total > 0
