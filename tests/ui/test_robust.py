"""Regressions the monkey test found: each input here once stopped the app."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from tests.ui.conftest import MakeApp
from tests.ui.helpers import main_screen, send_burst
from tests.ui.test_living import until


async def test_page_key_in_the_command_palette_before_its_list_is_laid_out(
    make_app: MakeApp,
) -> None:
    """ctrl+p, a letter and pagedown in one burst: Textual's OptionList raised KeyError
    because its list had options but no size yet."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        send_burst(app, ["ctrl+p", "a", "pagedown", "pageup"])
        await pilot.pause()
        assert app.is_running and not app.crashed
        await pilot.press("escape")
        assert app.screen is main_screen(app)


async def test_enter_twice_in_the_command_palette_runs_the_command_once(
    make_app: MakeApp,
) -> None:
    """ctrl+p, 'kaz' and enter twice in one burst: the second enter dismissed the palette
    again, popped the main screen and stopped the app (ScreenStackError)."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        send_burst(app, ["ctrl+p", "k", "a", "z", "enter", "enter"])
        await until(lambda: main_screen(app).browse.filter.countries == {"KZ"})
        await pilot.pause()
        assert app.is_running and not app.crashed
        assert app.screen is main_screen(app)
        assert main_screen(app).browse.filter.countries == {"KZ"}


async def test_a_search_reaching_a_closing_command_palette(make_app: MakeApp) -> None:
    """A key that reached the palette as it closed started a search that looked for the
    palette's list after the list was gone: NoMatches in a worker stopped the app. (The
    race depends on timing, so the test removes the list as closing does.)"""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await palette.query_one(CommandList).remove()
        palette._gather_commands("kaz")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.is_running and not app.crashed
