"""A large calendar whose cached copy reads in a moment opens without a loading screen.

A file of 2 MB or more loads inside the app, behind a screen that shows the progress from
the first frame. When the cache holds the file's calendar in an entry that reads in about
a tenth of a second, that screen would only flash by, and composing it, then the calendar
in its place, cost more than the read (10,000 events: about 50 ms of a 0.5 s start).
Such a calendar is read before the app starts, as a small file is.
"""

from __future__ import annotations

from pathlib import Path

from tui.core.errors import CalendarError
from tui.core.loading import cache
from tui.core.loading.load import Loaded, read_bytes

QUICK_SIZE = 8_000_000  # bytes of file and of entry: about 17,000 events, 0.15 s warm


def load_if_quick(path: Path, quick: int = QUICK_SIZE) -> Loaded | None:
    """``path``'s calendar from the cache when the file and its entry are at most
    ``quick`` bytes; None when the file cannot be read, is larger, or has no trusted entry
    (the app then loads it on its loading screen, which says what is wrong, if anything).
    """
    try:
        data = read_bytes(path)
    except CalendarError:
        return None
    if len(data) > quick or not cache.enabled(len(data)):
        return None
    key = cache.key_for(data)
    size = cache.entry_size(key)
    if size is None or size > quick:
        return None
    cached = cache.load(key, str(path))
    return None if cached is None else Loaded(*cached)
