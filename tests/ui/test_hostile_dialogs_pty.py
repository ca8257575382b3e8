"""Dialogs that quote the data, run in a real pseudo-terminal: the country dialog's title
"Filter by country (now: <name>)", the question "Discard your changes to <title>?", and a
hostile file NAME in `diplocal new`'s error, in the "does not exist. Create..." dialog (and
what the command says when it is cancelled) and on the loading screen. The bytes the app
writes hold no OSC, CSI, C1, bidi or invisible character from the data."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from tests.conftest import BASE
from tests.ui.test_hostile_terminal import FORBIDDEN, NON_WEB_LINK, PAYLOAD, Terminal
from tui.cli import IN_APP_SIZE

SHOWN = "T␛]52;c;Y3VybA==␇".encode()  # the payload's start as the screen must show it
HOSTILE_NAME = PAYLOAD.replace("/", "") + ".toml"


def clean(terminal: Terminal) -> None:
    written = bytes(terminal.written)
    for forbidden in FORBIDDEN:
        assert forbidden not in written, forbidden
    assert not NON_WEB_LINK.search(written)


def calendar_file(tmp_path: Path, name: str = "cal.toml", **changes: object) -> Path:
    document = tomllib.loads(BASE)
    document["countries"]["TJ"]["name"] = changes.get("country", "Tajikistan")
    document["events"][0]["title"] = changes.get("title", "Talks")
    path = tmp_path / name
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


def test_the_country_dialog_title_quotes_a_hostile_name(tmp_path: Path) -> None:
    calendar = calendar_file(tmp_path, country=PAYLOAD)
    terminal = Terminal(calendar, tmp_path)
    try:
        terminal.read_until(b"Talks")
        terminal.press(b"c")
        terminal.read_until(b"name, code or alias")
        terminal.press(b"TJ")
        terminal.read_until(b"Y3VybA==")  # the hostile name, listed
        terminal.press(b"\r")  # filtered by it
        terminal.read_until(b"Filter")
        terminal.press(b"c")  # again: its title names the filter now
        terminal.read_until(b"Filter by country (now:")  # the name may wrap to the next line
    finally:
        terminal.close()
    clean(terminal)


def test_the_discard_question_quotes_a_hostile_title(tmp_path: Path) -> None:
    calendar = calendar_file(tmp_path, title=PAYLOAD)
    before = calendar.read_bytes()
    terminal = Terminal(calendar, tmp_path)
    try:
        terminal.read_until(b"Y3VybA==")
        terminal.press(b"\r")  # the form on the selected event
        terminal.read_until(b"Save (ctrl+s)")
        terminal.press(b"\x1b[F!")  # end, then a change in the title; escape: asked first
        terminal.read_until(b"!")
        asked = len(terminal.written)
        terminal.press(b"\x1b")
        terminal.read_until(b"Discard your changes to")  # the title wraps to the next line
        terminal.read_until(b'"' + SHOWN, since=asked)
        terminal.press(b"y")  # discarded
    finally:
        terminal.close()
    clean(terminal)
    assert calendar.read_bytes() == before


def test_new_says_a_hostile_file_name_as_escapes(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / HOSTILE_NAME
    command = ["new", "--title", PAYLOAD, "--timezone", "UTC", str(target)]
    terminal = Terminal(target, tmp_path, command=command)
    try:
        terminal.read_until(b"error")
        terminal.read_until(b"\\x1b]52;c;Y3VybA==")
    finally:
        assert terminal.close(stop=False) == 1
    clean(terminal)


def test_the_create_dialog_and_its_cancel_quote_a_hostile_file_name(tmp_path: Path) -> None:
    target = tmp_path / HOSTILE_NAME
    terminal = Terminal(target, tmp_path, command=[HOSTILE_NAME])  # in tmp_path
    try:
        terminal.read_until(SHOWN)
        terminal.read_until(b"does not exist. Create a calendar there?")
        terminal.press(b"\x1b")  # cancelled: the command says so, with the name
        terminal.read_until(b"no calendar written")
    finally:
        assert terminal.close(stop=False) == 1
    clean(terminal)
    assert not target.exists()


def test_the_loading_screen_quotes_a_hostile_file_name(tmp_path: Path) -> None:
    calendar = calendar_file(tmp_path, HOSTILE_NAME)
    padding = ("# " + "x" * 98 + "\n") * (IN_APP_SIZE // 100 + 1)
    # Large enough to load in the app, and broken: the screen stays, with its errors.
    calendar.write_text(calendar.read_text() + padding + "oops = [\n", encoding="utf-8")
    terminal = Terminal(calendar, tmp_path, command=[HOSTILE_NAME])  # in tmp_path
    try:
        terminal.read_until(b"Opening")  # the name may wrap to the next line
        terminal.read_until(SHOWN)
        terminal.read_until(b"The calendar does not load")
        terminal.read_until(b"\\x1b]52;c;Y3VybA==")  # the name in the error, as escapes
        terminal.press(b"q")
    finally:
        terminal.close()
    clean(terminal)
