"""Reading what the app shows, as plain text."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from types import UnionType
from typing import Any

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static

from tui.ui.main.main_screen import MainScreen
from tui.ui.widgets.calendar_header import CalendarHeader
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import EventList


def main_screen(app: App[None]) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


def table_rows(app: App[None]) -> list[list[str]]:
    """The day view's rows as drawn: ICC mark, time, title (one list per event)."""
    rows = main_screen(app).query_one(EventList).rows
    return [["⚖ ICC" if row.icc else "", row.time, row.title] for row in rows]


def drawn_lines(app: App[None], selector: str) -> list[str]:
    """The text of every line a line-API widget paints now."""
    widget = main_screen(app).query_one(selector)
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def titles(app: App[None]) -> list[str]:
    return [row[2].split("\n")[0] for row in table_rows(app)]


def day_counts(app: App[None]) -> list[int]:
    """The count shown beside each day."""
    return [row.count for row in main_screen(app).query_one(DayList).rows]


def option_texts(app: App[None], selector: str) -> list[str]:
    widget = main_screen(app).query_one(selector, OptionList)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def shown(app: App[None], selector: str) -> str:
    """The plain text of a Static on the top screen."""
    return str(app.screen.query_one(selector, Static).render())


def details(app: App[None]) -> str:
    return str(main_screen(app).query_one("#details-text", Static).render())


def header(app: App[None]) -> str:
    """The header line as drawn at the screen's width."""
    return str(main_screen(app).query_one(CalendarHeader).render())


def key_event(key: str) -> events.Key:
    """The event a terminal sends for ``key``, built as Pilot builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def send_burst(app: App[None], keys: list[str]) -> None:
    """Post ``keys`` at once, as a paste or a laggy link delivers them, without waiting
    for the app to handle any of them (Pilot's ``press`` waits after each key)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)


def screen_lines(app: App[None]) -> list[str]:
    """The whole terminal as plain text, one string per line, trailing blanks cut."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]


def showing(app: App[Any], kind: type[Screen[Any]] | UnionType) -> bool:
    """The screen on top is of this kind and composed. A pushed screen is `app.screen` at
    once but mounts its widgets later: querying it before then raises NoMatches."""
    screen = app.screen
    return isinstance(screen, kind) and screen.is_mounted


async def until(pilot: Pilot[Any], condition: Callable[[], bool], tries: int = 2400) -> None:
    """Let the app run until ``condition`` holds: at most ``tries`` short pauses (two
    minutes on a loaded machine), then the test fails. Never a fixed sleep."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")
