"""Where diplocal keeps its own files: the XDG state and cache folders."""

from __future__ import annotations

import os
from pathlib import Path


def _xdg(variable: str, *fallback: str) -> Path | None:
    base = os.environ.get(variable)
    if not base:
        try:
            base = str(Path.home().joinpath(*fallback))
        except (RuntimeError, KeyError):  # no HOME and no password entry: no such place
            return None
    return Path(base) / "diplocal"


def state_dir() -> Path | None:
    """$XDG_STATE_HOME/diplocal, else ~/.local/state/diplocal; None when there is no home."""
    return _xdg("XDG_STATE_HOME", ".local", "state")


def cache_dir() -> Path | None:
    """$XDG_CACHE_HOME/diplocal, else ~/.cache/diplocal; None when there is no home."""
    return _xdg("XDG_CACHE_HOME", ".cache")
