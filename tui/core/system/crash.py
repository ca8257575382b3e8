"""Keeping the full story of a crash somewhere private, so the terminal gets one line."""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from tui.core.system.files import write_atomic
from tui.core.system.places import state_dir


def write_crash_report(error: BaseException, now: datetime | None = None) -> Path | None:
    """Write ``error``'s traceback to a private file and return its path (None: nowhere).

    The file goes to the state folder, else the temporary folder; it is 0600 because a
    traceback can quote calendar text.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    text = "".join(_story(error)).encode("utf-8", "replace")
    for folder in (state_dir(), Path(tempfile.gettempdir())):
        if folder is None:
            continue
        path = folder / f"diplocal-crash-{stamp}-{os.getpid()}.txt"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(path, text, mode=0o600)
        except OSError:
            continue
        return path
    return None


def _story(error: BaseException) -> list[str]:
    """The traceback, and the one of the error a worker's failure wraps (Textual's
    WorkerFailed keeps the original in ``error`` without chaining it: without this the
    report would say only that some worker failed)."""
    lines = traceback.format_exception(error)
    wrapped = getattr(error, "error", None)
    if isinstance(wrapped, BaseException) and wrapped is not error:
        lines += ["\nThe worker failed with:\n\n", *traceback.format_exception(wrapped)]
    return lines
