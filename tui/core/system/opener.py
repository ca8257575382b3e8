"""Opening a link with the system's own opener, when there is one."""

from __future__ import annotations

import shutil
import subprocess
import sys

from tui.core.text import is_web_url

# Programs that hand a URL to the user's browser and return at once. Deliberately not
# Python's webbrowser module: on a server it may start a text browser in our terminal.
OPENERS = ("xdg-open", "wslview", "open") if sys.platform != "darwin" else ("open",)


def find_opener() -> str | None:
    """The path of a program that opens URLs here, or None."""
    for name in OPENERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def open_url(url: str) -> bool:
    """Ask the system to open ``url``; False when there is no opener or it cannot start.

    Only http(s) links are opened: a calendar file must not make us run a file: or
    custom-scheme handler.
    """
    opener = find_opener()
    if opener is None or not is_web_url(url):
        return False
    try:
        subprocess.Popen(  # a fixed program and one argument, no shell
            [opener, url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True
