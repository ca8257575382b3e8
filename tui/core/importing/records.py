"""What earlier imports brought into a calendar: per key, the event id and its revision.

An .ics says which version of an event it holds (SEQUENCE, LAST-MODIFIED, DTSTAMP); the
calendar file has no place for that, so it is kept beside the export revisions, in
``$XDG_STATE_HOME/diplocal/ID.imports.json`` (private, like them). Without it an import
still matches events by id; it only cannot tell an older invitation from a newer one, and
then the file's version wins when it differs.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tui.core.living.baseline import FILE_MODE, FOLDER_MODE, baseline_path
from tui.core.system.files import write_atomic


@dataclass(frozen=True, slots=True)
class Record:
    """The event an import key became, and the revision it had."""

    event_id: str
    sequence: int
    stamp: datetime | None


def records_path(calendar_id: str, folder: Path | None = None) -> Path | None:
    """Where the import records of ``calendar_id`` are kept (None: nowhere)."""
    path = baseline_path(calendar_id, folder)
    return path.with_suffix(".imports.json") if path else None


def load_records(calendar_id: str, folder: Path | None = None) -> dict[str, Record]:
    """The stored records; empty when there are none or they cannot be read."""
    path = records_path(calendar_id, folder)
    if path is None:
        return {}
    try:
        document = json.loads(path.read_bytes())
        return {
            key: Record(
                str(value["id"]),
                int(value["sequence"]),
                datetime.fromisoformat(value["stamp"]) if value["stamp"] else None,
            )
            for key, value in document["events"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_records(
    calendar_id: str, records: Mapping[str, Record], folder: Path | None = None
) -> bool:
    """Store ``records`` over the stored ones; returns whether they were kept."""
    path = records_path(calendar_id, folder)
    if path is None or not records:
        return False
    merged = {**load_records(calendar_id, folder), **records}
    events = {
        key: {
            "id": r.event_id,
            "sequence": r.sequence,
            "stamp": r.stamp.isoformat() if r.stamp else None,
        }
        for key, r in sorted(merged.items())
    }
    data = json.dumps({"version": 1, "events": events}, indent=1, ensure_ascii=False).encode()
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        write_atomic(path, data, mode=FILE_MODE)
        return True
    return False
