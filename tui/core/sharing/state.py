"""What diplocal last published to a collection, kept privately (0600) under XDG_STATE_HOME.

One JSON file per (collection URL, calendar id): two calendars published to one collection
never delete each other's events. For each resource it published: the UID, the ETag the
server gave it, the digest of what was sent, and its SEQUENCE. Only writes the server
confirmed are recorded, so a round that fails half way records the half that happened.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tui.core.sharing.dav import SharingError
from tui.core.system.files import write_atomic
from tui.core.system.places import state_dir

FORMAT = 1


@dataclass(frozen=True, slots=True)
class Published:
    """One resource as diplocal last wrote it."""

    uid: str
    etag: str
    digest: str
    sequence: int


@dataclass(slots=True)
class PublishedState:
    url: str
    calendar_id: str
    resources: dict[str, Published] = field(default_factory=dict)
    published_at: str = ""  # ISO 8601, UTC: when a round last ended well


def state_path(url: str, calendar_id: str, folder: Path | None = None) -> Path:
    """The state file for publishing calendar ``calendar_id`` to ``url``."""
    base = folder if folder is not None else state_dir()
    if base is None:
        raise SharingError("no home folder to keep what was published in (set XDG_STATE_HOME)")
    key = hashlib.sha256(f"{url}\n{calendar_id}".encode()).hexdigest()[:24]
    return base / "caldav" / f"{key}.json"


def load_state(path: Path, url: str, calendar_id: str) -> PublishedState:
    """The state in ``path``; an empty one when there is none yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return PublishedState(url, calendar_id)
    except OSError as error:
        raise SharingError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        document = json.loads(raw)
        if document.get("format") != FORMAT:
            raise ValueError(f"format {document.get('format')!r}, not {FORMAT}")
        resources = {
            name: Published(
                str(entry["uid"]), str(entry["etag"]), str(entry["digest"]), int(entry["sequence"])
            )
            for name, entry in document["resources"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise SharingError(
            f"{path}: unreadable publishing state ({error}); remove it and publish again "
            "(events already on the server are recognised by their content)"
        ) from None
    return PublishedState(url, calendar_id, resources, str(document.get("published_at", "")))


def save_state(path: Path, state: PublishedState) -> None:
    """Write the state, readable by its owner only."""
    document = {
        "format": FORMAT,
        "url": state.url,
        "calendar_id": state.calendar_id,
        "published_at": state.published_at,
        "resources": {name: asdict(entry) for name, entry in sorted(state.resources.items())},
    }
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, json.dumps(document, indent=1).encode() + b"\n", mode=0o600)
    except OSError as error:
        raise SharingError(f"{path}: cannot write: {error.strerror or error}") from None
