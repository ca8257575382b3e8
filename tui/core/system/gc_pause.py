"""Pausing Python's cyclic garbage collector around work that builds many objects.

Parsing, validating or unpickling a large calendar creates millions of objects and no
reference cycles; the collector would still walk them again and again (a fifth to a half
of the time), because it runs after every so many new objects.

The collector is one per process and pauses overlap: the app holds it until its first
frame while a worker thread parses a large file. So pauses are counted, under a lock: the
collector runs again when the last one ends, and only if it ran when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False  # whether the collector ran when the first of the current pauses began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block."""
    pause_collector()
    try:
        yield
    finally:
        resume_collector()


def pause_collector() -> None:
    """Begin a pause; each needs its ``resume_collector``."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1


def resume_collector() -> None:
    """End a pause: the collector runs again once no pause is left, if it ran before."""
    global _pauses
    with _lock:
        _pauses -= 1
        if _pauses == 0 and _resume:
            gc.enable()
