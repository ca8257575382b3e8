"""A cache of validated calendars, keyed by the file's bytes and the program's version.

Parsing and validating TOML costs about 1 s per 10,000 events; reading the cached model
costs a fraction of that. The key is a SHA-256 of the file's content with diplocal's,
tzdata's and Python's versions, so an edit, an upgrade or a new zone database each start
afresh. Only valid calendars are stored: errors are always computed from the file itself.
Small files are not cached: they load faster than the cache could help.

The key can be computed by anyone who can read the calendar, so an entry is trusted only
for where it lies, never for what it says:

- entries are JSON of the model's plain fields (`cache_format`), which cannot run code,
  and every value is checked as it is decoded;
- the folder is made ``0700`` and entries ``0600`` (a private calendar stays private);
- a folder or entry that another user owns, or that others may write, is not used, and
  that is reported once;
- an entry that cannot be read or decoded, for any reason, is a miss and is removed.

The cache is an optimisation only. A cache that cannot be read or written (no home folder,
a read-only home, a full disk, a file from another version) is skipped, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import BinaryIO, TypeVar

from tui import __version__
from tui.core.errors import Diagnostic
from tui.core.loading import cache_format
from tui.core.loading.cache_check import check_consistent
from tui.core.loading.limits import size_limit
from tui.core.model import Calendar, Country, Event, Participant
from tui.core.system.files import Writer, sweep_temporaries, write_own
from tui.core.system.gc_pause import collector_paused
from tui.core.system.places import cache_dir
from tui.core.system.safe_read import check_regular, open_flags

MODEL = (Calendar, Country, Participant, Event)

MIN_SIZE = 256 * 1024  # bytes; below this, loading from TOML is already fast
KEEP = 8  # cached calendars kept; the least recently used go first
DISABLE_ENV = "DIPLOCAL_NO_CACHE"
SUFFIX = ".json"
_OLD_SUFFIXES = (".pickle",)  # earlier formats: never read, removed when the cache is tidied
DIGESTS_SUFFIX = ".events.json"  # the event digests of a file's last load (cache_events)
_ENTRY_NAMES = r"[0-9a-f]{64}(?:\.events)?\.(?:json|pickle)"
_KEY = re.compile(r"[0-9a-f]{64}")
_CALENDARS = re.compile(r"[0-9a-f]{64}\.json")
_DIGESTS = re.compile(r"[0-9a-f]{64}\.events\.json")

Notice = Callable[[Path, str], None]  # told (place, problem)
T = TypeVar("T")
_reported: set[str] = set()  # what was already said about unsafe places, once per process


def enabled(size: int) -> bool:
    """Whether a file of ``size`` bytes goes through the cache."""
    return size >= MIN_SIZE and not os.environ.get(DISABLE_ENV)


def key_for(data: bytes) -> str:
    """The cache key of a calendar file's bytes."""
    digest = hashlib.sha256(data)
    import tzdata  # type: ignore[import-untyped]  # its release: a new one may change offsets

    digest.update(f"|{__version__}|{tzdata.IANA_VERSION}|{sys.version_info[:2]}".encode())
    # The shape of the model and of the format too, so a change never meets an old entry.
    shape = [f"{cls.__name__}:{f.name}" for cls in MODEL for f in fields(cls)]
    digest.update("|".join([cache_format.FORMAT, *shape]).encode())
    return digest.hexdigest()


def is_key(text: str) -> bool:
    """Whether ``text`` has the shape of a cache key (and so names an entry, nothing else)."""
    return _KEY.fullmatch(text) is not None


def _report_once(place: Path, problem: str, notice: Notice | None) -> None:
    if str(place) in _reported:
        return
    _reported.add(str(place))
    if notice is not None:
        notice(place, problem)


def _unsafe(info: os.stat_result) -> str | None:
    """Why a cache folder or entry with these facts must not be trusted, or None."""
    if info.st_uid != os.geteuid():
        return f"owned by user {info.st_uid}, not by you"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"others may write to it (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def _private_folder(notice: Notice | None, create: bool) -> Path | None:
    """The cache folder when it is ours and private (made so if we own it), else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        _report_once(folder, "not a folder", notice)
        return None
    problem = _unsafe(info)
    if problem:
        _report_once(folder, problem, notice)
        return None
    if stat.S_IMODE(info.st_mode) & 0o077:
        # Ours, made by an older version (0755): a private calendar's cache stays private.
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
    return folder


def load(
    key: str, file: str, notice: Notice | None = None
) -> tuple[Calendar, list[Diagnostic]] | None:
    """The cached calendar and warnings for ``key``, with warnings naming ``file``.

    ``notice`` is told, once per place, about a folder or entry that is not trusted.
    """

    def decoded(stream: BinaryIO) -> tuple[Calendar, list[Diagnostic]]:
        with collector_paused():
            result = cache_format.read(stream, file)
        check_consistent(result[0])
        return result

    return read_entry(f"{key}{SUFFIX}", decoded, notice)


def entry_size(key: str) -> int | None:
    """The size of the entry for ``key`` when it is there and trusted, without reading it
    (None otherwise): the app tells a moment's read from a long one before it opens."""
    folder = _private_folder(None, create=False)
    if folder is None:
        return None
    try:
        info = (folder / f"{key}{SUFFIX}").lstat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or _unsafe(info) is not None:
        return None  # read_entry says why, when the app's own load meets it
    return info.st_size


def read_entry(name: str, decode: Callable[[BinaryIO], T], notice: Notice | None) -> T | None:
    """``decode`` of the entry ``name`` in the cache folder when it is there and trusted;
    an entry that ``decode`` refuses (any ``Exception``) is a miss and is removed."""
    folder = _private_folder(notice, create=False)
    if folder is None:
        return None
    path = folder / name
    try:
        handle = os.open(path, open_flags(follow=False))
    except OSError:
        return None  # no entry (or a symbolic link, which we never write)
    try:
        info = check_regular(handle, path)
    except OSError:  # a folder, a FIFO...: never ours, never read
        os.close(handle)
        _report_once(path, "not a regular file", notice)
        return None
    with os.fdopen(handle, "rb") as stream:
        problem = _unsafe(info)
        if problem:
            _report_once(path, problem, notice)
            return None
        try:
            if info.st_size > size_limit():
                raise cache_format.CacheFormatError("larger than the size limit")
            result = decode(stream)
        except Exception:  # a damaged entry of any kind (MemoryError too) is a miss
            _remove(path)
            return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used
    return result


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def store(
    key: str, calendar: Calendar, warnings: list[Diagnostic], notice: Notice | None = None
) -> None:
    """Keep a validated calendar for next time, dropping the oldest beyond ``KEEP``."""

    def write(stream: BinaryIO) -> None:
        cache_format.write(stream, calendar, warnings)

    write_entry(f"{key}{SUFFIX}", write, notice)


def write_entry(name: str, data: Writer, notice: Notice | None = None) -> None:
    """Write the entry ``name`` (a `Writer` writes it as it is made) into the private cache
    folder (``0600``), then tidy it; all or nothing."""
    folder = _private_folder(notice, create=True)
    if folder is None:
        return
    with contextlib.suppress(OSError):
        # A link planted as the entry is replaced, never written through.
        write_own(folder / name, data, 0o600)
        _tidy(folder)


def _tidy(folder: Path) -> None:
    """Drop the least recently used entries beyond ``KEEP`` (of each kind), entries of older
    formats and temporary files that a killed write left behind."""
    for kind in (_CALENDARS, _DIGESTS):
        entries = [p for p in folder.glob("*.json") if kind.fullmatch(p.name)]
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for path in entries[KEEP:]:
            _remove(path)
    for path in [p for suffix in _OLD_SUFFIXES for p in folder.glob(f"*{suffix}")]:
        _remove(path)
    sweep_temporaries(folder, _ENTRY_NAMES)
