"""Keys typed ahead land where slow keys land.

Each burst is posted to the driver at once (`send_burst`), as a paste or a laggy link
delivers it: no key waits for the one before it to be handled. Typed slowly, each of these
does what its name says; before the typed-ahead queue, the keys after the one that opens
a dialog or moves the focus landed in the old place.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from tests.ui.conftest import MakeApp
from tests.ui.helpers import main_screen, send_burst, showing, until
from tests.ui.test_living import open_app
from tui.core.loading.load import bundled_calendar
from tui.ui.form.event_form_modal import EventFormModal

SIZE = (120, 36)


async def test_c_then_a_name_then_enter_filters_by_that_name(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        send_burst(app, ["c", "k", "a", "z", "enter"])
        await until(lambda: screen.browse.filter.countries == {"KZ"} and app.screen is screen)
        await pilot.pause()
        assert screen.browse.filter.countries == {"KZ"}


async def test_a_search_then_enter_then_next_day(make_app: MakeApp) -> None:
    """Aliyev's events are on 9 and 10 October: the search settles on the 9th (the first
    day it shows), enter leaves the search line, and ] goes on to the 10th."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        search = screen.query_one("#search", Input)
        send_burst(app, ["slash", *"aliyev", "enter", "right_square_bracket"])
        await until(lambda: screen.browse.day == date(2025, 10, 10) and app.focused is not search)
        await pilot.pause()
        assert screen.browse.filter.text == "aliyev"
        assert search.value == "aliyev"
        assert screen.browse.day == date(2025, 10, 10)


async def test_tab_in_the_new_event_form_moves_before_the_next_keys(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        send_burst(app, ["n", *"abc", "tab", "tab", "tab", *"19:30"])
        await until(lambda: showing(app, EventFormModal))
        form = app.screen
        await until(lambda: bool(form.query("#field-start")))
        start = form.query_one("#field-start", Input)
        await until(lambda: start.value == "19:30")
        await pilot.pause()
        assert form.query_one("#field-title", Input).value == "abc"


async def test_e_then_typing_goes_into_the_export_path(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        send_burst(app, ["e", "end", *"-copy"])
        await until(lambda: bool(app.screen.query("#export-path")))
        field = app.screen.query_one("#export-path", Input)
        await until(lambda: field.value.endswith("-copy"))
        await pilot.pause()
        assert field.value.endswith(".ics-copy")


async def test_the_palette_then_a_name_then_enter_runs_that_command(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        send_burst(app, ["ctrl+p", *"filter by country: kaz", "enter"])
        await until(lambda: screen.browse.filter.countries == {"KZ"} and app.screen is screen)
        await pilot.pause()
        assert screen.browse.filter.countries == {"KZ"}


@pytest.mark.parametrize("turns", range(8))
async def test_keys_still_waiting_when_the_app_exits_are_dropped_not_a_crash(
    make_app: MakeApp, turns: int
) -> None:
    """Keys held behind a slow one when the app shuts down have no screen left to land on:
    they are dropped and the app ends cleanly, not with "No screens on stack" (the
    monkey's end met it on a loaded machine). Where the shutdown meets the keys depends on
    the loop's turns, so it is tried at several."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        send_burst(app, ["ctrl+p", *"filter by", "escape", *"]]]]]]]]]]tt]]]]]]"])
        for _ in range(turns):
            await asyncio.sleep(0)
        await pilot.pause()
        assert app.typed_ahead._held  # leaving run_test shuts the app down: keys still wait
    assert not app.crashed


async def test_keys_typed_while_the_form_saves_land_once_it_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+s takes the form's fields as they are; what follows in the burst waits for the
    save: here `q` quits once the event is in the file. Before, `12q` went into a title
    already saved, and was lost when the form closed."""
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    real_save_call = EventFormModal.save_call

    def slow_save_call(form: EventFormModal, replace_broken: bool) -> Callable[[], Any]:
        save = real_save_call(form, replace_broken)

        def slowly() -> Any:
            time.sleep(0.5)  # a large calendar's save: the form stays up meanwhile
            return save()

        return slowly

    monkeypatch.setattr(EventFormModal, "save_call", slow_save_call)
    app = open_app(path)
    async with app.run_test(size=SIZE):
        send_burst(app, ["n", *"Quick", "ctrl+s", *"12", "q"])
        await until(lambda: not app.is_running, seconds=20)
    assert 'title = "Quick"' in path.read_text(encoding="utf-8")
