"""Saving an edited calendar without ever losing someone else's change.

The app keeps the digest of the bytes it last read. A save writes only when the file still
has them; otherwise it raises ``ConflictError`` with the text now on disk, and the file's
owner (``document.py``) decides what to do with it.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tui.core.errors import CalendarError
from tui.core.loading.limits import size_limit
from tui.core.loading.load import read_bytes
from tui.core.loading.text_toml import decode
from tui.core.system.files import write_atomic
from tui.core.system.safe_read import read_regular


class ConflictError(Exception):
    """The file changed on disk since it was read; nothing was written.

    ``their_text`` is the text on disk now (None when the file was deleted) and
    ``their_digest`` its digest, to save against once the user has chosen. For a new
    calendar, ``exists`` says the file was there already.
    """

    def __init__(
        self, path: Path, their_text: str | None, their_digest: str | None, exists: bool = False
    ) -> None:
        self.path = path
        self.their_text = their_text
        self.their_digest = their_digest
        if exists:
            what = "already exists; not overwriting it"
        elif their_text is None:
            what = "was deleted since it was read; nothing was saved"
        else:
            what = "was changed by someone else since it was read; nothing was saved"
        super().__init__(f"{path}: {what}")


class SaveError(Exception):
    """The file cannot be written (read-only, folder not writable, disk full); it is intact."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: error: cannot save: {reason}; the file is unchanged")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A calendar's text as read, and the digest of its bytes to save against."""

    text: str
    digest: str


def digest_of(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def read_snapshot(path: Path) -> Snapshot:
    """The file's text (a byte-order mark left out) and its digest.

    Raises:
        CalendarError: the file cannot be read or is not UTF-8, with its location.
    """
    data = read_bytes(path)
    return Snapshot(decode(data, str(path)), digest_of(data))


def save_calendar(path: Path, new_text: str, expected_digest: str | None) -> str:
    """Write ``new_text`` to ``path`` if the file still has ``expected_digest``; its new digest.

    ``expected_digest`` None means the file must not exist yet: a new calendar. The write
    is atomic (temporary file, fsync, rename) and goes to the target of a symlink, so the
    link stays a link. The file keeps its mode, its owner and group as far as permitted,
    and its byte-order mark if it had one. The digest is checked before writing and again
    just before the rename, so a change made meanwhile is not lost.

    Raises:
        ConflictError: the file changed, vanished or (for a new one) exists.
        SaveError: the file is read-only or cannot be written; it is unchanged.
    """
    target = Path(os.path.realpath(path))
    current = _current(target, expected_digest, path)
    data = new_text.encode("utf-8")
    if current is not None:
        _writable(target, path)
        if current.startswith(codecs.BOM_UTF8):
            data = codecs.BOM_UTF8 + data

    def unchanged() -> None:
        _current(target, expected_digest, path)

    try:
        # A replaced file keeps its mode, owner and group (write_atomic sees to that).
        write_atomic(target, data, before_replace=unchanged)
    except OSError as error:
        raise SaveError(path, error.strerror or str(error)) from None
    return digest_of(data)


def _writable(target: Path, shown: Path) -> os.stat_result:
    """The file's status, or SaveError when it is read-only (for root too: the mode says so)."""
    try:
        status = target.stat()
    except OSError as error:
        raise SaveError(shown, error.strerror or str(error)) from None
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise SaveError(shown, "the file is read-only")
    return status


def _current(target: Path, expected: str | None, shown: Path) -> bytes | None:
    """The bytes on disk (None: no file), or ConflictError unless they have ``expected``."""
    try:
        # Never blocks on a FIFO put in the file's place, nor reads past the size limit.
        data = read_regular(target, size_limit())
    except FileNotFoundError:
        if expected is None:
            return None
        raise ConflictError(shown, None, None) from None
    except OSError as error:
        raise SaveError(shown, error.strerror or str(error)) from None
    if expected is None:
        raise ConflictError(shown, _text(data, target), digest_of(data), exists=True)
    if digest_of(data) != expected:
        raise ConflictError(shown, _text(data, target), digest_of(data))
    return data


def _text(data: bytes, target: Path) -> str:
    try:
        return decode(data, str(target))
    except CalendarError:  # not UTF-8 any more: a reload says where; this text is to show
        return data.decode("utf-8", "replace")
