"""What a calendar may hold, checked before the cost of more is paid: its size in bytes,
and (see `tui.core.toml.parse` and the validator) its nesting, parts and list lengths."""

from __future__ import annotations

import os

# Items in one array of a calendar (sources, participants, aliases...): far past any real
# visit, and short of what makes a screen take seconds to draw (100,000 sources did).
MAX_ITEMS = 1_000
MAX_SIZE_ENV = "DIPLOCAL_MAX_MB"
DEFAULT_MAX_MB = 200


def size_limit() -> int:
    """The largest file read, in bytes: ``$DIPLOCAL_MAX_MB`` megabytes, else 200."""
    setting = os.environ.get(MAX_SIZE_ENV, "").strip()
    megabytes = int(setting) if setting.isdigit() and len(setting) < 10 else DEFAULT_MAX_MB
    return megabytes * 1_000_000
