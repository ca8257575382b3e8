"""`publish --watch`: publish again after each change of the file, never giving up.

The file is followed by the watcher the TUI uses (tui/core/living/watch.py). A version that
does not load is reported and skipped (the server keeps the last good one). A round that
fails (server down, timeout, refused) is said and tried again after a wait that doubles up
to a minute, until it goes through or ``stop`` is set.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

from tui.core.errors import CalendarError
from tui.core.living.watch import FileVersion, follow, load_version, read_settled
from tui.core.loading.load import Loaded
from tui.core.sharing.dav import SharingError

Changes = queue.SimpleQueue[FileVersion | None]  # None: the watch ended
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
    changes: Changes = queue.SimpleQueue()
    watcher = threading.Thread(
        target=_watch, args=(path, stop, current.data, changes), name="publish-watch", daemon=True
    )
    watcher.start()  # armed while the first round runs: a save meanwhile is not missed
    last, wait = current, first_wait
    pending = _loaded(current, on_invalid)
    while not stop.is_set():
        if pending is not None:
            try:
                publish_round(pending)
            except SharingError as error:
                on_failure(f"{error}; trying again in {wait:g} s")
                stop.wait(wait)
                wait = min(wait * 2, LONGEST_WAIT)
                newer = _latest(changes, last)
                if newer is not last:
                    last, pending = newer, _loaded(newer, on_invalid) or pending
                continue
            pending, wait = None, first_wait
            # A save made before the watch was armed raised no event: look once.
            now = read_settled(path, stop)
            if now.digest != last.digest:
                last, pending = now, _loaded(now, on_invalid)
                continue
        version = changes.get()
        if version is None:  # stopped
            break
        if version.digest != last.digest:
            last, pending = version, _loaded(version, on_invalid)
    watcher.join()


def _watch(path: Path, stop: threading.Event, known: bytes | None, changes: Changes) -> None:
    try:
        for version in follow(path, stop, known=known):
            changes.put(version)
    finally:
        changes.put(None)


def _latest(changes: Changes, last: FileVersion) -> FileVersion:
    """The newest version waiting; ``last`` when none is."""
    newest = last
    while not changes.empty():
        found = changes.get_nowait()
        if found is None:
            changes.put(None)  # the loop sees the end too
            return newest
        newest = found
    return newest


def _loaded(version: FileVersion, on_invalid: Callable[[CalendarError], None]) -> Loaded | None:
    result = load_version(version)
    if isinstance(result, CalendarError):
        on_invalid(result)
        return None
    return result
