"""Regressions the monkey test found: each input here once stopped the app."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from tests.ui.conftest import MakeApp
from tests.ui.helpers import main_screen, pushed, send_burst, until


async def test_page_key_in_the_command_palette_before_its_list_is_laid_out(
    make_app: MakeApp,
) -> None:
    """ctrl+p, a letter and pagedown in one burst: Textual's OptionList raised KeyError
    because its list had options but no size yet."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        send_burst(app, ["ctrl+p", "a", "pagedown", "pageup"])
        # Under load the palette may open after one pause: wait for it (or for a crash),
        # so escape closes the palette rather than reaching the main screen before it.
        await until(lambda: not app.is_running or isinstance(app.screen, CommandPalette))
        await pilot.pause()
        assert app.is_running and not app.crashed
        await pilot.press("escape")
        await until(lambda: app.screen is screen)
        assert app.is_running and not app.crashed


async def test_enter_twice_in_the_command_palette_runs_the_command_once(
    make_app: MakeApp,
) -> None:
    """ctrl+p, 'kaz' and enter twice in one burst: the second enter dismissed the palette
    again, popped the main screen and stopped the app (ScreenStackError)."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        send_burst(app, ["ctrl+p", "k", "a", "z", "enter", "enter"])
        screen = main_screen(app)
        # The palette searches in a worker: under load one pause is not enough for the
        # command to run. Wait for the state the burst leads to (or for the app to stop).
        await until(
            lambda: (
                not app.is_running
                or (app.screen is screen and screen.browse.filter.countries == {"KZ"})
            )
        )
        await pilot.pause()
        assert app.is_running and not app.crashed
        assert app.screen is screen
        assert screen.browse.filter.countries == {"KZ"}


async def test_a_search_reaching_a_closing_command_palette(make_app: MakeApp) -> None:
    """A key that reached the palette as it closed started a search that looked for the
    palette's list after the list was gone: NoMatches in a worker stopped the app. (The
    race depends on timing, so the test removes the list as closing does.)"""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        palette = await pushed(app, CommandPalette)
        await palette.query_one(CommandList).remove()
        palette._gather_commands("kaz")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.is_running and not app.crashed


async def test_the_no_matches_countdown_of_a_closed_command_palette(make_app: MakeApp) -> None:
    """ctrl+p, a search with no hits and the palette closing before its 'No matches'
    countdown ran out: the countdown looked for the list after the palette had removed it
    (NoMatches in a timer: the app stopped). The monkey found it with chunked seeds."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        palette = await pushed(app, CommandPalette)
        palette._start_no_matches_countdown("no such command")
        timer = palette._no_matches_timer
        assert timer is not None
        await palette.query_one(CommandList).remove()  # as closing does
        await until(lambda: timer._task is None or timer._task.done())  # it ran out
        await pilot.pause()
        assert app.is_running and not app.crashed
