"""Reading what the app shows, as plain text; waiting for what the app does next."""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections.abc import Awaitable, Callable
from types import UnionType
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.command import CommandInput, CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets._footer import FooterKey

from tui.ui.main.main_screen import MainScreen
from tui.ui.widgets.calendar_header import CalendarHeader
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import EventList
from tui.ui.widgets.fitted_footer import FittedFooter

S = TypeVar("S", bound=Screen[Any])
WAIT = 60.0  # seconds a condition may take: only reached when something is wrong


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


async def until(condition: Callable[[], object], seconds: float = WAIT) -> None:
    """Let the app run until ``condition()`` holds: a worker's answer, a file event, a
    timer, a pushed screen. Never a fixed wait: the limit is only reached on failure, so it
    is generous for a loaded two-core machine. A condition that looks for a widget not
    mounted yet (NoMatches) counts as not yet, and is said if it never holds."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
            looked: NoMatches | None = None
        except NoMatches as error:
            looked = error
        if time.monotonic() > deadline:
            raise AssertionError(f"the condition never held in {seconds:.0f} s") from looked
        await asyncio.sleep(0.05)


async def pushed(app: App[Any], kind: type[S]) -> S:
    """The screen of this kind on top, once it is composed (see `showing`): for a key
    that opens a dialog, before the test looks inside it."""
    await until(lambda: showing(app, kind))
    screen = app.screen
    assert isinstance(screen, kind)
    return screen


def palette_prompts(app: App[Any]) -> list[str]:
    """The command palette's hits as listed now ([] until it is open and composed)."""
    palette = app.screen
    if not (isinstance(palette, CommandPalette) and palette.is_mounted):
        return []
    hits = palette.query_one(CommandList)
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


def palette_searched(app: App[Any], typed: str) -> bool:
    """The palette holds ``typed`` and its search for it has answered: no search worker
    is left (each key starts one). For a test that asserts what is *not* listed."""
    palette = app.screen
    if not (isinstance(palette, CommandPalette) and palette.is_mounted):
        return False
    searching = any(worker.node is palette and not worker.is_finished for worker in app.workers)
    typed_in = palette.query_one(CommandInput).value == typed
    return typed_in and not searching and palette.has_class("-ready")


def footer_laid_out(app: App[Any]) -> bool:
    """The main screen's footer is drawn, for the width and the keys in force now. Textual
    lays it out again a refresh after the focus or the size changes: a pause may find it
    empty (or still showing the keys of before)."""
    screen = main_screen(app)
    footer = screen.query_one(FittedFooter)
    active = {b.action for _node, b, _on, _tip in screen.active_bindings.values() if b.show}
    keys = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
    return (
        footer._laid_for == app.size.width
        and bool(keys)
        and all(key.action in active and key.region.width > 0 for key in keys)
        and screen_lines(app)[-1] != ""
    )


async def drawn(pilot: Pilot[Any]) -> None:
    """Wait until the screen holds still: two looks a pause apart find the same lines, with
    the footer laid out. A key's effects reach the screen over several refreshes (a scroll
    after a refresh, the footer laid out again): one pause may read it half drawn."""
    app = pilot.app
    deadline = time.monotonic() + WAIT
    before: list[str] | None = None
    while True:
        await pilot.pause()
        now = screen_lines(app)
        footer = not isinstance(app.screen, MainScreen) or footer_laid_out(app)
        if now == before and footer:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the screen never held still in {WAIT:.0f} s")
        before = now


def pressed(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A snapshot's ``run_before``: press ``keys``, then wait for the screen to hold still.
    snap_compare's own pauses may take the picture before the footer is laid out."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await drawn(pilot)

    return run_before
