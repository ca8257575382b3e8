"""`diplocal serve` in a real headless chromium: the first screen, keys, two tabs on one file,
read-only mode, downloads and links. Each test starts its own server on a free port on
127.0.0.1, and its browser reaches nothing else."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import BrowserContext, Download

from tests.serve.browser import (
    click_text,
    day_shown,
    group_alive,
    keep_local,
    open_tab,
    screen_text,
    served,
    wait_for,
)
from tui.core.loading.load import load_calendar

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_the_first_screen_appears_and_a_key_changes_the_day(
    context: BrowserContext, calendar_file: Path
) -> None:
    with served(calendar_file) as (url, printed, _):
        assert f"diplocal serves events.toml at {url}\n" in printed
        page = context.new_page()
        open_tab(page, url)
        first = wait_for(page, lambda text: "Putin's state visit to Tajikistan" in text)
        assert day_shown(first) == "Wed 8 Oct"
        page.keyboard.press("]")
        wait_for(page, lambda text: day_shown(text) == "Thu 9 Oct")


def test_the_mouse_chooses_an_event_and_a_smaller_window_relays_out(
    context: BrowserContext, calendar_file: Path
) -> None:
    wreath = "Wreath-laying at the Ismoil Somoni monument"
    with served(calendar_file) as (url, _, _):
        page = context.new_page()
        open_tab(page, url)
        assert wreath not in details_title(wait_for(page, lambda text: details_title(text) != ""))
        click_text(page, wreath)  # the day's second event: the details follow it
        wait_for(page, lambda text: wreath in details_title(text))
        title = "Putin's state visit to Tajikistan, October 2025"
        assert title in screen_text(page)
        page.set_viewport_size({"width": 640, "height": 480})
        # Laid out again for about 70 columns: the header cuts the calendar's title to fit
        # (how much depends on the real clock: "ended 1 year ago" takes room once it is past).
        cut = re.compile(r"Putin's state vis[^…\n]*…  Filter: none  Zone: venue time")
        shown = wait_for(page, lambda text: cut.search(text) is not None)
        assert title not in shown


def details_title(text: str) -> str:
    """The row under the details pane's top border: the title of what it is about."""
    rows = text.splitlines()
    return next((rows[n + 1] for n, row in enumerate(rows[:-1]) if "Details ──" in row), "")


def test_ctrl_c_stops_the_server_and_every_tabs_app(
    context: BrowserContext, calendar_file: Path
) -> None:
    with served(calendar_file) as (url, _, server):
        open_tab(context.new_page(), url)
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=60) == 0
        deadline = time.monotonic() + 60
        while group_alive(server.pid):
            assert time.monotonic() < deadline, "a tab's app outlived the server"
            time.sleep(0.1)


@pytest.mark.parametrize(
    ("key", "shows"),
    [
        ("Control+p", "Search for commands"),  # not the browser's print dialog
        ("?", "Keys"),
        ("/", "Search titles, places, people"),
    ],
)
def test_the_apps_keys_reach_the_app(
    context: BrowserContext, calendar_file: Path, key: str, shows: str
) -> None:
    with served(calendar_file) as (url, _, _):
        page = context.new_page()
        open_tab(page, url)
        assert shows not in wait_for(page, lambda text: "Putin" in text)
        page.keyboard.press(key)
        wait_for(page, lambda text: shows in text)


def test_an_edit_in_one_tab_reaches_the_other(context: BrowserContext, calendar_file: Path) -> None:
    with served(calendar_file) as (url, _, _):
        one, two = context.new_page(), context.new_page()
        open_tab(one, url)
        open_tab(two, url)
        arrival = "Putin arrives in Dushanbe"
        before = wait_for(two, lambda text: arrival in text)
        assert "CANCELLED" not in before
        # Tab one: d cancels the selected event (the day's first), y confirms it.
        wait_for(one, lambda text: "Details ──" in text and arrival in text)
        one.keyboard.press("d")
        wait_for(one, lambda text: "Cancel" in text and arrival in text)
        one.keyboard.press("y")
        # Tab two follows the file: the event shows cancelled there within seconds.
        wait_for(two, lambda text: "Status: CANCELLED" in text)
        assert 'status = "cancelled"' in calendar_file.read_text(encoding="utf-8")


def test_read_only_n_does_nothing_and_says_why(
    context: BrowserContext, calendar_file: Path
) -> None:
    before = calendar_file.read_bytes()
    with served(calendar_file, "--read-only") as (url, printed, _):
        assert f"diplocal serves events.toml (read-only) at {url}\n" in printed
        page = context.new_page()
        open_tab(page, url)
        page.keyboard.press("n")
        shown = wait_for(page, lambda text: "Read-only:" in text)
        assert "Save" not in shown  # no event form
    assert calendar_file.read_bytes() == before


def test_a_viewer_sees_the_calendar_by_name_not_by_path(
    context: BrowserContext, calendar_file: Path
) -> None:
    """An error in the file is located as events.toml:LINE:COL, without the server's folders."""
    with served(calendar_file, "--read-only") as (url, _, _):
        page = context.new_page()
        open_tab(page, url)
        text = calendar_file.read_text(encoding="utf-8")
        calendar_file.write_text(text.replace('kind = "travel"', "kind = 7", 1), encoding="utf-8")
        wait_for(page, lambda shown: "error" in shown.lower())
        page.keyboard.press("w")
        shown = wait_for(page, lambda shown: "events.toml:" in shown)
        assert str(calendar_file.parent) not in shown


def test_read_only_export_is_a_download_in_the_browser(
    context: BrowserContext, calendar_file: Path
) -> None:
    """e hands the .ics to the viewer's browser; nothing is written beside the calendar."""
    downloads: list[Download] = []

    def keep(download: Download) -> None:
        downloads.append(download)

    # Every tab of the context: this one and the one textual.js opens for the download.
    context.on("page", lambda tab: tab.on("download", keep))
    with served(calendar_file, "--read-only") as (url, _, _):
        page = context.new_page()
        open_tab(page, url)
        page.keyboard.press("e")
        wait_for(page, lambda text: "Downloading putin-tajikistan-2025.ics" in text)
        wait_for(page, lambda _: bool(downloads))
        [download] = downloads
        assert download.suggested_filename == "putin-tajikistan-2025.ics"
        exported = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    events = load_calendar(calendar_file).calendar.events
    assert len(exported.walk("VEVENT")) == len(events)
    assert sorted(p.name for p in calendar_file.parent.iterdir()) == ["events.toml"]


def test_a_link_opens_in_the_viewers_browser(context: BrowserContext, calendar_file: Path) -> None:
    """o asks the browser to open the source: a new tab on it, not a program on the server."""
    sources = load_calendar(calendar_file).calendar.events[0].sources
    assert len(sources) > 1  # the first event, selected at start, has several: o asks which
    asked: list[str] = []
    keep_local(context, seen=asked)
    with served(calendar_file, "--read-only") as (url, _, _):
        page = context.new_page()
        open_tab(page, url)
        page.keyboard.press("o")
        wait_for(page, lambda text: "Open which source?" in text)
        with context.expect_page() as opened:
            page.keyboard.press("Enter")
        assert opened.value.url == sources[0]
    assert sources[0] in asked
