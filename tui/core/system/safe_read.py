"""Reading a file that someone else may have planted: never blocking, never without bound.

Every file diplocal reads (the calendar, a cache entry, the baseline and the revisions) goes
through `read_regular`, which:

- opens with ``O_NONBLOCK``, so a FIFO put in a file's place never hangs the open (a FIFO
  with no writer would block a plain ``open`` forever);
- opens with ``O_NOFOLLOW`` when asked (our own state and cache files: a link there was
  planted, as we never make one);
- looks at what it opened (``fstat``) before reading a byte, and reads only regular files;
- reads at most ``limit`` bytes, whatever the size claims (a file may grow while read).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_CHUNK = 1 << 20


class NotRegularFile(OSError):
    """What was opened is a FIFO, a device or a socket, not a file."""


class TooLarge(OSError):
    """The file holds more than the limit."""


def open_flags(*, follow: bool) -> int:
    """Flags for opening a file to read without blocking (and without following a link)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    return flags if follow else flags | getattr(os, "O_NOFOLLOW", 0)


def check_regular(handle: int, path: Path | str) -> os.stat_result:
    """The facts of an open file, or the reason it is not a regular file.

    Raises:
        IsADirectoryError: it is a folder.
        NotRegularFile: it is a FIFO, a device or a socket.
    """
    info = os.fstat(handle)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(errno.EINVAL, f"not a regular file ({_kind(info.st_mode)})", str(path))
    return info


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises:
        TooLarge: the file holds more than ``limit`` bytes (nothing past that is read).
        NotRegularFile, IsADirectoryError: see `check_regular`.
        OSError: the file cannot be opened or read; with ``follow`` False, a symbolic
            link at ``path`` fails with ``ELOOP``.
    """
    handle = os.open(path, open_flags(follow=follow))
    try:
        info = check_regular(handle, path)
        if info.st_size > limit:
            raise TooLarge(errno.EFBIG, "larger than the limit", str(path))
        chunks: list[bytes] = []
        total = 0
        want = info.st_size + 1  # the size it claims, and one byte to see it did not grow
        while total <= limit:
            chunk = os.read(handle, min(max(want - total, _CHUNK), limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(errno.EFBIG, "larger than the limit", str(path))
        return b"".join(chunks)
    finally:
        os.close(handle)
