"""The timeline at the widths of an 80x24 and a 120x36 terminal: what must not be lost."""

from __future__ import annotations

from datetime import date

from tests.conftest import WriteCalendar
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lane_labels import distinct_labels
from tui.core.views.timeline import LaneMode, Timeline, layout_timeline
from tui.core.views.timeline_cells import Painting, Role, Run
from tui.core.views.timeline_layout import paint_timeline, row_of, row_runs
from tui.core.zones import get_zone

DUSHANBE = get_zone("Asia/Dushanbe")
MOSCOW = get_zone("Europe/Moscow")
THURSDAY = date(2025, 10, 9)
SMALL, MIDDLE = 46, 86  # the timeline pane's width at 80x24 and 120x36 (with its scrollbar)


def thursday(
    text: str | None = None,
    lanes_by: LaneMode = LaneMode.PARTICIPANTS,
    marks: dict[str, str] | None = None,
    write: WriteCalendar | None = None,
) -> Timeline:
    path = bundled_calendar() if text is None or write is None else write(text)
    index = CalendarIndex(load_calendar(path).calendar)
    events = index.by_day(ZoneMode.EVENT, MOSCOW)[THURSDAY]
    return layout_timeline(index, THURSDAY, events, lanes_by, DUSHANBE, MOSCOW, marks=marks)


def runs_of(painting: Painting, lane: int, event_id: str) -> list[Run]:
    row = painting.rows[row_of(painting, lane, event_id) or 0]
    return [run for run in row_runs(painting, row) if run.event_id == event_id]


def text(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


def test_venues_that_begin_alike_keep_labels_apart() -> None:
    for width in (SMALL, MIDDLE, 200):
        painting = paint_timeline(thursday(lanes_by=LaneMode.VENUES), width)
        labels = [row.label for row in painting.rows if row.label]
        assert len(set(labels)) == len(labels), labels
    painting = paint_timeline(thursday(lanes_by=LaneMode.VENUES), 200)
    labels = [row.label for row in painting.rows if row.label]
    assert "Palace…Dushanbe" in labels
    assert any(label.startswith("Palace…Shirinsho") for label in labels)


def test_labels_apart_keep_the_words_where_they_differ() -> None:
    hotels = ["Hotel Serena, Dushanbe", "Hotel Sheraton, Dushanbe", "Airport"]
    assert distinct_labels(hotels, 8) == ["…Serena…", "…Sherat…", "Airport"]
    assert distinct_labels(hotels, 14) == ["Hotel Serena,…", "Hotel Sherato…", "Airport"]
    assert distinct_labels(["Dushanbe", "Dushanbe airport"], 20) == [
        "Dushanbe",
        "Dushanbe airport",
    ]


def test_an_event_with_no_end_is_a_short_mark_not_an_invented_block() -> None:
    for width in (SMALL, MIDDLE, 200):
        runs = runs_of(paint_timeline(thursday(), width), 0, "putin-aliyev")
        cells = [(ch, run.role) for run in runs for ch in run.text]
        assert Role.BODY not in {role for _, role in cells}  # no length is drawn
        assert [role for _, role in cells[:4]] == [Role.FADE] * 4  # ≈16:30, fading at once
        assert "Putin" in "".join(ch for ch, role in cells if role is Role.LOOSE)


def test_a_moved_welcome_stays_visible_beside_the_talks_at_80_columns(
    write_calendar: WriteCalendar,
) -> None:
    moved = bundled_calendar().read_text(encoding="utf-8")
    moved = moved.replace("start = 2025-10-09T11:00:00", "start = 2025-10-09T11:15:00")
    timeline = thursday(moved, marks={"official-welcome": "moved"}, write=write_calendar)
    welcome = runs_of(paint_timeline(timeline, SMALL), 0, "official-welcome")
    assert "→" in text(welcome)  # its change mark, not a cell of shading like the talks' edge
    plain = thursday(moved, write=write_calendar)
    welcome = runs_of(paint_timeline(plain, SMALL), 0, "official-welcome")
    assert "O" in text(welcome)  # the title's first letter
    assert {run.role for run in welcome} == {Role.BODY}


def test_events_whose_time_was_not_announced_share_the_headings_row() -> None:
    painting = paint_timeline(thursday(), MIDDLE)
    heading = next(row for row in painting.rows if row.heading)
    line = text(list(row_runs(painting, heading)))
    assert line.startswith("── time not announced")
    assert "16 documents" in line and "CIS Council" in line
    small = paint_timeline(thursday(), SMALL)
    heading = next(row for row in small.rows if row.heading)
    assert "16 documents" in text(list(row_runs(small, heading)))


def test_the_zone_names_of_both_axes_are_whole_at_80_columns() -> None:
    index = CalendarIndex(load_calendar(bundled_calendar()).calendar)
    wednesday = date(2025, 10, 8)  # lanes 'Putin' and 'Rahmon' only: a narrow label column
    events = index.by_day(ZoneMode.EVENT, MOSCOW)[wednesday]
    timeline = layout_timeline(index, wednesday, events, LaneMode.PARTICIPANTS, DUSHANBE, MOSCOW)
    for width in (SMALL, 48):
        painting = paint_timeline(timeline, width)
        primary, second = (text(list(row)) for row in painting.header[:2])
        assert primary.startswith("Dushanbe ") and second.startswith("Moscow ")
        assert "08:00" in primary
