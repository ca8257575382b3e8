"""FIFOs against the real app in a pty. Exporting into a FIFO whose reader takes a little
and then stops reading (its end stays open): escape closes the dialog and cancels the
write, and quitting ends the process at once with status 0 and no traceback. The write
never blocks: before, the worker thread stayed in write() and the process never ended
(asyncio waits for its threads). The calendar replaced by a FIFO while followed: the app
says the file has errors (and, with Pilot, why), keeps the last version, and quitting ends
the process as promptly. And a worker stuck in I/O no one foresaw never keeps it."""

from __future__ import annotations

import os
import stat
import time
import tomllib
from pathlib import Path

import pytest
import tomli_w
from textual.widgets import Input, Label

from tests.conftest import BASE
from tests.stalling_reader import StallingReader
from tests.ui.conftest import MakeApp
from tests.ui.helpers import header, main_screen, pushed, until
from tests.ui.test_hostile_terminal import Terminal
from tests.ui.test_living import open_app
from tui.ui.dialogs.export_modal import ExportModal

HANG = 20.0  # seconds: below files.STALL (30 s), so only a cancelled write ends by then;
# a quit takes about a second, several on a loaded two-core machine
KEY_GAP = 1.0  # seconds after an ESC: Textual reads ESC + a key within 100-200 ms as alt+key


def big_calendar(tmp_path: Path) -> Path:
    """A calendar whose export is far larger than a pipe's buffer (64 KiB)."""
    document = tomllib.loads(BASE)
    document["events"][0]["description"] = "A long description. " * 20_000
    path = tmp_path / "cal.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "leave",
    [
        pytest.param([b"\x1b", b"q"], id="escape-then-q"),
        pytest.param([b"\x11"], id="ctrl+q-with-the-dialog-open"),
    ],
)
def test_an_export_into_a_stalled_fifo_never_keeps_the_app(
    tmp_path: Path, leave: list[bytes]
) -> None:
    fifo = tmp_path / "out.ics"
    os.mkfifo(fifo)
    reader = StallingReader(fifo)
    terminal = Terminal(big_calendar(tmp_path), tmp_path)
    try:
        terminal.read_until(b"Talks")
        terminal.press(b"e")
        terminal.read_until(b"Export 2 events")
        terminal.press(b"\x1b[F\x15" + str(fifo).encode() + b"\r")  # end, clear, the FIFO
        terminal.read_until(b"Press enter again to replace it")
        terminal.press(b"\r")
        terminal.read_until(b"escape cancels")
        assert reader.stalled.wait(30), "the export never reached the FIFO"
        time.sleep(0.5)  # the writer has filled the pipe and waits: the case that hung
        for key in leave[:-1]:
            terminal.press(key)
            time.sleep(KEY_GAP)  # not a wait for the app: a gap between two keys
        started = time.monotonic()
        terminal.press(leave[-1])
        code = terminal.close(stop=False, within=HANG)
        took = time.monotonic() - started
        print(f"quit after {took:.2f} s")  # the figure the report quotes (pytest -s)
    finally:
        reader.close()  # a writer still blocked in write() gets EPIPE, and the test ends
        terminal.close()  # when a step above failed
    assert code == 0, f"ended with {code} after {took:.1f} s"
    assert b"Traceback" not in terminal.written
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# The app with an export whose write blocks for ever and never looks at its cancel: the
# case of any worker stuck in I/O no one foresaw. Quitting must still end the process.
STUCK = """
import sys, threading
import tui.ui.dialogs.export_modal as export_modal
export_modal.write_atomic = lambda *args, **kwargs: threading.Event().wait()
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_worker_stuck_in_io_never_keeps_the_app(tmp_path: Path) -> None:
    terminal = Terminal(BIG := big_calendar(tmp_path), tmp_path, program=["-c", STUCK])
    try:
        terminal.read_until(b"Talks")
        terminal.press(b"e")
        terminal.read_until(b"Export 2 events")
        terminal.press(b"\r")
        terminal.read_until(b"escape cancels")
        terminal.press(b"\x1b")
        time.sleep(KEY_GAP)  # not a wait for the app: a gap between two keys
        started = time.monotonic()
        terminal.press(b"q")
        code = terminal.close(stop=False, within=HANG)
        print(f"quit after {time.monotonic() - started:.2f} s")
    finally:
        terminal.close()
    assert code == 0
    assert b"Traceback" not in terminal.written
    assert BIG.exists()


def test_the_calendar_replaced_by_a_fifo_never_keeps_the_app(tmp_path: Path) -> None:
    calendar = big_calendar(tmp_path)
    terminal = Terminal(calendar, tmp_path)
    try:
        terminal.read_until(b"Talks")
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        os.replace(fifo, calendar)  # the followed file is now a FIFO nobody writes
        terminal.read_until(b"file has errors")  # the follower looked at it, and says so
        started = time.monotonic()
        terminal.press(b"q")
        code = terminal.close(stop=False, within=HANG)
        print(f"quit after {time.monotonic() - started:.2f} s")
    finally:
        terminal.close()
    assert code == 0
    assert b"Traceback" not in terminal.written


async def test_an_export_into_a_fifo_nobody_reads_says_so_at_once(
    make_app: MakeApp, tmp_path: Path
) -> None:
    fifo = tmp_path / "out.ics"
    os.mkfifo(fifo)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("e")
        modal = await pushed(app, ExportModal)
        modal.query_one("#export-path", Input).value = str(fifo)
        await pilot.press("enter", "enter")  # it exists: replace it
        message = modal.query_one("#export-message", Label)
        await until(lambda: "nobody reads" in str(message.render()))
        assert "Cannot write" in str(message.render()) and message.has_class("-error")
        assert modal.running is None  # no worker left waiting on it
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


async def test_the_calendar_replaced_by_a_fifo_says_so_and_keeps_the_last_version(
    tmp_path: Path,
) -> None:
    """The followed file swapped for a FIFO (atomically, as a rename does): the header and
    a notice say the file has errors, w says it is a FIFO, the calendar shown stays; a
    real file put back loads again. Nothing waits on the FIFO."""
    path = tmp_path / "cal.toml"
    path.write_text(BASE, encoding="utf-8")
    app = open_app(path)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = main_screen(app)
        before = screen.living.calendar
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        os.replace(fifo, path)
        await until(lambda: bool(screen.living.errors))
        assert "file has errors" in header(app)
        assert screen.living.calendar is before
        await until(lambda: any("file has errors" in str(n.message) for n in app._notifications))
        await pilot.press("w")
        body = str(app.screen.query_one("#text-body").render())
        assert "cal.toml: error: not a regular file (a FIFO), not a calendar file" in body
        await pilot.press("escape")
        path.unlink()
        path.write_text(BASE, encoding="utf-8")
        await until(lambda: not screen.living.errors)
        assert "file has errors" not in header(app)
