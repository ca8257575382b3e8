"""Times across a clock change are elapsed time, and orders are orders of instants.

Python subtracts and compares two datetimes that share a tzinfo by their wall clocks: it
ignores the offset and ``fold``. In Europe/Berlin the night of 25-26 October 2025 lasts an
hour longer than its wall clock says, and 02:00-03:00 happens twice (the second time round
is ``fold=1``, which a file writes as an offset time with the event's zone); on 30 March
2025 the clock skips 02:00-03:00. Every case here failed before times went through UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from tests.conftest import WriteCalendar
from tui.core.editing.event_form import draft_of
from tui.core.errors import CalendarError
from tui.core.export.ical import to_icalendar
from tui.core.living.changes import ChangeKind, diff_calendars
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar, Event
from tui.core.views.agenda_days import agenda_days, window_from_now
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lanes import LaneMode
from tui.core.views.time_words import known_times
from tui.core.views.timeline import Shape, Timeline, block_in, layout_timeline
from tui.core.views.timeline_layout import paint_timeline
from tui.core.views.whole_visit import Now, agenda_screen
from tui.core.zones import get_zone

BERLIN = get_zone("Europe/Berlin")
AUTUMN, SPRING = date(2025, 10, 26), date(2025, 3, 30)

HEADER = """\
[calendar]
title = "Clock changes"
timezone = "Europe/Berlin"

[countries.DE]
name = "Germany"
capital = "Berlin"

[participants.p]
name = "P"
country = "DE"
"""


def event(event_id: str, start: str, end: str | None = None, zone: bool = False) -> str:
    """An [[events]] entry; ``zone`` names Berlin, so an offset time is read in it."""
    lines = ["[[events]]", f'id = "{event_id}"', f'title = "{event_id}"', f"start = {start}"]
    if end is not None:
        lines.append(f"end = {end}")
    if zone:
        lines.append('timezone = "Europe/Berlin"')
    lines.append('participants = ["p"]')
    return "\n" + "\n".join(lines) + "\n"


def load(write_calendar: WriteCalendar, *events: str, name: str = "cal.toml") -> Calendar:
    return load_calendar(write_calendar(HEADER + "".join(events), name)).calendar


def by_id(calendar: Calendar) -> dict[str, Event]:
    return {e.id: e for e in calendar.events}


# The second 02:30 of the autumn night (00:30 UTC was the first).
SECOND_0230 = "2025-10-26T02:30:00+01:00"


def test_durations_are_elapsed_time(write_calendar: WriteCalendar) -> None:
    events = by_id(
        load(
            write_calendar,
            event("night", "2025-10-25T22:00:00", "2025-10-26T06:00:00"),
            event("fold", "2025-10-26T02:30:00", "2025-10-26T03:30:00"),
            event("again", "2025-10-26T02:30:00", SECOND_0230, zone=True),
            event("spring", "2025-03-29T22:00:00", "2025-03-30T06:00:00"),
        )
    )
    assert events["night"].duration == timedelta(hours=9)
    assert events["fold"].duration == timedelta(hours=2)  # from the first 02:30
    assert events["again"].duration == timedelta(hours=1)
    assert events["spring"].duration == timedelta(hours=7)


def test_an_end_the_second_time_round_is_not_before_the_start(
    write_calendar: WriteCalendar,
) -> None:
    """02:30 (first) to 02:15 (second) is 45 minutes, not an end before the start; the
    wall clocks of 02:30 (second) to 02:45 (first) look forward but go back."""
    calendar = load(
        write_calendar,
        event("late", "2025-10-26T02:30:00", "2025-10-26T02:15:00+01:00", zone=True),
    )
    assert by_id(calendar)["late"].duration == timedelta(minutes=45)
    with pytest.raises(CalendarError, match=r'"end" .* is before "start"'):
        load(
            write_calendar,
            event("back", SECOND_0230, "2025-10-26T02:45:00", zone=True),
            name="back.toml",
        )


def test_an_event_moved_by_the_repeated_hour_is_a_change(write_calendar: WriteCalendar) -> None:
    old = load(write_calendar, event("e", "2025-10-26T02:30:00", zone=True), name="old.toml")
    new = load(write_calendar, event("e", SECOND_0230, zone=True), name="new.toml")
    changes = diff_calendars(old, new)
    assert [(c.kind, c.id) for c in changes] == [(ChangeKind.MOVED, "e")]


def test_the_timeline_axis_counts_elapsed_hours() -> None:
    midnight = datetime(2025, 10, 26, tzinfo=BERLIN)
    axis = Timeline(AUTUMN, midnight, datetime(2025, 10, 27, tzinfo=BERLIN), BERLIN, None,
                    LaneMode.PARTICIPANTS, ())  # fmt: skip
    assert axis.hours == 25
    noon = datetime(2025, 10, 26, 12, tzinfo=BERLIN)
    back = axis.instant(axis.fraction(noon))
    assert back.timestamp() == pytest.approx(noon.timestamp(), abs=1e-3)


def test_an_hour_across_the_repeat_is_timed_not_open(write_calendar: WriteCalendar) -> None:
    calendar = load(write_calendar, event("e", "2025-10-26T02:30:00", SECOND_0230, zone=True))
    index = CalendarIndex(calendar)
    shown = index.select(Filter())
    timeline = layout_timeline(index, AUTUMN, shown, LaneMode.PARTICIPANTS, BERLIN)
    block = block_in(timeline, 0, "e")
    assert block is not None and block.shape is Shape.TIMED
    assert block.end > block.start
    assert "the end" in known_times(calendar.events[0])


def test_the_skipped_hour_has_no_tick(write_calendar: WriteCalendar) -> None:
    """02:00 does not happen on 30 March: a tick for it would sit on 03:00's column and
    push the axis row past the width."""
    calendar = load(write_calendar, event("early", "2025-03-30T00:30:00", "2025-03-30T05:00:00"))
    index = CalendarIndex(calendar)
    timeline = layout_timeline(index, SPRING, index.select(Filter()), LaneMode.PARTICIPANTS, BERLIN)
    painting = paint_timeline(timeline, 200)
    axis = "".join(run.text for run in painting.header[0])
    assert len(axis) == 200
    assert "03:00" in axis and "02:00" not in axis


def test_the_next_event_is_the_next_instant(write_calendar: WriteCalendar) -> None:
    """At 00:51 UTC the first 02:55 (00:55 UTC) comes before the second 02:10 (01:10 UTC)."""
    calendar = load(
        write_calendar,
        event("first", "2025-10-26T02:55:00"),
        event("second", "2025-10-26T02:10:00+01:00", zone=True),
    )
    index = CalendarIndex(calendar)
    now = datetime(2025, 10, 26, 0, 51, tzinfo=UTC)
    screen = agenda_screen(index, Filter(), ZoneMode.EVENT, BERLIN, now)
    assert screen.now is Now.NEXT and screen.highlight is not None
    assert screen.rows[screen.highlight].event_id == "first"


def test_from_now_leaves_out_what_is_over_by_instants(write_calendar: WriteCalendar) -> None:
    """A clock in Berlin at the second 02:45: the event that ended at the first 02:50
    (an hour earlier) is over."""
    calendar = load(write_calendar, event("over", "2025-10-26T02:30:00", "2025-10-26T02:50:00"))
    index = CalendarIndex(calendar)
    now = datetime(2025, 10, 26, 2, 45, fold=1, tzinfo=BERLIN)
    window = window_from_now(index, ZoneMode.EVENT, BERLIN, now, None)
    assert agenda_days(index, index.select(Filter()), ZoneMode.EVENT, BERLIN, window) == {}


def test_the_export_writes_the_second_time_round_in_utc(write_calendar: WriteCalendar) -> None:
    """RFC 5545 reads a repeated TZID time as its first occurrence."""
    calendar = load(write_calendar, event("e", SECOND_0230, "2025-10-26T03:30:00", zone=True))
    parsed = icalendar.Calendar.from_ical(to_icalendar(calendar))
    vevent = next(iter(parsed.walk("VEVENT")))
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert start.astimezone(UTC) == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2025, 10, 26, 2, 30, tzinfo=UTC)


def test_the_form_keeps_the_second_time_round(write_calendar: WriteCalendar) -> None:
    calendar = load(write_calendar, event("e", SECOND_0230, zone=True))
    assert draft_of(calendar.events[0]).start == "02:30+01:00"
