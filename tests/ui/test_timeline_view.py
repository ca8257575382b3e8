"""The timeline and agenda widgets, driven by keys and clicks in a tiny app."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.ui.timeline_apps import AgendaApp, TimelineApp, bundled_agenda, thursday_timeline
from tui.core.views.timeline_cells import ZOOM_HOURS
from tui.core.views.timeline_layout import row_of
from tui.core.views.whole_visit import Now
from tui.ui.widgets.agenda_view import AgendaView
from tui.ui.widgets.cursor_list import CursorList
from tui.ui.widgets.timeline_view import TimelineView


def posted(app: TimelineApp | AgendaApp, kind: type) -> list[str]:
    return [
        m.key if isinstance(m, CursorList.Selected) else m.event_id  # type: ignore[attr-defined]
        for m in app.messages
        if isinstance(m, kind)
    ]


async def test_arrows_move_between_blocks_and_lanes_and_enter_chooses() -> None:
    app = TimelineApp(thursday_timeline())
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.query_one(TimelineView)
        assert view.cursor == (0, "official-welcome")
        await pilot.press("right", "right")
        assert view.cursor == (0, "putin-aliyev")
        await pilot.press("left", "down")  # Rahmon's lane has the talks too
        assert view.cursor == (1, "ru-tj-talks")
        await pilot.press("enter")
        # The same event in another lane is not announced again.
        assert posted(app, TimelineView.Highlighted) == [
            "ru-tj-talks",
            "putin-aliyev",
            "ru-tj-talks",
        ]
        await pilot.press("up")
        assert view.cursor == (0, "ru-tj-talks")
        assert len(posted(app, TimelineView.Highlighted)) == 3
        assert posted(app, TimelineView.Selected) == ["ru-tj-talks"]


async def test_the_first_frame_is_laid_out_at_the_widgets_width() -> None:
    app = TimelineApp(thursday_timeline())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(TimelineView)
        assert view.painting is not None and view.painting.width == view.size.width == 100


async def test_zoom_shows_a_few_hours_and_follows_the_cursor() -> None:
    app = TimelineApp(thursday_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(TimelineView)
        await pilot.press("plus", "plus")
        assert view.zoom == len(ZOOM_HOURS) - 1
        low, high = view.window
        assert high - low < 0.25  # 3 of 14 hours
        await pilot.press("right", "right")  # to the Aliyev meeting, later than the window
        block = next(b for b in view.timeline.lanes[0].blocks if b.event_id == "putin-aliyev")  # type: ignore[union-attr]
        assert view.window[0] <= block.start <= view.window[1]
        assert view.window != (low, high)
        await pilot.press("minus", "minus", "minus")
        assert view.zoom == 0 and view.window == (0.0, 1.0)


async def test_the_lanes_scroll_to_keep_the_cursor_in_sight() -> None:
    app = TimelineApp(thursday_timeline())
    async with app.run_test(size=(80, 10)) as pilot:
        view = app.query_one(TimelineView)
        await pilot.press(*["down"] * 9)  # to the strip of events whose time was not announced
        await pilot.pause()
        painting = view.painting
        assert painting is not None and view.cursor is not None
        row = row_of(painting, *view.cursor)
        assert row is not None
        body = view.scrollable_content_region.height - len(painting.header)
        assert view.scroll_offset.y > 0
        assert view.scroll_offset.y <= row < view.scroll_offset.y + body


async def test_a_click_selects_the_block_under_it() -> None:
    app = TimelineApp(thursday_timeline())
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.query_one(TimelineView)
        await pilot.pause()
        painting = view.painting
        assert painting is not None
        row = row_of(painting, 2, "central-asia-russia-summit")  # Tokayev's lane
        assert row is not None
        placed = painting.rows[row].placed[0]
        y = len(painting.header) + row
        await pilot.click(TimelineView, offset=(placed.first + 3, y))
        assert view.cursor == (2, "central-asia-russia-summit")
        assert posted(app, TimelineView.Highlighted) == ["central-asia-russia-summit"]


async def test_a_new_timeline_keeps_the_cursor_on_its_event() -> None:
    app = TimelineApp(thursday_timeline())
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.query_one(TimelineView)
        await pilot.press("down", "right")
        assert view.cursor == (1, "ru-tj-talks")
        view.timeline = thursday_timeline(marks={"ru-tj-talks": "moved"})
        await pilot.pause()
        assert view.cursor == (1, "ru-tj-talks")
        view.select("putin-aliyev")
        assert view.cursor == (0, "putin-aliyev")


async def test_agenda_starts_on_the_event_under_way_and_enter_chooses() -> None:
    app = AgendaApp(bundled_agenda())
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.query_one(AgendaView)
        agenda = view.agenda
        assert agenda is not None and agenda.now is Now.UNDER_WAY
        assert agenda.rows[view.cursor_row].event_id == "ru-tj-talks"
        await pilot.press("down", "enter")
        chosen = [m for m in app.messages if isinstance(m, AgendaView.Selected)]
        assert [(m.key, m.day.day) for m in chosen] == [("putin-aliyev", 9)]
        await pilot.press("end", "enter", "home", "enter")
        assert posted(app, AgendaView.Selected)[1:] == [
            "pashinyan-rahmon",
            "putin-arrival",
        ]


async def test_agenda_after_the_visit_marks_nothing_and_starts_at_the_top() -> None:
    app = AgendaApp(bundled_agenda(now=datetime(2026, 1, 1, tzinfo=UTC)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(AgendaView)
        assert view.agenda is not None and view.agenda.highlight is None
        assert view.agenda.rows[view.cursor_row].event_id == "putin-arrival"
