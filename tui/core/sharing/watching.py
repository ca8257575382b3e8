"""`publish --watch`: publish again after each change of the file, never giving up.

The file is followed by the watcher the TUI uses (tui/core/living/watch.py). A version that
does not load is reported and skipped (the server keeps the last good one). A round that
fails (server down, timeout, refused) is said and tried again after a wait that doubles up
to a minute, until it goes through or ``stop`` is set.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from tui.core.errors import CalendarError
from tui.core.living.watch import follow, load_version, read_settled
from tui.core.loading.load import Loaded
from tui.core.sharing.dav import SharingError

FIRST_WAIT, LONGEST_WAIT = 2.0, 60.0  # seconds between tries of a failed round


def keep_published(
    path: Path,
    publish_round: Callable[[Loaded], None],
    stop: threading.Event,
    on_failure: Callable[[str], None],
    on_invalid: Callable[[CalendarError], None],
    first_wait: float = FIRST_WAIT,
) -> None:
    """Publish the file now and after each change, until ``stop`` is set (blocking).

    ``publish_round`` publishes one loaded version and raises ``SharingError`` when the
    round fails; ``on_failure`` hears why and when it is tried again.
    """
    current = read_settled(path, stop)
    versions = follow(path, stop, known=current.data)
    result = load_version(current)
    pending = None if isinstance(result, CalendarError) else result
    if isinstance(result, CalendarError):
        on_invalid(result)
    wait = first_wait
    while not stop.is_set():
        if pending is not None:
            try:
                publish_round(pending)
            except SharingError as error:
                on_failure(f"{error}; trying again in {wait:g} s")
                stop.wait(wait)
                wait = min(wait * 2, LONGEST_WAIT)
                continue
            pending, wait = None, first_wait
        version = next(versions, None)
        if version is None:  # stopped
            return
        loaded = load_version(version)
        if isinstance(loaded, CalendarError):
            on_invalid(loaded)
        else:
            pending = loaded
