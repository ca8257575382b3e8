"""`diplocal serve` in a subprocess and Debian's chromium driven by playwright, for the tests.

The page draws its terminal with xterm.js on a canvas. textual-serve's textual.js keeps the
xterm.js `Terminal` in a closure; a script run before the page's own catches it as xterm.js
binds its option getters to it, and the tests read the rows from its buffer.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from playwright.sync_api import BrowserContext, Page, Route

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; the Makefile installs it
START_SECONDS = 60  # generous: two cores shared with a busy test suite
SEE_SECONDS = 60  # only reached when something is wrong

CATCH_TERMINAL = """
(() => {
  const bind = Function.prototype.bind;
  Function.prototype.bind = function (self, ...rest) {
    if (self && self._core && self._addonManager && !window.__terminal) {
      window.__terminal = self;
    }
    return bind.call(this, self, ...rest);
  };
})();
"""

READ_SCREEN = """
(() => {
  const term = window.__terminal;
  if (!term) return null;
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < buffer.length; y++) {
    rows.push(buffer.getLine(y).translateToString(true, 0, term.cols));  // as wide as shown
  }
  return rows.join("\\n");
})()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served(NamedTuple):
    """A running `diplocal serve`."""

    url: str
    printed: list[str]  # its lines up to the one with the URL
    process: subprocess.Popen[str]  # its pid leads the process group of every tab's app


@contextlib.contextmanager
def served(calendar: Path, *options: str) -> Iterator[Served]:
    """Run `diplocal serve` on a free port until the block ends. The server and every tab's
    app are in one process group, all killed on the way out. The port is probed free and
    bound a moment later: when another program took it meanwhile, another port is tried."""
    for attempt in range(PORT_TRIES):
        port = free_port()
        command = [sys.executable, "-m", "tui", "serve", str(calendar), "--port", str(port)]
        process = subprocess.Popen(
            [*command, *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            assert process.stdout is not None
            printed: list[str] = []
            url = f"http://127.0.0.1:{port}"
            while url not in "".join(printed):
                line = process.stdout.readline()  # the server prints its URL, or exits
                if not line and "Address already in use" in "".join(printed):
                    break
                assert line, f"diplocal serve ended: {printed}"
                printed.append(line)
            else:
                _wait_listening(port)
                yield Served(url, printed, process)
                return
            assert attempt < PORT_TRIES - 1, f"diplocal serve found no free port: {printed}"
        finally:
            _stop(process)


PORT_TRIES = 3


def _stop(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=15)  # the server ends its tabs' apps as it stops
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the tabs' apps, if any outlived it
    process.wait(timeout=15)
    if process.stdout is not None:
        process.stdout.close()


def _wait_listening(port: int) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        assert time.monotonic() < deadline, f"nothing listens on port {port}"
        time.sleep(0.05)


LOCAL = re.compile(r"^(http|ws)://127\.0\.0\.1:\d+/")


def keep_local(context: BrowserContext, *, seen: list[str] | None = None) -> None:
    """Requests leave for nowhere but the server (the page asks for web fonts): the others
    are answered with an empty page, and listed in ``seen``."""

    def elsewhere(route: Route) -> None:
        if LOCAL.match(route.request.url):
            route.continue_()
            return
        if seen is not None:
            seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="")

    context.route("**/*", elsewhere)


def open_tab(page: Page, url: str) -> None:
    """Load the page and wait for the app's first screen in its terminal."""
    page.add_init_script(CATCH_TERMINAL)
    page.goto(url)
    wait_for(page, lambda screen: "Filter:" in screen, START_SECONDS)
    page.evaluate("window.__terminal.focus()")  # keys to the app; a click would choose a row


def screen_text(page: Page) -> str:
    """The rows the page's terminal shows now."""
    text = page.evaluate(READ_SCREEN)
    return text if isinstance(text, str) else ""


def wait_for(page: Page, condition: Callable[[str], bool], seconds: float = SEE_SECONDS) -> str:
    """Poll the page's screen until ``condition`` holds; the screen then, or an error showing
    the last screen seen."""
    deadline = time.monotonic() + seconds
    while True:
        text = screen_text(page)
        if condition(text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"the page never showed what was waited for:\n{text}")
        page.wait_for_timeout(100)


def click_text(page: Page, text: str) -> None:
    """Click the middle of the first place the terminal shows ``text``."""
    rows = screen_text(page).splitlines()
    y = next(n for n, row in enumerate(rows) if text in row)
    x = rows[y].index(text) + len(text) // 2
    cols, lines = page.evaluate("[window.__terminal.cols, window.__terminal.rows]")
    box = page.locator(".xterm-screen").bounding_box()
    assert box is not None
    width, height = box["width"] / cols, box["height"] / lines
    page.mouse.click(box["x"] + (x + 0.5) * width, box["y"] + (y + 0.5) * height)


def group_alive(pid: int) -> bool:
    """Whether any process of the process group ``pid`` is still running."""
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True


def day_shown(text: str) -> str:
    """The day in the day view's title ('Events · Wed 8 Oct')."""
    found = re.search(r"Events · (\w{3} \d{1,2} \w{3})", text)
    assert found, f"no day view on screen:\n{text}"
    return found.group(1)
