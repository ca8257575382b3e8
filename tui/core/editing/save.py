"""Saving an edited calendar without ever losing someone else's change.

The app keeps the digest of the bytes it last read. A save writes only when the file still
has them; otherwise it raises ``ConflictError`` with the text now on disk, and
``rebase_edit`` re-applies the user's edit to that text when the event was not changed
there, or returns both versions for the user to choose.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.editing.toml_edit import add_event, event_index, event_text, parse, update_event
from tui.core.errors import CalendarError
from tui.core.loading.limits import size_limit
from tui.core.loading.load import decode, read_bytes
from tui.core.system.files import write_atomic
from tui.core.system.safe_read import read_regular
from tui.core.toml.style import Changes


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


# --- re-applying an edit to someone else's version ---------------------------------------


@dataclass(frozen=True, slots=True)
class Conflict:
    """The event was changed on disk too: both versions, for the user to choose.

    ``theirs`` is the text on disk, unchanged; ``ours`` is that text with the user's
    changes applied over their version of the event (or the user's version added back when
    they deleted it). ``their_event`` and ``our_event`` are the event's table in each, as
    written, to show side by side; ``their_event`` is None when they deleted it.
    """

    event_id: str
    theirs: str
    ours: str
    their_event: str | None
    our_event: str


def rebase_edit(base_text: str, their_text: str, event_id: str, changes: Changes) -> str | Conflict:
    """The user's edit of ``event_id`` (made on ``base_text``) applied to ``their_text``.

    When the event reads the same in both versions (whatever else changed, and however it
    is laid out), the edit goes onto their text and the result is returned. Otherwise
    both versions come back as a Conflict.

    Raises:
        CalendarError: either text is not valid TOML.
        EditError: the event is not in ``base_text``, or a value TOML cannot hold.
    """
    base_document = parse(base_text)
    base_event = base_document["events"][event_index(base_document, event_id)]
    their_event = _event(parse(their_text), event_id)
    if their_event == base_event:
        return update_event(their_text, event_id, changes)
    ours_alone = update_event(base_text, event_id, changes)
    new_id = changes.get("id") or event_id
    our_event = event_text(ours_alone, new_id) or ""
    if their_event is None:
        merged = {**base_event, **changes}
        ours = add_event(their_text, {k: v for k, v in merged.items() if v is not None})
    else:
        ours = update_event(their_text, event_id, changes)
    return Conflict(event_id, their_text, ours, event_text(their_text, event_id), our_event)


def _event(document: Mapping[str, Any], event_id: str) -> dict[str, Any] | None:
    events = document.get("events", [])
    found = [e for e in events if isinstance(e, dict) and e.get("id") == event_id]
    return found[0] if len(found) == 1 else None
