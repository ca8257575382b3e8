"""The timeline's lanes, blocks, axes and columns: pure core, no terminal."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from bench.make_calendar import calendar_text
from tests.conftest import BASE, DATA, WriteCalendar
from tui.core.loading.load import bundled_calendar, load_bytes, load_calendar
from tui.core.loading.overlaps import overlap_problems
from tui.core.model import Calendar
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.timeline import (
    Lane,
    LaneKind,
    LaneMode,
    Shape,
    Timeline,
    block_in,
    double_booked,
    lanes_of,
    layout_timeline,
    step_in_lane,
    step_lane,
    timeline_zones,
)
from tui.core.views.timeline_cells import TICK_LABEL, Role
from tui.core.views.timeline_layout import GRID, hit, paint_timeline, row_of, row_runs, zoom_window
from tui.core.views.whole_visit import Now, RowKind, agenda_screen
from tui.core.zones import get_zone

DUSHANBE = get_zone("Asia/Dushanbe")
MOSCOW = get_zone("Europe/Moscow")
THURSDAY = date(2025, 10, 9)


def bundled() -> CalendarIndex:
    return CalendarIndex(load_calendar(bundled_calendar()).calendar)


def thursday(
    lanes_by: LaneMode = LaneMode.PARTICIPANTS, marks: dict[str, str] | None = None
) -> Timeline:
    index = bundled()
    events = index.by_day(ZoneMode.EVENT, MOSCOW)[THURSDAY]
    return layout_timeline(index, THURSDAY, events, lanes_by, DUSHANBE, MOSCOW, marks=marks)


def lane(timeline: Timeline, key: str) -> Lane:
    return next(lane for lane in timeline.lanes if lane.key == key)


def ids(timeline: Timeline, key: str) -> list[str]:
    return [block.event_id for block in lane(timeline, key).blocks]


# --- lanes ---------------------------------------------------------------------------------
@pytest.mark.parametrize("day", [date(2025, 10, 8), THURSDAY, date(2025, 10, 10)])
def test_every_event_is_in_exactly_the_lanes_of_its_participants(day: date) -> None:
    index = bundled()
    events = index.by_day(ZoneMode.EVENT, MOSCOW)[day]
    timeline = layout_timeline(index, day, events, LaneMode.PARTICIPANTS, DUSHANBE)
    for event in events:
        keys = {timeline.lanes[n].key for n in lanes_of(timeline, event.id)}
        if event.all_day:
            assert keys == {"all day"}
        elif event.time_not_announced:
            assert keys == {"time not announced"}
        else:
            assert keys == set(event.participants or ("",)), event.id


def test_venue_lanes_hold_each_event_once_under_its_place() -> None:
    timeline = thursday(LaneMode.VENUES)
    for event in bundled().by_day(ZoneMode.EVENT, MOSCOW)[THURSDAY]:
        found = lanes_of(timeline, event.id)
        assert len(found) == 1
        if not event.time_not_announced:
            assert timeline.lanes[found[0]].key == event.location
            # The lane says where; the block says who.
            assert block_in(timeline, found[0], event.id).who  # type: ignore[union-attr]


def test_thursday_putin_and_rahmon_in_the_order_of_the_day() -> None:
    timeline = thursday()
    assert [lane.label for lane in timeline.lanes[:2]] == ["Putin", "Rahmon"]
    assert ids(timeline, "putin")[:3] == ["official-welcome", "ru-tj-talks", "putin-aliyev"]
    assert timeline.lanes[-1].kind is LaneKind.NOT_ANNOUNCED
    assert [b.event_id for b in timeline.lanes[-1].blocks] == [
        "ru-tj-documents",
        "cis-foreign-ministers",
    ]


def test_a_participant_filter_keeps_only_their_lanes() -> None:
    index = bundled()
    events = index.by_day(ZoneMode.EVENT, MOSCOW)[THURSDAY]
    timeline = layout_timeline(
        index, THURSDAY, events, LaneMode.PARTICIPANTS, DUSHANBE, people={"aliyev"}
    )
    assert [lane.key for lane in timeline.lanes if lane.kind is LaneKind.LANE] == ["aliyev"]


# --- what is known of the times ------------------------------------------------------------
def test_blocks_say_what_is_known_of_their_times() -> None:
    timeline = thursday(marks={"putin-aliyev": "moved"})
    putin = {block.event_id: block for block in lane(timeline, "putin").blocks}
    welcome, talks, aliyev = putin["official-welcome"], putin["ru-tj-talks"], putin["putin-aliyev"]
    assert welcome.shape is Shape.TIMED
    assert (welcome.start_estimated, welcome.end_estimated) == (False, True)
    assert (talks.start_estimated, talks.end_estimated) == (True, True)
    assert aliyev.shape is Shape.OPEN and aliyev.start == aliyev.end
    assert aliyev.mark == "moved" and welcome.mark == ""
    assert welcome.icc  # Putin on the soil of an ICC State Party
    summit = putin["central-asia-russia-summit"]
    assert summit.shape is Shape.VAGUE
    # Afternoon to evening in Dushanbe: 14:00 to 22:00, wherever the axis is.
    assert timeline.instant(summit.start) == datetime(2025, 10, 9, 14, tzinfo=DUSHANBE)
    assert timeline.instant(summit.end) == datetime(2025, 10, 9, 22, tzinfo=DUSHANBE)
    assert timeline.instant(welcome.start) == datetime(2025, 10, 9, 11, tzinfo=DUSHANBE)


def test_a_report_widens_a_part_of_day_and_sits_in_it() -> None:
    index = bundled()
    day = date(2025, 10, 8)
    events = index.by_day(ZoneMode.EVENT, MOSCOW)[day]
    timeline = layout_timeline(index, day, events, LaneMode.PARTICIPANTS, DUSHANBE)
    dinner = next(b for b in lane(timeline, "putin").blocks if b.event_id == "putin-rahmon-dinner")
    assert dinner.shape is Shape.VAGUE and dinner.report is not None
    assert timeline.instant(dinner.report) == datetime(2025, 10, 8, 22, 38, tzinfo=DUSHANBE)
    assert dinner.end == dinner.report  # the evening ends at 22:00; the report came later
    assert timeline.end >= datetime(2025, 10, 8, 23, tzinfo=DUSHANBE)


def test_the_axis_covers_the_day_from_morning_to_late_evening() -> None:
    timeline = thursday()
    assert timeline.start == datetime(2025, 10, 9, 8, tzinfo=DUSHANBE)
    assert timeline.end == datetime(2025, 10, 9, 22, tzinfo=DUSHANBE)


# --- double bookings -------------------------------------------------------------------------
CLASH = (
    BASE
    + """
[[events]]
id = "clash"
title = "Clash"
start = 2025-10-09T12:00:00
end = 2025-10-09T12:30:00
participants = ["putin"]
"""
)


def test_a_double_booking_is_marked_in_that_persons_lane_only(
    write_calendar: WriteCalendar,
) -> None:
    index = CalendarIndex(load_calendar(write_calendar(CLASH)).calendar)
    events = index.by_day(ZoneMode.EVENT, UTC)[THURSDAY]
    timeline = layout_timeline(index, THURSDAY, events, LaneMode.PARTICIPANTS, DUSHANBE)
    assert {b.event_id: b.overlap for b in lane(timeline, "putin").blocks} == {
        "talks": True,
        "clash": True,
    }
    assert [b.overlap for b in lane(timeline, "rahmon").blocks] == [False]
    # Drawn on two rows, each with the mark.
    painting = paint_timeline(timeline, 80)
    rows = {row_of(painting, 0, "talks"), row_of(painting, 0, "clash")}
    assert len(rows) == 2
    for row in rows:
        assert row is not None
        assert any(run.role is Role.OVERLAP for run in row_runs(painting, painting.rows[row]))


def _calendar(text: str) -> Calendar:
    return load_bytes(text.encode(), "bench.toml").calendar


@pytest.mark.parametrize(
    "calendar",
    [
        load_calendar(bundled_calendar()).calendar,
        load_calendar(DATA / "sample.toml").calendar,
        _calendar(calendar_text(400, overlaps=0.9)),
    ],
    ids=["bundled", "sample", "generated-with-overlaps"],
)
def test_double_bookings_are_the_ones_check_warns_about(calendar: Calendar) -> None:
    problems = overlap_problems([(("events", n), e) for n, e in enumerate(calendar.events)])
    booked = double_booked(calendar.events)
    # Each warning names a person and two events; both are marked for that person, and
    # nobody is marked whom check does not warn about.
    warned: dict[str, set[str]] = {}
    for problem in problems:
        person, first, second = problem.message.split('"')[1:6:2]
        warned.setdefault(person, set()).update((first, second))
    assert {person: set(events) for person, events in booked.items()} == warned
    assert bool(warned) == (calendar.title.startswith("Benchmark"))  # only that one clashes


# --- columns ---------------------------------------------------------------------------------
@pytest.mark.parametrize("width", [40, 80, 120, 200])
@pytest.mark.parametrize("zoom", [None, 6.0, 3.0])
def test_no_two_blocks_of_a_row_share_a_cell(width: int, zoom: float | None) -> None:
    index = CalendarIndex(_calendar(calendar_text(400, overlaps=0.9)))
    for day, events in list(index.by_day(ZoneMode.UTC, UTC).items())[:5]:
        timeline = layout_timeline(index, day, events, LaneMode.PARTICIPANTS, UTC)
        window = zoom_window(timeline, zoom, 0.5)
        painting = paint_timeline(timeline, width, window)
        for row in painting.rows:
            spans = sorted((p.first, p.last) for p in row.placed)
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
            runs = row_runs(painting, row)
            assert sum(len(run.text) for run in runs) == width  # every row fills the width


def test_11_in_dushanbe_is_9_in_moscow_on_the_second_axis() -> None:
    painting = paint_timeline(thursday(), 200)
    primary, second = ("".join(run.text for run in row) for row in painting.header[:2])
    assert primary.startswith("Dushanbe") and second.startswith("Moscow")
    column = primary.index("11:00")
    assert second[column : column + TICK_LABEL] == "09:00"
    for col in painting.ticks:  # Dushanbe is Moscow + 2 h all along the axis
        hour = int(primary[col : col + 2])
        assert second[col : col + TICK_LABEL] == f"{hour - 2:02d}:{primary[col + 3 : col + 5]}"


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_tick_labels_thin_out_to_the_width_without_touching(width: int) -> None:
    painting = paint_timeline(thursday(), width)
    axis = "".join(run.text for run in painting.header[0])
    starts = sorted(painting.ticks)
    assert len(axis) == width
    assert [axis[col + 2] for col in starts] == [":"] * len(starts)  # a label at each tick
    assert len(starts) >= 3
    assert all(b - a > TICK_LABEL for a, b in itertools.pairwise(starts))
    if width == 200:
        assert len(starts) > len(paint_timeline(thursday(), 80).ticks)


def test_empty_lane_cells_show_the_grid_at_the_ticks() -> None:
    painting = paint_timeline(thursday(), 120)
    row = painting.rows[row_of(painting, 0, "official-welcome") or 0]
    text = "".join(run.text for run in row_runs(painting, row))
    first_tick = min(painting.ticks)
    assert text[first_tick] == GRID


def test_estimated_edges_fade_and_parts_of_day_are_hatched() -> None:
    painting = paint_timeline(thursday(), 200)
    row = painting.rows[row_of(painting, 0, "official-welcome") or 0]
    welcome = [run for run in row_runs(painting, row) if run.event_id == "official-welcome"]
    assert welcome[0].role is Role.EDGE and welcome[-1].role is Role.FADE  # 11:00, ≈11:55
    assert "Official" in "".join(run.text for run in welcome)
    summit_row = painting.rows[row_of(painting, 0, "central-asia-russia-summit") or 0]
    summit = [
        r for r in row_runs(painting, summit_row) if r.event_id == "central-asia-russia-summit"
    ]
    assert {run.role for run in summit} >= {Role.HATCH, Role.VAGUE}
    assert Role.BODY not in {run.role for run in summit}


def test_a_title_is_data_not_markup(write_calendar: WriteCalendar) -> None:
    text = BASE.replace('title = "Talks"', 'title = "[bold]x[/] \\u001b[31m"')
    index = CalendarIndex(load_calendar(write_calendar(text)).calendar)
    events = index.by_day(ZoneMode.EVENT, UTC)[THURSDAY]
    timeline = layout_timeline(index, THURSDAY, events, LaneMode.PARTICIPANTS, DUSHANBE)
    assert timeline.lanes[0].blocks[0].title == "[bold]x[/] ␛[31m"


def test_a_click_finds_the_block_under_it() -> None:
    painting = paint_timeline(thursday(), 120)
    row = painting.rows[row_of(painting, 0, "ru-tj-talks") or 0]
    placed = next(p for p in row.placed if p.block.event_id == "ru-tj-talks")
    assert hit(painting, row, placed.first) == "ru-tj-talks"
    assert hit(painting, row, placed.last - 1) == "ru-tj-talks"
    assert hit(painting, row, 0) is None  # the label column


# --- zoom and moving -----------------------------------------------------------------------
def test_zooming_shows_a_few_hours_around_the_focus_and_keeps_still_while_it_is_shown() -> None:
    timeline = thursday()  # 14 hours
    window = zoom_window(timeline, 3.0, 0.5)
    assert window[1] - window[0] == pytest.approx(3 / 14)
    assert window[0] <= 0.5 <= window[1]
    assert zoom_window(timeline, 3.0, window[0] + 0.01, window) == window
    moved = zoom_window(timeline, 3.0, 0.95, window)
    assert moved != window and moved[1] == pytest.approx(1.0)
    assert zoom_window(timeline, None, 0.3, window) == (0.0, 1.0)
    # Zoomed in, the ticks come closer in time: every 2 hours, then every 30 minutes.
    whole, zoomed = paint_timeline(timeline, 80), paint_timeline(timeline, 80, window)
    assert ":30" not in "".join(r.text for r in whole.header[0])
    assert "".join(r.text for r in zoomed.header[0]).count(":30") >= 2


def test_moving_between_blocks_and_lanes() -> None:
    timeline = thursday()
    assert step_in_lane(timeline, 0, "official-welcome", 1) == "ru-tj-talks"
    assert step_in_lane(timeline, 0, "official-welcome", -1) == "official-welcome"
    # Down from Putin's talks: Rahmon has the same event.
    assert step_lane(timeline, 0, "ru-tj-talks", 1) == (1, "ru-tj-talks")
    # Tokayev (lane 2) has only the summit.
    assert step_lane(timeline, 1, "ru-tj-talks", 1) == (2, "central-asia-russia-summit")
    # Up from the first lane stays there.
    assert step_lane(timeline, 0, "ru-tj-talks", -1) == (0, "ru-tj-talks")


def test_second_zone_is_the_next_zone_of_the_z_cycle() -> None:
    calendar = load_calendar(bundled_calendar()).calendar
    new_york = get_zone("America/New_York")
    assert timeline_zones(calendar, ZoneMode.EVENT, new_york) == (DUSHANBE, new_york)
    assert timeline_zones(calendar, ZoneMode.LOCAL, new_york) == (new_york, UTC)
    assert timeline_zones(calendar, ZoneMode.UTC, new_york) == (UTC, DUSHANBE)
    # A viewer in the venue's zone gets UTC as the second axis, not the same zone twice.
    assert timeline_zones(calendar, ZoneMode.EVENT, DUSHANBE) == (DUSHANBE, UTC)


# --- the whole visit at once -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("now", "event_id", "when"),
    [
        (datetime(2025, 10, 9, 9, tzinfo=UTC), "ru-tj-talks", Now.UNDER_WAY),  # 14:00 Dushanbe
        (datetime(2025, 10, 9, 5, 30, tzinfo=UTC), "official-welcome", Now.NEXT),  # 10:30
        (datetime(2026, 1, 1, tzinfo=UTC), None, None),  # the visit is over
    ],
)
def test_agenda_rows_and_the_current_event(
    now: datetime, event_id: str | None, when: Now | None
) -> None:
    index = bundled()
    agenda = agenda_screen(index, Filter(), ZoneMode.EVENT, MOSCOW, now)
    events = [row for row in agenda.rows if row.kind is RowKind.EVENT]
    assert [row.event_id for row in events] == [
        e.id for day in index.by_day(ZoneMode.EVENT, MOSCOW).values() for e in day
    ]
    assert [row.text for row in agenda.rows if row.kind is RowKind.DAY] == [
        "Wednesday 8 October 2025",
        "Thursday 9 October 2025",
        "Friday 10 October 2025",
    ]
    talks = next(row for row in events if row.event_id == "ru-tj-talks")
    assert (talks.time, talks.icc, talks.who) == ("≈11:55\u2013≈16:30", True, "Putin, Rahmon")
    shown = None if agenda.highlight is None else agenda.rows[agenda.highlight].event_id
    assert (shown, agenda.now) == (event_id, when)
