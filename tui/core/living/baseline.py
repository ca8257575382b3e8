"""The version of a calendar the user last saw, kept between runs, and per-event revisions.

The baseline is a copy of the TOML bytes last shown, in ``$XDG_STATE_HOME/diplocal``
(default ``~/.local/state/diplocal``), named by the calendar's id, so opening the app the
next morning can say what changed overnight. Beside it, a small JSON file keeps each
event's iCalendar SEQUENCE and LAST-MODIFIED, so an export after a change lets calendar
clients update the event in place instead of adding a second copy.

Everything here is a convenience: a missing HOME, a read-only or full disk, a copy that no
longer loads all mean "no baseline", never an error. The user's calendar file is only
ever read, by the caller; this module writes its own folder and nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from tui.core.errors import CalendarError
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar, Event
from tui.core.system.files import write_atomic
from tui.core.system.places import state_dir

FOLDER_MODE, FILE_MODE = 0o700, 0o600
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
# Fields that do not change what an exported VEVENT says (``updated`` is the stamp of a
# change, not one: it becomes LAST-MODIFIED, and re-stamping alone bumps no SEQUENCE).
_NOT_FINGERPRINTED = frozenset({"id", "explicit_end", "updated"})


def _stem(calendar_id: str) -> str:
    # Calendar ids are slugs already; anything else is hashed so it can never name a path.
    if _SAFE_ID.fullmatch(calendar_id):
        return calendar_id
    return "id-" + hashlib.sha256(calendar_id.encode()).hexdigest()[:32]


def baseline_path(calendar_id: str, folder: Path | None = None) -> Path | None:
    """Where the last-seen copy of calendar ``calendar_id`` is kept (None: nowhere)."""
    folder = folder or state_dir()
    return folder / f"{_stem(calendar_id)}.toml" if folder else None


def _private_folder(folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    if folder.stat().st_mode & 0o777 != FOLDER_MODE:
        folder.chmod(FOLDER_MODE)  # ours alone: made by an older version or by hand


def save_baseline(calendar_id: str, data: bytes, folder: Path | None = None) -> bool:
    """Keep ``data`` (the calendar file's bytes as shown) as the last-seen version.

    Returns whether it was kept; any failure leaves the previous baseline whole.
    """
    path = baseline_path(calendar_id, folder)
    if path is None:
        return False
    try:
        _private_folder(path.parent)
        write_atomic(path, data, mode=FILE_MODE)
    except OSError:
        return False
    return True


def load_baseline(calendar_id: str, folder: Path | None = None) -> Calendar | None:
    """The last-seen version of calendar ``calendar_id``, or None when there is none usable.

    A copy that no longer loads (a newer diplocal rejects it, or it was damaged) counts as
    no baseline: the next save replaces it.
    """
    path = baseline_path(calendar_id, folder)
    if path is None:
        return None
    try:
        calendar = load_calendar(path).calendar
    except CalendarError:
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
    before = {e.id: e for e in baseline.events} if baseline else {}
    revisions: dict[str, Revision] = {}
    for event in events:
        content = fingerprint(event)
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
    return revisions


def revisions_path(calendar_id: str, folder: Path | None = None) -> Path | None:
    """Where the revisions of calendar ``calendar_id`` are kept (None: nowhere)."""
    path = baseline_path(calendar_id, folder)
    return path.with_suffix(".revisions.json") if path else None


def load_revisions(calendar_id: str, folder: Path | None = None) -> dict[str, Revision]:
    """The stored revisions; empty when there are none or they cannot be read."""
    path = revisions_path(calendar_id, folder)
    if path is None:
        return {}
    try:
        document = json.loads(path.read_bytes())
        return {
            key: Revision(
                int(value["sequence"]),
                datetime.fromisoformat(value["last_modified"]),
                str(value["fingerprint"]),
            )
            for key, value in document["events"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_revisions(
    calendar_id: str, revisions: Mapping[str, Revision], folder: Path | None = None
) -> bool:
    """Store ``revisions`` merged over the stored ones (an export of a filtered view keeps
    the others'); returns whether they were kept."""
    path = revisions_path(calendar_id, folder)
    if path is None:
        return False
    merged = {**load_revisions(calendar_id, folder), **revisions}
    events = {
        key: {
            "sequence": r.sequence,
            "last_modified": r.last_modified.isoformat(),
            "fingerprint": r.fingerprint,
        }
        for key, r in sorted(merged.items())
    }
    data = json.dumps({"version": 1, "events": events}, indent=1).encode()
    with contextlib.suppress(OSError):
        _private_folder(path.parent)
        write_atomic(path, data, mode=FILE_MODE)
        return True
    return False


def export_revisions(
    calendar: Calendar, events: Iterable[Event], now: datetime, folder: Path | None = None
) -> dict[str, tuple[int, datetime]]:
    """(SEQUENCE, LAST-MODIFIED) for exporting ``events``, remembered for the next export.

    Bumped for each event whose content changed since the last export, or, the first
    time, since the baseline. When nothing can be stored the numbers are still right for
    this export; they simply start afresh next time.
    """
    chosen = list(events)
    known = load_revisions(calendar.id, folder)
    baseline = None if known else load_baseline(calendar.id, folder)
    revisions = revise(chosen, known, baseline, now)
    save_revisions(calendar.id, revisions, folder)
    return {key: (r.sequence, r.last_modified) for key, r in revisions.items()}


def starting_baseline(calendar: Calendar, path: Path) -> Calendar | None:
    """The version last marked as seen. When its copy is the file as it is now (the usual
    start), that is ``calendar`` itself: nothing is parsed or compared again. The first
    time, the file becomes that version, so the next start shows what changed after it."""
    kept = baseline_path(calendar.id)
    try:
        current = path.read_bytes()
    except OSError:
        return None
    try:
        if kept is not None and kept.read_bytes() == current:
            return calendar
    except OSError:
        pass
    found = load_baseline(calendar.id)
    if found is None:
        save_baseline(calendar.id, current)
    return found
