"""The month view's state: `M` opens on the day shown, the grid follows the cursor's month,
today is the venue's, `.` moves the cursor, and other views carry no grid."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.present.month_layout import layout_month
from tui.core.present.screenful import present
from tui.core.present.state import Browse, View, at_now, settle, toggled_view
from tui.core.text import cells
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.month import WEEKDAY_NAMES, MonthDay, MonthGrid, month_grid
from tui.core.zones import get_zone

NEW_YORK = get_zone("America/New_York")
# 21:00 UTC on 9 October is 02:00 on the 10th in Dushanbe (the venue) and 17:00 on the 9th
# in New York (the viewer): today is the venue's day, as the day list's days are.
LATE = datetime(2025, 10, 9, 21, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def index() -> CalendarIndex:
    built = CalendarIndex(load_calendar(bundled_calendar()).calendar)
    built.build()
    return built


def test_month_opens_on_the_day_shown_and_follows_its_cursor(index: CalendarIndex) -> None:
    browse = settle(index, Browse(day=date(2025, 10, 9)), NEW_YORK)
    month = toggled_view(browse, View.MONTH)
    assert (month.view, month.month_day) == (View.MONTH, date(2025, 10, 9))
    shown = present(index, month, NEW_YORK, LATE)
    assert shown.month is not None and (shown.month.year, shown.month.month) == (2025, 10)
    assert shown.month_day == date(2025, 10, 9)
    today = [c.day for week in shown.month.weeks for c in week if c.today]
    assert today == [date(2025, 10, 10)]
    later = present(index, replace(month, month_day=date(2026, 2, 3)), NEW_YORK, LATE)
    assert later.month is not None and later.month.title == "February 2026"
    assert later.month.total == 0 and later.day == date(2025, 10, 9)  # the day view's day stays
    assert toggled_view(month, View.MONTH).view is View.DAY
    assert present(index, browse, NEW_YORK, LATE).month is None


def test_now_in_the_month_moves_its_cursor(index: CalendarIndex) -> None:
    month = replace(settle(index, Browse(), NEW_YORK), view=View.MONTH, month_day=date(2026, 1, 1))
    moved = at_now(index, month, NEW_YORK, datetime(2025, 10, 9, 7, 0, tzinfo=UTC))
    assert moved.month_day == date(2025, 10, 9) == moved.day
    in_days = at_now(index, replace(month, view=View.DAY), NEW_YORK, LATE)
    assert in_days.month_day == date(2026, 1, 1)  # not shown: left as it was


def test_a_tall_month_lists_titles_and_says_how_many_more(index: CalendarIndex) -> None:
    grid = month_grid(index, Filter(), ZoneMode.EVENT, NEW_YORK, 2025, 10)
    # 5 weeks in 3 + 5 x 5 lines: three lines of titles a week; Thursday has 8 events.
    laid = layout_month(grid, 7 * 20, 3 + 5 * 5)
    assert laid.tall == 5 and len(laid.lines) == 3 + 5 * 5
    top, column = laid.places[date(2025, 10, 9)]
    thursday = [line[column : column + 20].rstrip() for line in laid.lines[top + 2 : top + 5]]
    assert thursday == [" Official welcome …", " Russia-Tajikistan…", " +6 more"]
    assert layout_month(grid, 7 * 20).tall == 2  # no height given: two lines a week
    assert layout_month(grid, 7 * 15, 60).tall == 2  # cells too narrow for titles


def test_wide_characters_keep_the_columns() -> None:
    """A title of characters two columns wide is cut by columns, so the next day's cell
    starts where it should."""
    day = date(2025, 10, 9)
    wide = MonthDay(day, True, 1, titles=("東京での首脳会談と共同記者会見",))
    week = tuple(
        wide if n == 3 else MonthDay(date(2025, 10, 6 + n), True, 1, titles=("Talks",))
        for n in range(7)
    )
    grid = MonthGrid(2025, 10, "October 2025", WEEKDAY_NAMES, (week,), 7)
    laid = layout_month(grid, 7 * 20, 20)
    line = laid.lines[4]
    assert cells(line) <= 7 * 20
    assert cells(line[: line.index("Talks", 70)]) == 4 * 20 + 1  # Friday's title, in place
