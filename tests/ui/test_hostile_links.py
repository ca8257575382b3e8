"""Planted links: only an http(s) source becomes a terminal hyperlink (OSC 8); a file:,
javascript:, data: or ftp: one is plain text. `o` and `y` act on the source as the file has
it (a 2,000+ character URL whole, its newline and U+202E too), never on the shortened,
made-safe form the screen and the notices show; `o` refuses what is not http(s)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from tests.conftest import BASE
from tests.ui.conftest import NOW, VIEWER_ZONE
from tests.ui.helpers import details, pushed, until
from tests.ui.test_editing_keys import record_notices
from tests.ui.test_hostile_terminal import FORBIDDEN, NON_WEB_LINK, Terminal
from tui.core.loading.load import load_calendar
from tui.core.present.details import event_details
from tui.core.text import link_target
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.source_picker import SourcePicker
from tui.ui.render import details_text

WEB = "https://example.org/talks"
LONG = "https://example.org/" + "a" * 2_100 + "/end"
NEWLINE = "https://example.org/one\ntwo"
FLIPPED = "https://example.org/\u202egnp.exe"
OTHERS = [
    "file:///etc/passwd",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.org/x",
]
RIDING = "https://a.example/\x1b]8;;file:///etc/passwd\x1b\\"  # an escape on an https URL
SOURCES = [WEB, *OTHERS, LONG, NEWLINE, FLIPPED, RIDING]


def calendar_file(tmp_path: Path, sources: list[str]) -> Path:
    document = tomllib.loads(BASE)
    for event in document["events"]:  # whichever is selected first has them
        event["sources"] = sources
    path = tmp_path / "cal.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


def test_only_http_sources_are_link_targets() -> None:
    assert link_target(WEB) == WEB
    assert link_target("HTTP://example.org/") == "HTTP://example.org/"
    for url in [*OTHERS, LONG, NEWLINE, FLIPPED, RIDING, "https://a.example/x y"]:
        assert link_target(url) == "", url


def test_only_http_sources_are_drawn_as_hyperlinks(tmp_path: Path) -> None:
    calendar = load_calendar(calendar_file(tmp_path, SOURCES)).calendar
    index = CalendarIndex(calendar)
    talks = calendar.events[index.position["talks"]]
    lines = event_details(index, talks, ZoneMode.EVENT, get_zone(VIEWER_ZONE), NOW)
    console = Console(width=80, color_system="truecolor", force_terminal=True)
    segments = list(console.render(details_text(lines)))
    linked = {segment.style.link for segment in segments if segment.style and segment.style.link}
    assert linked == {WEB}
    shown = "".join(segment.text for segment in segments)
    assert "file:///etc/passwd" in shown and "javascript:alert(1)" in shown  # as plain text
    with console.capture() as captured:
        console.print(details_text(lines))
    written = captured.get().encode()
    assert b"\x1b]8;" in written  # the one http link, so the next check could fail
    assert not NON_WEB_LINK.search(written)
    assert "\u202e".encode() not in written and "<U+202E>" in shown


def make(tmp_path: Path) -> DiplocalApp:
    calendar = load_calendar(calendar_file(tmp_path, SOURCES)).calendar
    return DiplocalApp(calendar, local_zone=get_zone(VIEWER_ZONE), clock=lambda: NOW)


async def choose(
    app: App[None], pilot: Pilot[None], said: list[str], key: str, position: int
) -> str:
    """Press ``key`` on the selected event, pick the source at ``position`` in the picker,
    and return what the app said of it (each choice says something, once it is handled)."""
    before = len(said)
    await pilot.press(key)
    await pushed(app, SourcePicker)
    await pilot.press(*["down"] * position, "enter")
    await until(lambda: len(said) > before)
    return said[-1]


async def test_o_and_y_act_on_the_source_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("tui.ui.main.links.open_url", lambda url: opened.append(url) or True)
    app = make(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # the events list; its event has the sources
        await pilot.pause()
        assert "(124 more characters)" in details(app)  # the long one, shortened on screen
        notices = record_notices(app)  # all of them: a notice on screen times out
        said: list[str] = []
        for position, url in enumerate(SOURCES):
            if url in (LONG, NEWLINE, FLIPPED, RIDING):
                said.append(await choose(app, pilot, notices, "o", position))
                assert opened[-1] == url
                said.append(await choose(app, pilot, notices, "y", position))
                assert app.clipboard == url
        shown = "\n".join(said)
        assert len(said) == 8 and all(len(notice) < 200 for notice in said)
        assert "\x1b" not in shown
        assert "more characters" in shown  # the long one, shortened in the notice
        assert "\u202e" not in shown and "<U+202E>" in shown
        assert "https://example.org/one two" in shown and "one\ntwo" not in shown


async def test_o_refuses_what_is_not_http(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("tui.ui.main.links.open_url", lambda url: opened.append(url) or True)
    app = make(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        notices = record_notices(app)
        refused = []
        for position in range(1, 1 + len(OTHERS)):
            refused.append(await choose(app, pilot, notices, "o", position))
        assert opened == []
        assert all(n.startswith("Only http(s) links are opened: press y") for n in refused)
        assert all("\x1b" not in notice for notice in refused)
        await choose(app, pilot, notices, "y", 1)  # copying one is fine: it is the user's to paste
        assert app.clipboard == "file:///etc/passwd"


def test_the_terminal_gets_no_link_but_http(tmp_path: Path) -> None:
    calendar = calendar_file(tmp_path, SOURCES)
    terminal = Terminal(calendar, tmp_path, rows=60)  # every source in the details
    try:
        terminal.read_until(b"Talks")
        terminal.press(b"2")  # the events list: the details show the sources
        terminal.read_until(b"ftp://example.org/x")
        terminal.read_until(b"\x1b]8;")  # the http source, a hyperlink
    finally:
        terminal.close()
    written = bytes(terminal.written)
    assert not NON_WEB_LINK.search(written), NON_WEB_LINK.search(written)
    for forbidden in FORBIDDEN:
        assert forbidden not in written, forbidden
