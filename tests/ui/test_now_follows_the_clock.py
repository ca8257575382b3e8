"""The present moves without a key: the timeline's now line follows the clock once the
screen's timer fires; `.` in the whole visit brings its event back into view."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.ui.helpers import drawn_lines, main_screen, until
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp
from tui.ui.main import main_screen as main_screen_module
from tui.ui.widgets.agenda_view import AgendaView

NOON_IN_DUSHANBE = datetime(2025, 10, 9, 7, 0, tzinfo=UTC)


class Clock:
    """A clock a test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def app_on(clock: Clock) -> DiplocalApp:
    calendar = load_calendar(bundled_calendar()).calendar
    return DiplocalApp(calendar, local_zone=get_zone("America/New_York"), clock=clock)


def now_column(app: DiplocalApp) -> int | None:
    """The column of the now line on the timeline's axis rule, if it is drawn."""
    rule = next((line for line in drawn_lines(app, "#timeline") if "┬" in line), "")
    return rule.find("│") if "│" in rule else None


async def test_the_now_line_moves_when_the_clock_advances_and_the_timer_fires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(main_screen_module, "NOW_EVERY", 0.05)
    clock = Clock(NOON_IN_DUSHANBE)
    app = app_on(clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "t")
        await pilot.pause()
        axis = next(line for line in drawn_lines(app, "#timeline") if line.startswith("Dushanbe"))
        noon, two = axis.index("12:00"), axis.index("14:00")  # a tick's label starts there
        assert now_column(app) == noon
        clock.now = NOON_IN_DUSHANBE.replace(hour=9)  # 14:00 in Dushanbe; no key pressed
        await until(lambda: now_column(app) == two)


async def test_now_in_the_whole_visit_scrolls_to_its_event() -> None:
    app = app_on(Clock(NOON_IN_DUSHANBE))  # the talks are under way
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        agenda = main_screen(app).query_one(AgendaView)
        assert agenda.agenda is not None
        rows, talks = agenda.agenda.rows, agenda.cursor_row
        assert rows[talks].event_id == "ru-tj-talks"
        height = agenda.scrollable_content_region.height

        def talks_line() -> int:  # the talks' first line on screen (a row may take two)
            return agenda._first_line[talks] - agenda.scroll_offset.y

        await pilot.press("end")
        await pilot.pause()
        assert agenda.cursor == agenda.row_count - 1
        assert not 0 <= talks_line() < height  # scrolled away
        await pilot.press("full_stop")
        await pilot.pause()
        assert agenda.cursor_row == talks
        assert 0 <= talks_line() < height
        shown = drawn_lines(app, "#agenda")
        assert "now ▶" in " ".join(shown[talks_line() : talks_line() + 2])
