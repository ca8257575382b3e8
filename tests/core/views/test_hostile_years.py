"""Days past a calendar's first year say which year they are in (the header said
"Wed 1 Jan to Wed 31 Dec 9997" for a calendar from 9996 to 9997)."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime

from tests.conftest import BASE
from tui.core.loading.validate import build_calendar
from tui.core.present.screenful import date_span, present
from tui.core.present.state import Browse
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import short_day


def test_a_day_outside_the_first_year_shows_its_year() -> None:
    assert short_day(date(2025, 10, 9), 2025) == "Thu 9 Oct"
    assert short_day(date(2026, 1, 1), 2025) == "Thu 1 Jan 2026"
    assert short_day(date(2026, 1, 1)) == "Thu 1 Jan"


def test_a_span_over_two_years_names_both() -> None:
    assert date_span([date(9996, 1, 1), date(9997, 12, 31)]) == (
        "Mon 1 Jan 9996 to Wed 31 Dec 9997"
    )
    assert date_span([date(2025, 10, 8), date(2025, 10, 10)]) == "Wed 8 Oct to Fri 10 Oct 2025"


def test_the_days_list_shows_the_year_past_the_first() -> None:
    text = BASE.replace("start = 2025-10-10", "start = 2026-01-02")
    calendar, problems = build_calendar(tomllib.loads(text))
    assert calendar is not None, problems
    now = datetime(2025, 10, 1, tzinfo=UTC)
    screen = present(CalendarIndex(calendar), Browse(), UTC, now)
    assert [row.label for row in screen.days] == ["Thu 9 Oct", "Fri 2 Jan 2026"]
