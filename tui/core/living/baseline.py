"""The version of a calendar the user last saw, kept between runs, and per-event revisions.

The baseline is a copy of the TOML bytes last shown, in ``$XDG_STATE_HOME/diplocal``
(default ``~/.local/state/diplocal``), named by the calendar's id and its file (a digest of
the file's real path: two calendars with the same id never share a baseline or SEQUENCE
numbers), so opening the app the next morning can say what changed overnight. State kept
by older versions under the id alone is ignored: the first start keeps the file afresh.
Beside it, a small JSON file keeps each event's iCalendar SEQUENCE and LAST-MODIFIED, so an
export after a change lets calendar clients update the event in place instead of adding a
second copy.

Everything here is a convenience: a missing HOME, a read-only or full disk, a copy that no
longer loads all mean "no baseline", never an error. The user's calendar file is only
ever read; this module writes its own folder and nothing else. As the cache does, it
trusts that folder only when it is a real folder (not a link), ours, and written by no one
else; its files are read and replaced without following links (a link there was planted:
we never make one), and never more than the size limit of them is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from tui.core.errors import CalendarError
from tui.core.loading.limits import size_limit
from tui.core.loading.load import load_bytes
from tui.core.model import Calendar, Event
from tui.core.system.files import write_own
from tui.core.system.places import state_dir
from tui.core.system.safe_read import read_regular

FOLDER_MODE, FILE_MODE = 0o700, 0o600
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
# Fields that do not change what an exported VEVENT says (``updated`` is the stamp of a
# change, not one: it becomes LAST-MODIFIED, and re-stamping alone bumps no SEQUENCE).
_NOT_FINGERPRINTED = frozenset({"id", "explicit_end", "updated"})
# The fingerprints the last `revise` computed, by event (an Event is frozen and hashable):
# exporting again costs no JSON or SHA-256 per unchanged event. Replaced whole each time.
_last_fingerprints: dict[Event, str] = {}


def _stem(calendar_id: str) -> str:
    # Calendar ids are slugs already; anything else is hashed so it can never name a path.
    if _SAFE_ID.fullmatch(calendar_id):
        return calendar_id
    return "id-" + hashlib.sha256(calendar_id.encode()).hexdigest()[:32]


def state_stem(calendar_id: str, source: Path | None) -> str:
    """The name of a calendar's state files, without suffix: its id and, for a calendar
    read from a file, a digest of that file's real path."""
    stem = _stem(calendar_id)
    if source is None:
        return stem
    real = os.path.realpath(source)
    return f"{stem}.{hashlib.sha256(os.fsencode(real)).hexdigest()[:16]}"


def baseline_path(
    calendar_id: str, folder: Path | None = None, *, source: Path | None = None
) -> Path | None:
    """Where the last-seen copy of calendar ``calendar_id`` read from ``source`` is kept
    (None: nowhere)."""
    folder = folder or state_dir()
    return folder / f"{state_stem(calendar_id, source)}.toml" if folder else None


def _private_folder(folder: Path) -> None:
    """Make ``folder`` (0700) if needed, and refuse it unless it is a private folder of ours.

    Raises:
        OSError: it cannot be made, or is a link, not a folder, or not ours alone.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=FOLDER_MODE)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(20, "not a folder", str(folder))
    if info.st_uid != os.geteuid():
        raise PermissionError(1, "owned by someone else", str(folder))
    if stat.S_IMODE(info.st_mode) != FOLDER_MODE:
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise PermissionError(1, "others may write to it", str(folder))
        folder.chmod(FOLDER_MODE)  # ours alone: made by an older version or by hand


def _read_own(path: Path) -> bytes:
    """One of our state files, never through a link, never a FIFO, never past the limit.

    Raises:
        OSError: there is none, or it cannot be trusted or read.
    """
    _trusted_folder(path.parent)
    return read_regular(path, size_limit(), follow=False)


def _trusted_folder(folder: Path) -> None:
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
        raise PermissionError(1, "not a folder of ours", str(folder))
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise PermissionError(1, "others may write to it", str(folder))


def _write_own(path: Path, data: bytes) -> None:
    _private_folder(path.parent)
    write_own(path, data, FILE_MODE)


def save_baseline(
    calendar_id: str, data: bytes, folder: Path | None = None, *, source: Path | None = None
) -> bool:
    """Keep ``data`` (the calendar file's bytes as shown) as the last-seen version.

    Returns whether it was kept; any failure leaves the previous baseline whole.
    """
    path = baseline_path(calendar_id, folder, source=source)
    if path is None:
        return False
    try:
        _write_own(path, data)
    except OSError:
        return False
    return True


def mark_seen(calendar_id: str, source: Path) -> bool:
    """Keep the calendar file at ``source`` as it is now as the last-seen version (the
    file is read as a calendar is: a FIFO or a file over the limit is not kept)."""
    try:
        data = read_regular(source, size_limit())
    except OSError:
        return False
    return save_baseline(calendar_id, data, source=source)


def load_baseline(
    calendar_id: str, folder: Path | None = None, *, source: Path | None = None
) -> Calendar | None:
    """The last-seen version of calendar ``calendar_id``, or None when there is none usable.

    A copy that no longer loads (a newer diplocal rejects it, or it was damaged) counts as
    no baseline: the next save replaces it.
    """
    path = baseline_path(calendar_id, folder, source=source)
    if path is None:
        return None
    try:
        calendar = load_bytes(_read_own(path), str(path)).calendar
    except (CalendarError, OSError):
        return None
    return calendar if calendar.id == calendar_id else None


# --- revisions: SEQUENCE and LAST-MODIFIED per event -------------------------------------
@dataclass(frozen=True, slots=True)
class Revision:
    """An event's iCalendar revision, and a fingerprint of the content it belongs to."""

    sequence: int
    last_modified: datetime
    fingerprint: str


def fingerprint(event: Event) -> str:
    """A digest of what the event says (every field but its id and the file's layout)."""
    from tui.core.living.changes import plain  # for exports, not for a start

    values = {
        f.name: plain(getattr(event, f.name))
        for f in fields(event)
        if f.name not in _NOT_FINGERPRINTED
    }
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def revise(
    events: Iterable[Event],
    known: Mapping[str, Revision],
    baseline: Calendar | None,
    now: datetime,
) -> dict[str, Revision]:
    """Each event's revision: kept while its content is unchanged, bumped when it changed.

    Without a stored revision, an event that differs from its baseline version starts at 1,
    modified ``now``; one equal to it, or new, starts at 0. The same calendar revised again
    gives the same revisions, so exporting twice never bumps twice.
    """
    global _last_fingerprints
    before = {e.id: e for e in baseline.events} if baseline else {}
    revisions: dict[str, Revision] = {}
    known_prints, fresh_prints = _last_fingerprints, {}
    for event in events:
        content = known_prints.get(event) or fingerprint(event)
        fresh_prints[event] = content
        stored = known.get(event.id)
        if stored is not None:
            same = stored.fingerprint == content
            revisions[event.id] = stored if same else Revision(stored.sequence + 1, now, content)
            continue
        original = before.get(event.id)
        if original is not None and fingerprint(original) == content:
            stamp = baseline.updated if baseline and baseline.updated else now
            revisions[event.id] = Revision(0, stamp, content)
        else:
            revisions[event.id] = Revision(1 if original else 0, now, content)
    _last_fingerprints = fresh_prints
    return revisions


def revisions_path(
    calendar_id: str, folder: Path | None = None, *, source: Path | None = None
) -> Path | None:
    """Where the revisions of calendar ``calendar_id`` are kept (None: nowhere)."""
    path = baseline_path(calendar_id, folder, source=source)
    return path.with_suffix(".revisions.json") if path else None


def load_revisions(
    calendar_id: str, folder: Path | None = None, *, source: Path | None = None
) -> dict[str, Revision]:
    """The stored revisions; empty when there are none or they cannot be read."""
    path = revisions_path(calendar_id, folder, source=source)
    if path is None:
        return {}
    try:
        document = json.loads(_read_own(path))
        return {
            key: Revision(
                int(value["sequence"]),
                datetime.fromisoformat(value["last_modified"]),
                str(value["fingerprint"]),
            )
            for key, value in document["events"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return {}


def save_revisions(
    calendar_id: str,
    revisions: Mapping[str, Revision],
    folder: Path | None = None,
    *,
    source: Path | None = None,
    known: Mapping[str, Revision] | None = None,
) -> bool:
    """Store ``revisions`` merged over the stored ones (an export of a filtered view keeps
    the others'); returns whether they were kept.

    ``known``: the stored revisions, when the caller has just read them (not read again;
    and when ``revisions`` change none of them, nothing is written)."""
    path = revisions_path(calendar_id, folder, source=source)
    if path is None:
        return False
    stored = load_revisions(calendar_id, folder, source=source) if known is None else known
    merged = {**stored, **revisions}
    if known is not None and merged == known and path.exists():
        return True  # nothing changed since the last export: nothing to write
    events = {
        key: {
            "sequence": r.sequence,
            "last_modified": r.last_modified.isoformat(),
            "fingerprint": r.fingerprint,
        }
        for key, r in sorted(merged.items())
    }
    # One line: json's C encoder (an indented file is written by its Python one, slower
    # than the export itself at 100,000 events).
    data = json.dumps({"version": 1, "events": events}, separators=(",", ":")).encode()
    with contextlib.suppress(OSError):
        _write_own(path, data)
        return True
    return False


def export_revisions(
    calendar: Calendar,
    events: Iterable[Event],
    now: datetime,
    folder: Path | None = None,
    *,
    source: Path | None = None,
) -> dict[str, tuple[int, datetime]]:
    """(SEQUENCE, LAST-MODIFIED) for exporting ``events`` of the calendar read from
    ``source``, remembered for the next export.

    Bumped for each event whose content changed since the last export, or, the first
    time, since the baseline. When nothing can be stored the numbers are still right for
    this export; they simply start afresh next time.
    """
    chosen = list(events)
    known = load_revisions(calendar.id, folder, source=source)
    baseline = None if known else load_baseline(calendar.id, folder, source=source)
    revisions = revise(chosen, known, baseline, now)
    save_revisions(calendar.id, revisions, folder, source=source, known=known)
    return {key: (r.sequence, r.last_modified) for key, r in revisions.items()}


def starting_baseline(calendar: Calendar, path: Path) -> Calendar | None:
    """The version last marked as seen. When its copy is the file as it is now (the usual
    start), that is ``calendar`` itself: nothing is parsed or compared again. The first
    time, the file becomes that version, so the next start shows what changed after it."""
    kept = baseline_path(calendar.id, source=path)
    try:
        current = read_regular(path, size_limit())
    except OSError:
        return None
    try:
        if kept is not None and _read_own(kept) == current:
            return calendar
    except OSError:
        pass
    found = load_baseline(calendar.id, source=path)
    if found is None:
        save_baseline(calendar.id, current, source=path)
    return found
