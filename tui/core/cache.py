"""A cache of validated calendars, keyed by the file's bytes and the program's version.

Parsing and validating TOML costs about 1 s per 10,000 events; reading a pickle of the
result costs a fraction of that. The key is a SHA-256 of the file's content with diplocal's,
tzdata's and Python's versions, so an edit, an upgrade or a new zone database each start
afresh. Only valid calendars are stored: errors are always computed from the file itself.
Small files are not cached: they load faster than the cache could help.

The cache is an optimisation only. A cache that cannot be read or written (a read-only
home, a full disk, a file from another version) is skipped, never an error.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path

from tui import __version__
from tui.core.errors import Diagnostic
from tui.core.files import write_atomic
from tui.core.model import Calendar, Country, Event, Participant

MODEL = (Calendar, Country, Participant, Event)

MIN_SIZE = 256 * 1024  # bytes; below this, loading from TOML is already fast
KEEP = 8  # cached calendars kept; the least recently used go first
DISABLE_ENV = "DIPLOCAL_NO_CACHE"


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/diplocal, else ~/.cache/diplocal."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "diplocal"


def enabled(size: int) -> bool:
    """Whether a file of ``size`` bytes goes through the cache."""
    return size >= MIN_SIZE and not os.environ.get(DISABLE_ENV)


def key_for(data: bytes) -> str:
    """The cache key of a calendar file's bytes."""
    digest = hashlib.sha256(data)
    import tzdata  # type: ignore[import-untyped]  # its release: a new one may change offsets

    digest.update(f"|{__version__}|{tzdata.IANA_VERSION}|{sys.version_info[:2]}".encode())
    # The shape of the model too, so a changed class never meets an old pickle.
    shape = [f"{cls.__name__}:{f.name}" for cls in MODEL for f in fields(cls)]
    digest.update("|".join(shape).encode())
    return digest.hexdigest()


def load(key: str, file: str) -> tuple[Calendar, list[Diagnostic]] | None:
    """The cached calendar and warnings for ``key``, with warnings naming ``file``."""
    path = cache_dir() / f"{key}.pickle"
    try:
        with path.open("rb") as stream, _collector_paused():
            calendar, warnings = pickle.load(stream)
        os.utime(path)  # recently used
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        ValueError,
        TypeError,
    ):
        return None
    if not isinstance(calendar, Calendar):
        return None
    return calendar, [replace(w, file=file) for w in warnings]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Unpickling 100,000 events creates millions of objects and nothing cyclic to free;
    the garbage collector would walk them again and again (a fifth of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def store(key: str, calendar: Calendar, warnings: list[Diagnostic]) -> None:
    """Keep a validated calendar for next time, dropping the oldest beyond ``KEEP``."""
    folder = cache_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps((calendar, warnings), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(folder / f"{key}.pickle", data)
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
