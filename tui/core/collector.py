"""Pausing Python's cyclic garbage collector around work that builds many objects.

Parsing, validating or unpickling a large calendar creates millions of objects and no
reference cycles; the collector would still walk them again and again (a fifth to a half
of the time), because it runs after every so many new objects.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block; restore it as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
