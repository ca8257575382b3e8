"""At 80x24, the size most terminals open at, nothing that carries meaning is cut: the
screen is read as plain text, as a user reads it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from tests.ui.conftest import MakeApp
from tests.ui.helpers import drawn, footer_laid_out, main_screen, showing, until
from tests.ui.plain_screen import screen_lines, screen_text
from tests.ui.test_living import open_app
from tui.core.loading.load import bundled_calendar
from tui.core.present.state import View
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.help_modal import HelpModal

SIZE = (80, 24)


def events_pane(lines: list[str]) -> str:
    """The events pane's inside (right of the navigation column), top to bottom."""
    start = next(n for n, line in enumerate(lines) if "Events ·" in line)
    end = next(n for n in range(start + 1, len(lines)) if "╰" in lines[n][30:])
    return "\n".join(line[31:79] for line in lines[start + 1 : end])


@pytest.mark.parametrize(
    ("zone_keys", "times"),
    [
        (("z",), ("02:00\u2013≈02:55", "from ≈07:30")),  # New York: 11:00 there is 02:00
        (("z", "z"), ("06:00\u2013≈06:55", "from ≈11:30")),  # UTC
    ],
)
async def test_day_view_times_and_zone_notes_are_whole(
    make_app: MakeApp, zone_keys: tuple[str, ...], times: tuple[str, str]
) -> None:
    """Thursday in the viewer's zone and in UTC: every part of day is venue time, said by
    a note that wraps under its time; no time is cut, the titles give way instead."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*zone_keys, "right_square_bracket")
        await drawn(pilot)
        pane = events_pane(screen_lines(app))
        assert all(time in pane for time in times), pane
        assert re.search("afternoon\u2013evening" r" .*\n {6}\(Asia/Dushanbe\) ", pane), pane
        await pilot.press("end")  # the day's last rows
        await drawn(pilot)
        end = events_pane(screen_lines(app))
        assert re.search(r"evening( .*\n {6}| )\(Asia/Dushanbe\) ", end), end
        pane += "\n" + end
        # Only a title or facts line, at its end, is shortened.
        assert not re.search(r"….*\w", pane), pane


async def test_day_view_first_day_in_venue_time(make_app: MakeApp) -> None:
    """Wednesday in venue time: "under way at ≈…" is whole and the titles shorten."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await drawn(pilot)
        pane = events_pane(screen_lines(app))
        assert "⚖ ICC under way at ≈22:38 " in pane, screen_text(app)
        assert "⚖ ICC evening " in pane


def help_words(app: DiplocalApp) -> list[str]:
    """The help's lines inside its border, without the border and the scrollbar."""
    region = app.screen.query_one("#help-dialog").region.shrink((1, 1, 1, 1))
    lines = screen_lines(app)[region.y : region.bottom]
    return [line[region.x : region.right].strip(" ▁▂▃▄▅▆▇█") for line in lines]


async def open_help(app: DiplocalApp, pilot: Pilot[None]) -> list[str]:
    await pilot.press("question_mark")
    await until(lambda: showing(app, HelpModal))
    await drawn(pilot)
    return help_words(app)


async def test_help_says_what_enter_does_on_an_event_and_scrolls_to_its_end(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """On an event in a file that can be written, enter edits it; the help's first screen
    shows that, and the end (↓ to the last line) shows the country filter's keys whole."""
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        first = await open_help(app, pilot)
        assert re.search(r"^⏎ +Edit the event$", "\n".join(first), re.M), first
        assert "Keys" in first[1]
        await pilot.press("end")
        await drawn(pilot)
        last = " ".join(" ".join(help_words(app)).split())
        assert last.endswith(
            "In the country filter: type to narrow, ↑ ↓ move, ctrl+t ticks several, "
            "enter applies. escape closes this."
        ), last
        await pilot.press("home")
        await drawn(pilot)
        assert help_words(app) == first


async def test_help_scrolls_with_the_mouse_wheel(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first = await open_help(app, pilot)
        dialog = app.screen.query_one("#help-dialog")
        for _ in range(3):
            dialog.post_message(events.MouseScrollDown(dialog, 5, 5, 0, 0, 0, False, False, False))
        await drawn(pilot)
        assert dialog.scroll_y > 0 and help_words(app) != first


async def test_help_on_a_calendar_that_cannot_be_edited_says_enter_reads(
    make_app: MakeApp,
) -> None:
    """The bundled calendar opened without a path cannot be written: enter reads, and the
    editing keys say they do nothing here."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        words = "\n".join(await open_help(app, pilot))
        assert re.search(r"^⏎ +Read the event's details$", words, re.M), words
        assert "Edit the event" not in words
        dialog = app.screen.query_one("#help-dialog")
        while dialog.scroll_y < dialog.max_scroll_y:  # every line, a page at a time
            await pilot.press("pagedown")
            await drawn(pilot)
            words += "\n".join(help_words(app))
        assert "Cancel the event (not here: read-only)" in words


@pytest.mark.parametrize("keys", [(), ("t",), ("a",), ("tab",)])
async def test_the_footer_keeps_help_and_quit_in_every_view(
    make_app: MakeApp, keys: tuple[str, ...]
) -> None:
    """Day, timeline, whole visit, details: `? Help` and `q Quit` are shown whole, no key
    runs under the palette's key, and the last column stays empty."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await until(lambda: footer_laid_out(app))
        footer = screen_lines(app)[-1]
        assert "? Help q Quit" in footer, footer
        assert footer.endswith("▏^p palette"), footer
        assert len(footer) < 80


async def test_the_footer_fits_again_after_a_resize(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await until(lambda: footer_laid_out(app))
        await pilot.resize_terminal(*SIZE)
        await until(lambda: footer_laid_out(app))
        footer = screen_lines(app)[-1]
        assert "? Help q Quit" in footer and footer.endswith("▏^p palette"), footer
        assert len(footer) < 80


async def test_no_text_touches_a_scrollbar(make_app: MakeApp) -> None:
    """The participants, countries, events and details all scroll at 80x24; a column of
    gap stays between each one's text and its scrollbar."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z", "right_square_bracket")
        await drawn(pilot)
        lines = screen_lines(app)
        bars = [line for line in lines if re.search("[▁▂▃▄▅▆▇]{2}", line)]
        assert len(bars) >= 4, "\n".join(lines)  # a scrollbar's thumb in each pane
        touching = [line for line in bars if re.search(r"[^\s▁▂▃▄▅▆▇█][▁▂▃▄▅▆▇█]{2}", line)]
        assert touching == [], "\n".join(lines)


async def test_source_urls_break_between_their_parts(make_app: MakeApp) -> None:
    """A URL wider than the details pane breaks after a slash or '?', never mid-word, and
    its pieces put together are the whole URL (o and y act on the URL itself)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "end")  # the details, scrolled to the sources
        await drawn(pilot)
        inside = [line[31:79].strip(" ▁▂▃▄▅▆▇█") for line in screen_lines(app)[12:22]]
        pieces = inside[inside.index("Sources") + 1 :]
        urls: list[str] = []
        for piece in pieces:
            if piece.startswith("https://"):
                urls.append(piece)
            else:
                assert urls[-1][-1] in "/?&#-", inside  # broken at a separator
                urls[-1] += piece
        assert "https://www.rbc.ru/politics/08/10/2025/68e6627a9a7947303c611400" in urls
        assert "https://centrasia.org/newsA.php?st=1759970820" in urls, inside
        assert len(pieces) > len(urls)  # some did not fit on one line


async def test_escape_goes_back_to_the_day_view_from_the_timeline_and_whole_visit(
    make_app: MakeApp,
) -> None:
    """Found by a new user: escape did not leave the timeline (only `t` again did). It
    first shows every pane again when one is maximized, then goes back to the day."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        for key in ("t", "a"):
            await pilot.press(key, "m")
            await pilot.pause()
            await pilot.press("escape")  # the maximized pane back among the others
            await pilot.pause()
            assert screen.browse.view is not View.DAY
            await pilot.press("escape")
            await pilot.pause()
            assert screen.browse.view is View.DAY, key
