"""What a calendar may hold, checked before the cost of more is paid: its size in bytes,
and (see `tui.core.toml.limits` and the validator) its nesting, parts and list lengths."""

from __future__ import annotations

import os

MAX_SIZE_ENV = "DIPLOCAL_MAX_MB"
DEFAULT_MAX_MB = 200


def size_limit() -> int:
    """The largest file read, in bytes: ``$DIPLOCAL_MAX_MB`` megabytes, else 200."""
    setting = os.environ.get(MAX_SIZE_ENV, "").strip()
    megabytes = int(setting) if setting.isdigit() and len(setting) < 10 else DEFAULT_MAX_MB
    return megabytes * 1_000_000
