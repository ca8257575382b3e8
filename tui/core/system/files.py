"""Writing files so that a failure never leaves a half-written file behind, and a write
never replaces something it should have written into.

What `write_atomic` does with what it finds at the path:

- nothing, or a regular file: the data goes to a temporary file in the same folder, which
  then replaces the path in one rename. A replaced file keeps its mode, and its owner and
  group where the system allows it.
- a symbolic link: the link is followed and its target written as above; the link stays.
- a regular file with other hard links: it is rewritten in place, so that every name sees
  the new content (space is reserved first, but a crash mid-write can leave it partial).
- a FIFO or a character device (`/dev/null`, a terminal): written directly, never replaced;
  a FIFO that nobody reads is refused, never waited on, and one whose reader stops reading
  is given up after ``STALL`` seconds (or as soon as the caller's ``stop`` says so): the
  writes never block, so no thread is left stuck in ``write()``.
- a directory, a socket or a block device: refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import select
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# Writes a file's content into the open temporary file (it may seek back and write over
# what it wrote: a header computed last), so a large content is never whole in memory.
Writer = Callable[[BinaryIO], None]

TEMP_SUFFIX = ".tmp"
STALL = 30.0  # seconds a FIFO's (or device's) reader may take nothing before a write gives up
POLL = 0.1  # seconds between two looks at ``stop`` while the reader takes nothing
STALE_AFTER = 15 * 60  # seconds: a temporary file this old belongs to a write that died


def write_atomic(
    path: Path,
    data: bytes,
    *,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> None:
    """Write ``data`` to ``path``, all or nothing (see the module's docstring for what is
    done with links, FIFOs and devices).

    ``mode``, when given, is the permission bits of the file written, which is then ours
    whatever it replaces (the cache uses 0o600). By default a new file gets 0o666 less the
    umask, and a replaced file keeps its mode, owner and group. ``before_replace`` runs
    just before the old content is replaced (a last check that may raise to stop it).
    ``stop`` is asked while a FIFO or device is written (a cancelled export says True).

    Raises:
        OSError: when the folder does not exist or cannot be written, or the path is a
            directory, socket or block device; ``path`` is then untouched. For a FIFO or
            a device: ``TimeoutError`` when its reader took nothing for ``STALL`` seconds,
            ``InterruptedError`` when ``stop`` said so (part of the data may be written).
        Whatever ``before_replace`` raises; ``path`` is untouched then too.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        found: os.stat_result | None = target.stat()
    except FileNotFoundError:
        found = None
    if found is None or (mode is not None and stat.S_ISREG(found.st_mode)):
        _replace(target, data, mode if mode is not None else _default_mode(), None, before_replace)
    elif stat.S_ISREG(found.st_mode) and found.st_nlink > 1:
        if before_replace is not None:
            before_replace()
        _rewrite_in_place(target, data)
    elif stat.S_ISREG(found.st_mode):
        _replace(target, data, found.st_mode & 0o777, found, before_replace)
    elif stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode):
        _write_into(target, data, stop)
    elif stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(21, "is a directory", str(path))
    else:
        raise OSError(95, "not a regular file, FIFO or character device", str(path))
    sweep_temporaries(target.parent, re.escape(target.name))


def same_file(target: Path, source: Path) -> bool:
    """Whether writing ``target`` would write ``source``: the same file by any name (a
    relative path, a symbolic or hard link). The CLI and the app's export dialog both
    refuse such a target, which would replace the calendar being read."""
    try:
        return target.samefile(source)
    except OSError:  # the target does not exist yet (or cannot be looked at)
        return False


def write_own(path: Path, data: bytes | Writer, mode: int = 0o600) -> None:
    """Write one of diplocal's own files (state, cache), all or nothing, with ``mode``;
    ``data`` may be a `Writer` that writes it as it is made (a large cache entry).

    Whatever is at ``path`` (a link, a FIFO, a file) is replaced by the new file, never
    followed or written into: a link among our own files was planted, as we make none.

    Raises:
        OSError: the folder cannot be written, or ``path`` is a folder.
        Whatever the writer raises; ``path`` is untouched then, and no temporary is left.
    """
    _replace(path, data, mode, None, None)
    sweep_temporaries(path.parent, re.escape(path.name))


def _write_into(target: Path, data: bytes, stop: Callable[[], bool] | None) -> None:
    """Write into a FIFO or a device. The open never waits: a FIFO nobody reads is refused
    at once (``ENXIO``) instead of hanging until a reader comes."""
    try:
        handle = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "a FIFO that nobody reads", str(target)) from None
        raise
    try:
        _write_as_taken(handle, data, target, stop)
    finally:
        os.close(handle)


def _write_as_taken(
    handle: int, data: bytes, target: Path, stop: Callable[[], bool] | None
) -> None:
    """Write ``data`` to a non-blocking ``handle`` as fast as its reader takes it, waiting
    in ``poll`` (never in ``write``) while it takes nothing; give up at ``STALL`` seconds
    without progress, or as soon as ``stop`` says so."""
    left = memoryview(data)
    waiting = select.poll()
    waiting.register(handle, select.POLLOUT)
    taken_at = time.monotonic()
    while left:
        if stop is not None and stop():
            raise InterruptedError(errno.EINTR, "cancelled", str(target))
        try:
            written = os.write(handle, left[: 1 << 16])
        except BlockingIOError:
            written = 0
        if written:
            left, taken_at = left[written:], time.monotonic()
            continue
        if time.monotonic() - taken_at > STALL:
            message = f"its reader took nothing for {STALL:.0f} s, so the write was given up"
            raise TimeoutError(errno.ETIMEDOUT, message, str(target))
        waiting.poll(POLL * 1000)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _replace(
    target: Path,
    data: bytes | Writer,
    mode: int,
    old: os.stat_result | None,
    before_replace: Callable[[], None] | None,
) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                data(stream)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            if old is not None:
                _keep_owner(stream.fileno(), old)
            os.fsync(stream.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except BaseException:  # Ctrl-C and the signals the CLI turns into exceptions too
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _keep_owner(handle: int, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as we may."""
    for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
        try:
            os.fchown(handle, uid, gid)
            return
        except PermissionError:
            continue


def _rewrite_in_place(target: Path, data: bytes) -> None:
    with target.open("r+b") as stream:
        # Reserve the space first, so a full disk fails before the old content is touched.
        with contextlib.suppress(OSError, AttributeError):
            os.posix_fallocate(stream.fileno(), 0, max(len(data), 1))
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def sweep_temporaries(folder: Path, name_pattern: str, older_than: float = STALE_AFTER) -> int:
    """Remove our own temporary files for names matching ``name_pattern`` (a regular
    expression) left in ``folder`` by a write that was killed; returns how many.

    Only files of the exact shape ``.NAME.XXXXXXXX.tmp``, owned by us and older than
    ``older_than`` seconds, are touched: a younger one may be another write in progress.
    """
    shape = re.compile(rf"\.(?:{name_pattern})\.[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}")
    removed = 0
    deadline = time.time() - older_than
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not shape.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if (
                    stat.S_ISREG(info.st_mode)
                    and info.st_uid == os.geteuid()
                    and info.st_mtime < deadline
                ):
                    os.unlink(entry.path)
                    removed += 1
    return removed
