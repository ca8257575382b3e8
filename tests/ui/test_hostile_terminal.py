"""The real app in a pseudo-terminal, on a calendar whose text is an attack: the BYTES it
writes to the terminal hold no OSC, C1, bidi or invisible character from the data, with
the edit form open too (it showed them raw, and the terminal obeyed: clipboard, title).
That an untouched form closes without a question is held by tests/ui/test_hostile_form.py."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

import tomli_w

from tests.conftest import BASE

PAYLOAD = "T\x1b]52;c;Y3VybA==\x07\x1b]0;PWN\x07\x9b31m\u202eX\u2066\u200b\x1b[31;7;1337m"
FORBIDDEN = [
    b"\x1b[31;7;1337m",  # a CSI from the data
    b"\x1b]52",  # the clipboard
    b"\x1b]0;PWN",  # the window title
    "\x9b".encode(),  # the 8-bit CSI
    "\u202e".encode(),
    "\u2066".encode(),
    "\u200b".encode(),
]
# A hyperlink (OSC 8, as Rich writes it: ESC ] 8 ; id=… ; URL) to anything but http(s).
NON_WEB_LINK = re.compile(rb"\x1b\]8;[^;\x07\x1b]*;(?!https?://)[^\x07\x1b]")
DEADLINE = 60.0  # seconds for each step; only reached when something is wrong


class Terminal:
    """The app on a pty (100x30 unless told): keys in, every byte it writes kept."""

    def __init__(
        self,
        calendar: Path,
        home: Path,
        rows: int = 30,
        command: Sequence[str] = (),
        program: Sequence[str] = ("-m", "tui"),
    ) -> None:
        """Runs ``diplocal CALENDAR``, or ``diplocal COMMAND...`` when a command is given
        (``program``: what Python runs instead of ``-m tui``, e.g. ``-c CODE``)."""
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }
        for name in ("TEXTUAL", "COLUMNS", "LINES"):  # the size is the pty's (xdist sets these)
            env.pop(name, None)
        self.process = subprocess.Popen(
            [sys.executable, *program, *(command or [str(calendar)])],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=home,  # a file named relative to it is short enough to show on one line
            start_new_session=True,
        )
        os.close(slave)
        self.written = bytearray()

    def read_until(self, marker: bytes, since: int = 0) -> None:
        """Wait for ``marker`` in what was written (from byte ``since`` on)."""
        end = time.monotonic() + DEADLINE
        while marker not in self.written[since:]:
            left = end - time.monotonic()
            assert left > 0, f"{marker!r} never came; last: {bytes(self.written[-300:])!r}"
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    self.written += os.read(self.master, 65536)
                except OSError:  # the app ended
                    return

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self, *, stop: bool = True, within: float = DEADLINE) -> int:
        """The exit status, once the app has ended (asked to with SIGTERM, unless not
        ``stop``: then it ends by itself; killed when it has not within ``within``
        seconds), every byte it wrote kept. A second call only says the status."""
        if self.process.returncode is None and self.master >= 0:
            if stop:
                self.process.terminate()
            end = time.monotonic() + within
            while self.process.poll() is None and time.monotonic() < end:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if ready:
                    try:
                        self.written += os.read(self.master, 65536)
                    except OSError:
                        break
            if self.process.poll() is None:
                self.process.kill()
        code = self.process.wait(10)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
        return code


def test_the_form_writes_no_escape_from_the_data(tmp_path: Path) -> None:
    document = tomllib.loads(BASE)
    talks = document["events"][0]
    talks.update(title=PAYLOAD, location=PAYLOAD, description=f"{PAYLOAD}\r\nline")
    talks["sources"] = ["https://a.example/\u2028x", PAYLOAD]
    calendar = tmp_path / "cal.toml"
    calendar.write_text(tomli_w.dumps(document), encoding="utf-8")
    before = calendar.read_bytes()
    terminal = Terminal(calendar, tmp_path)
    try:
        terminal.read_until(b"Y3VybA==")  # the events list, drawn
        terminal.press(b"\r")  # enter: the form on the selected event
        terminal.read_until(b"Edit event")
        terminal.read_until(b"\\x1b]52;c;Y3VybA==")  # the title as visible escapes
        terminal.read_until(b"Save (ctrl+s)")  # the whole form drawn
    finally:
        terminal.close()
    for forbidden in FORBIDDEN:
        assert forbidden not in terminal.written, forbidden
    assert not NON_WEB_LINK.search(terminal.written)
    assert calendar.read_bytes() == before
