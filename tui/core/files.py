"""Writing files so that a failure never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(
    path: Path,
    data: bytes,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The file gets ``mode`` (e.g. 0o600 for private state) when given, else the usual mode
    of a new file (0o666 less the umask). Either way it has that mode before it appears
    under its name, so a private file is never readable by others, not even for a moment.
    ``owner`` (uid, gid) is given to it as far as the user may: the group alone, or neither.
    ``before_replace`` runs last, after the data is on disk: it may raise to call the
    rename off (a save checks there that nobody changed the file meanwhile).

    Raises:
        OSError: when the folder does not exist or cannot be written; ``path`` is untouched.
        Whatever ``before_replace`` raises; ``path`` is untouched then too.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise IsADirectoryError(21, "is a directory", str(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is None:
            # mkstemp makes the file private; give it the usual mode for a new file.
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        if owner is not None:
            _give(temporary, owner)
        os.chmod(temporary, mode)  # after chown, which may clear set-id bits
        if before_replace is not None:
            before_replace()
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _give(path: str, owner: tuple[int, int]) -> None:
    """Chown as far as permitted: only root may give a file away, a user may change its group."""
    uid, gid = owner
    for wanted in ((uid, gid), (-1, gid)):
        try:
            os.chown(path, *wanted)
            return
        except PermissionError:
            continue
