"""Where a calendar was last published from the TUI, and when: a convenience, kept privately.

The collection URL is remembered per calendar (its id and its file, as the baseline is kept),
in ``$XDG_STATE_HOME/diplocal/caldav/targets/`` (0700, files 0600), so the dialog offers it
next time. Only the URL is kept: it never holds a password (``check_url`` refuses one), and
the credentials come from the environment or ~/.netrc each time. When it was published is
read from the publishing state itself (``state.published_at``): the one record of a round
that ended well. A missing home, an unreadable or foreign file: nothing remembered, no error.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path

from tui.core.living.baseline import state_stem
from tui.core.sharing.dav import SharingError, public_url
from tui.core.sharing.state import load_state, state_path
from tui.core.system.files import write_atomic
from tui.core.system.places import state_dir

_LIMIT = 64 * 1024  # a URL's file is a few hundred bytes; anything larger is not ours


def _target_file(calendar_id: str, source: Path | None, folder: Path | None) -> Path | None:
    base = folder if folder is not None else state_dir()
    if base is None:
        return None
    return base / "caldav" / "targets" / f"{state_stem(calendar_id, source)}.json"


def remember_url(
    calendar_id: str, source: Path | None, url: str, folder: Path | None = None
) -> None:
    """Keep ``url`` as where this calendar is published; failing keeps nothing, silently."""
    path = _target_file(calendar_id, source, folder)
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"url": url}).encode() + b"\n", mode=0o600)


def remembered_url(calendar_id: str, source: Path | None, folder: Path | None = None) -> str:
    """The URL this calendar was last published to from here, or ''."""
    path = _target_file(calendar_id, source, folder)
    if path is None:
        return ""
    try:
        with path.open("rb") as file:
            url = json.loads(file.read(_LIMIT)).get("url", "")
    except (OSError, ValueError, AttributeError):
        return ""
    return url if isinstance(url, str) else ""


def last_published(calendar_id: str, url: str, folder: Path | None = None) -> datetime | None:
    """When a round publishing this calendar to ``url`` last ended well (UTC), or None."""
    if not url:
        return None
    try:
        public = public_url(url)
        state = load_state(state_path(public, calendar_id, folder), public, calendar_id)
        when = datetime.fromisoformat(state.published_at) if state.published_at else None
    except (SharingError, ValueError):
        return None
    if when is None:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
