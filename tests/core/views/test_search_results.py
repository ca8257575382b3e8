"""Search results across days: every matching event once, with its date and time."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.present.result_rows import result_rows
from tui.core.text import cells
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.search_results import search_results
from tui.core.views.time_words import EN_DASH
from tui.core.zones import get_zone

BERLIN = get_zone("Europe/Berlin")
AFTERNOON_EVENING = f"afternoon{EN_DASH}evening"


@pytest.fixture(scope="module")
def index() -> CalendarIndex:
    return CalendarIndex(load_calendar(bundled_calendar()).calendar)


def test_results_span_days_with_dates_and_times(index: CalendarIndex) -> None:
    """'tokayev' matches Thursday's summit and two of Friday's events."""
    hits = search_results(index, Filter(text="tokayev"), ZoneMode.EVENT, BERLIN)
    assert [(h.event_id, h.day, h.date_text, h.time) for h in hits] == [
        ("central-asia-russia-summit", date(2025, 10, 9), "Thu 9 Oct 2025", AFTERNOON_EVENING),
        ("cis-summit", date(2025, 10, 10), "Fri 10 Oct 2025", "under way at ≈13:47"),
        ("putin-tokayev", date(2025, 10, 10), "Fri 10 Oct 2025", "time not announced"),
    ]
    assert hits[2].who == "Putin, Tokayev" and hits[2].icc
    assert hits[2].title == "Putin and Tokayev meet"


def test_times_follow_the_display_zone(index: CalendarIndex) -> None:
    hits = search_results(index, Filter(text="welcome"), ZoneMode.UTC, BERLIN)
    assert [(h.event_id, h.time) for h in hits] == [("official-welcome", f"06:00{EN_DASH}≈06:55")]


def test_every_match_once_in_time_order_and_a_limit(index: CalendarIndex) -> None:
    view = Filter(text="putin")
    hits = search_results(index, view, ZoneMode.EVENT, BERLIN)
    expected = [e.id for e in index.select(view)]
    assert [h.event_id for h in hits] == expected and len(set(expected)) == len(expected)
    assert [h.day for h in hits] == sorted(h.day for h in hits)
    assert [h.event_id for h in search_results(index, view, ZoneMode.EVENT, BERLIN, 2)] == (
        expected[:2]
    )


def test_no_match_no_results(index: CalendarIndex) -> None:
    assert search_results(index, Filter(text="zzzz"), ZoneMode.EVENT, BERLIN) == ()


def test_short_dates_and_times_for_a_narrow_list(index: CalendarIndex) -> None:
    """Where each event starts, in a few cells, and the date without the visit's year."""
    hits = search_results(index, Filter(text="summit"), ZoneMode.EVENT, BERLIN)
    assert [(h.short_date, h.short_time) for h in hits][:3] == [
        ("Thu 9 Oct", f"aft{EN_DASH}eve"),
        ("Thu 9 Oct", "no time"),
        ("Fri 10 Oct", "by ≈13:47"),
    ]
    welcome = search_results(index, Filter(text="welcome"), ZoneMode.UTC, BERLIN)
    assert [h.short_time for h in welcome] == ["06:00"]


def test_narrow_rows_keep_the_columns_aligned(index: CalendarIndex) -> None:
    hits = search_results(index, Filter(text="summit"), ZoneMode.EVENT, BERLIN)
    wide, narrow = result_rows(hits, 120), result_rows(hits, 50)
    assert wide[0].lead.startswith("Thu 9 Oct 2025   afternoon")  # padded to "Fri 10 Oct 2025"
    assert narrow[0].lead == f"Thu 9 Oct  aft{EN_DASH}eve   ⚖ "
    assert len({cells(row.lead) for row in narrow}) == 1
    assert cells(narrow[0].lead) < cells(wide[0].lead) - 15
