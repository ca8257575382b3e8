"""The cursor lists' one-way echo: the state placing the cursor announces nothing; only the
user's moves post ``Highlighted``, enter posts ``Selected``, each with the list as ``control``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from textual.app import ComposeResult
from textual.message import Message

from tests.ui.timeline_apps import WidgetApp
from tui.core.model import Status
from tui.core.present.screenful import DayListing, DayRow, EventRow
from tui.ui.widgets.cursor_list import CursorList
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import DayView

DAYS = tuple(DayRow(date(2025, 10, n), f"{n} Oct", n % 3) for n in range(1, 31))
EVENTS = tuple(
    EventRow(f"e{n}", f"{n:02}:00", False, f"Event {n}", "meeting", Status.CONFIRMED, "RU")
    for n in range(8)
)


class ListsApp(WidgetApp):
    def compose(self) -> ComposeResult:
        yield DayList(id="days")
        yield DayView(id="day-view")

    def on_cursor_list_highlighted(self, message: CursorList.Highlighted) -> None:
        self.keep(message)

    def on_cursor_list_selected(self, message: CursorList.Selected) -> None:
        self.keep(message)


def said(app: ListsApp) -> list[tuple[str, str | None, str]]:
    return [
        (type(m).__name__, m.control.id, m.key)
        for m in app.messages
        if isinstance(m, CursorList.Highlighted | CursorList.Selected)
    ]


def spy(post: Callable[[Message], bool], posted: list[Message]) -> Callable[[Message], bool]:
    def posting(message: Message) -> bool:
        if isinstance(message, CursorList.Highlighted | CursorList.Selected):
            posted.append(message)
        return post(message)

    return posting


async def test_the_state_moves_the_cursor_silently_the_user_loudly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = ListsApp()
    async with app.run_test(size=(80, 20)) as pilot:
        days = app.query_one(DayList)
        day_view = app.query_one(DayView)
        posted: list[Message] = []
        for widget in (days, day_view.table):
            monkeypatch.setattr(widget, "post_message", spy(widget.post_message, posted))
        days.rows = DAYS
        days.day = date(2025, 10, 20)
        day_view.listing = DayListing(EVENTS, "")
        day_view.selected = "e5"
        await pilot.pause()
        assert (days.cursor, day_view.table.cursor) == (19, 5)
        assert posted == []  # the echo of the state: nothing goes back up

        days.focus()
        await pilot.press("down")
        day_view.table.focus()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert said(app) == [
            ("Highlighted", "days", "2025-10-21"),  # (the days had the focus already)
            ("Highlighted", "events-table", "e5"),  # focus selects the row it is on
            ("Highlighted", "events-table", "e4"),
            ("Selected", "events-table", "e4"),
        ]
        assert len(said(app)) == len(app.messages) == len(posted)

        # New rows keep the cursor on the state's row; still nothing announced.
        before = len(posted)
        day_view.listing = DayListing(EVENTS[3:], "")
        await pilot.pause()
        assert day_view.table.cursor == 2 and len(posted) == before
