"""Now: the day and event for an instant, the header's words outside the calendar, the now
line's column. Fixed clocks only."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Calendar, Event
from tui.core.present.header_fit import fit_header, state_text
from tui.core.present.screenful import present
from tui.core.present.state import Browse
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lanes import LaneMode
from tui.core.views.now import NowPoint, find_now, now_column
from tui.core.views.now_times import learn_span, outside_words
from tui.core.views.timeline import layout_timeline
from tui.core.views.timeline_cells import WHOLE
from tui.core.views.timeline_layout import column, paint_timeline
from tui.core.views.whole_visit import Now
from tui.core.zones import get_zone

DUSHANBE = get_zone("Asia/Dushanbe")
BERLIN = get_zone("Europe/Berlin")
THURSDAY = date(2025, 10, 9)


@pytest.fixture(scope="module")
def index() -> CalendarIndex:
    built = CalendarIndex(load_calendar(bundled_calendar()).calendar)
    built.build()  # as the app does before its first frame, for a calendar of this size
    return built


def at(index: CalendarIndex, now: datetime, mode: ZoneMode = ZoneMode.EVENT) -> NowPoint:
    return find_now(index, index.select(Filter()), mode, BERLIN, now)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Before: the visit's first moment is midnight of 8 October in Dushanbe (19:00 UTC
        # on the 7th), so the header counts to it and `.` goes to the first event.
        (
            datetime(2025, 10, 5, 12, tzinfo=UTC),
            NowPoint(date(2025, 10, 8), "putin-arrival", None, "starts in 2 days"),
        ),
        (
            datetime(2025, 10, 7, 16, tzinfo=UTC),
            NowPoint(date(2025, 10, 8), "putin-arrival", None, "starts in 3 hours"),
        ),
        # During: 11:30 in Dushanbe is inside the 11:00-11:55 welcome ceremony.
        (
            datetime(2025, 10, 9, 6, 30, tzinfo=UTC),
            NowPoint(THURSDAY, "official-welcome", Now.UNDER_WAY),
        ),
        # 12:00: the welcome is over, the talks (11:55-16:30) are on.
        (datetime(2025, 10, 9, 7, tzinfo=UTC), NowPoint(THURSDAY, "ru-tj-talks", Now.UNDER_WAY)),
        # 08:00 on Thursday: nothing is on; the welcome at 11:00 is next.
        (datetime(2025, 10, 9, 3, tzinfo=UTC), NowPoint(THURSDAY, "official-welcome", Now.NEXT)),
        # After: the last day ends at midnight of the 11th in Dushanbe.
        (
            datetime(2026, 12, 7, tzinfo=UTC),
            NowPoint(date(2025, 10, 10), "pashinyan-rahmon", None, "ended 1 year ago"),
        ),
        (
            datetime(2025, 10, 10, 21, tzinfo=UTC),
            NowPoint(date(2025, 10, 10), "pashinyan-rahmon", None, "ended 2 hours ago"),
        ),
    ],
)
def test_now_before_during_and_after_the_visit(
    index: CalendarIndex, now: datetime, expected: NowPoint
) -> None:
    assert at(index, now) == expected


def test_now_follows_the_filter(index: CalendarIndex) -> None:
    """Only Azerbaijan's events: they start with the Putin-Aliyev meeting at 16:30 on
    Thursday; that evening the CIS summit (reported under way on Friday) is next."""
    chosen = index.select(Filter(countries=frozenset({"AZ"})))

    def found(now: datetime) -> NowPoint:
        return find_now(index, chosen, ZoneMode.EVENT, BERLIN, now)

    noon = datetime(2025, 10, 9, 7, tzinfo=UTC)
    assert found(noon) == NowPoint(THURSDAY, "putin-aliyev", None, "starts in 4 hours")
    evening = datetime(2025, 10, 9, 15, tzinfo=UTC)
    assert found(evening) == NowPoint(date(2025, 10, 10), "cis-summit", Now.NEXT)


def test_now_in_the_viewers_zone_picks_the_viewers_day(index: CalendarIndex) -> None:
    """23:30 UTC on the 8th is the 9th in Dushanbe but still the 9th at 01:30 in Berlin;
    21:30 UTC is the 9th in Dushanbe (02:30) and the 8th in Berlin: the day follows the
    mode's zone."""
    late = datetime(2025, 10, 8, 21, 30, tzinfo=UTC)
    assert at(index, late, ZoneMode.EVENT).day == THURSDAY
    assert at(index, late, ZoneMode.LOCAL).day == THURSDAY
    assert at(index, late, ZoneMode.UTC).day == THURSDAY
    # The next event is the 11:00 welcome whatever the zone; only its day's name changes.
    assert at(index, late, ZoneMode.LOCAL).event_id == "official-welcome"


def test_no_events_no_destination(index: CalendarIndex) -> None:
    found = find_now(index, [], ZoneMode.EVENT, BERLIN, datetime(2025, 10, 9, tzinfo=UTC))
    assert found == NowPoint(None, None, None)


def test_days_without_a_moment_are_next_only_from_today() -> None:
    """Once the timed events are over, the next destination is the first all-day event
    from today on: Monday's, already past, has no moment that could come "next"."""
    monday, wednesday, friday = date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 7)
    talks_at = datetime(2025, 3, 4, 9, tzinfo=UTC)
    events = (
        Event("monday", "Arrival", monday, monday, "UTC", all_day=True),
        Event("talks", "Talks", talks_at, talks_at.replace(hour=10), "UTC"),
        Event("friday", "Departure", friday, friday, "UTC", all_day=True),
    )
    index = CalendarIndex(Calendar("Days", "days", "UTC", events=events))
    now = datetime.combine(wednesday, time(12), UTC)
    assert at(index, now, ZoneMode.UTC) == NowPoint(friday, "friday", Now.NEXT)


def test_now_columns_on_the_thursday_timeline(index: CalendarIndex) -> None:
    """The now line sits where the axis puts the instant, and nowhere off the axis."""
    events = index.by_day(ZoneMode.EVENT, DUSHANBE)[THURSDAY]
    timeline = layout_timeline(index, THURSDAY, events, LaneMode.PARTICIPANTS, DUSHANBE)
    painting = paint_timeline(timeline, 100)
    noon = datetime(2025, 10, 9, 12, tzinfo=DUSHANBE)
    expected = column(timeline.fraction(noon), 100, painting.label_width, WHOLE)
    assert now_column(timeline, painting, noon) == expected
    assert painting.label_width < expected < 100
    # Later in the day lies further right; the axis's own ends are its first and last.
    later = now_column(timeline, painting, datetime(2025, 10, 9, 15, tzinfo=DUSHANBE))
    assert later is not None and later > expected
    assert now_column(timeline, painting, timeline.start) == painting.label_width
    # Another day, or before the axis starts: no line.
    assert now_column(timeline, painting, datetime(2025, 10, 10, 12, tzinfo=DUSHANBE)) is None
    assert now_column(timeline, painting, datetime(2025, 10, 9, 1, tzinfo=DUSHANBE)) is None


def test_now_column_outside_a_zoomed_window_is_none(index: CalendarIndex) -> None:
    events = index.by_day(ZoneMode.EVENT, DUSHANBE)[THURSDAY]
    timeline = layout_timeline(index, THURSDAY, events, LaneMode.PARTICIPANTS, DUSHANBE)
    painting = paint_timeline(timeline, 100, (0.5, 1.0))
    assert now_column(timeline, painting, timeline.start) is None
    assert now_column(timeline, painting, timeline.instant(0.75)) is not None


@pytest.mark.parametrize(
    ("now", "words"),
    [
        (datetime(2025, 10, 5, 12, tzinfo=UTC), "starts in 2 days"),
        (datetime(2025, 10, 7, 18, 59, tzinfo=UTC), "starts in 1 minute"),
        (datetime(2025, 10, 7, 19, tzinfo=UTC), ""),  # the first moment: it is on
        (datetime(2025, 10, 9, 7, tzinfo=UTC), ""),
        (datetime(2025, 10, 10, 21, tzinfo=UTC), "ended 2 hours ago"),
        (datetime(2026, 12, 7, tzinfo=UTC), "ended 1 year ago"),
    ],
)
def test_the_headers_words_for_a_calendar_past_or_future(
    index: CalendarIndex, now: datetime, words: str
) -> None:
    """The header asks on every key press without the timeline's modules: the same words
    as `.` gives, for the whole calendar, and in the header the presenter builds."""
    assert outside_words(index, now) == words == at(index, now).outside
    assert present(index, Browse(), BERLIN, now).header.outside == words


def test_a_large_calendar_says_its_words_once_its_index_is_built() -> None:
    """Before the indexes are in, the header does not hold the first frame for a pass over
    every event; the worker that builds them learns the span, and the words follow."""
    index = CalendarIndex(load_calendar(bundled_calendar()).calendar)
    later = datetime(2026, 12, 7, tzinfo=UTC)
    assert outside_words(index, later) == ""
    index.build()
    learn_span(index)
    assert outside_words(index, later) == "ended 1 year ago"


def test_the_header_keeps_the_words_at_80_columns(index: CalendarIndex) -> None:
    header = present(index, Browse(), BERLIN, datetime(2026, 12, 7, tzinfo=UTC)).header
    fitted = fit_header(header, 78)  # the width inside the border of an 80-column terminal
    assert fitted.outside == "ended 1 year ago"
    assert "ended 1 year ago" in state_text(fitted)
