"""Following a calendar file as it changes, for live reload (plain Python, no Textual).

The folder is watched, not the file: an editor that saves by writing a temporary file and
renaming it over the calendar, `git checkout`, or a delete and re-create all replace the
file's inode, and a watch on the old inode would go quiet. watchfiles (inotify on Linux,
FSEvents on macOS, no polling loop of ours) groups a burst of events; after each group the
file is read only once its size and modification time hold still, and a version is handed
over only when its bytes differ from the last one, so a half-written file or a save that
changed nothing never reaches the caller.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from tui.core.errors import CalendarError
from tui.core.loading.limits import size_limit
from tui.core.loading.load import Loaded, load_bytes, read_bytes
from tui.core.system.safe_read import read_regular

STEP_MS = 50  # a burst of writes closer together than this is one change
DEBOUNCE_MS = 1600  # the longest a burst is gathered before it is looked at
SETTLE_S = 0.05  # the file must keep its size and mtime this long before it is read
MISSING_DIGEST, UNREADABLE_DIGEST = "missing", "unreadable"
RECHECK_MS = 1000  # how often the folders are looked at, for one removed and made again


@dataclass(frozen=True, slots=True)
class FileVersion:
    """The file's content at one moment; ``data`` is None when the file is gone or cannot
    be read (``digest`` says which)."""

    path: Path
    data: bytes | None
    digest: str


def digest_of(data: bytes | None) -> str:
    """What tells two versions apart: a SHA-256 of the bytes."""
    return MISSING_DIGEST if data is None else hashlib.sha256(data).hexdigest()


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Size, mtime and inode: these hold still once a writer is done."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


def read_settled(path: Path, stop: threading.Event, settle: float = SETTLE_S) -> FileVersion:
    """The file's bytes once it has stopped changing (or it is gone), or the last seen
    when ``stop`` is set first."""
    while True:
        before = _signature(path)
        if stop.wait(settle):
            break
        if _signature(path) != before:
            continue  # still being written
        if before is None:
            return FileVersion(path, None, MISSING_DIGEST)
        try:
            data = _read(path)
        except OSError:
            if _signature(path) == before:  # there and still, yet unreadable (a folder...)
                return FileVersion(path, None, UNREADABLE_DIGEST)
            continue  # replaced or removed while reading: look again
        if _signature(path) == before:
            return FileVersion(path, data, digest_of(data))
    last_seen = _read_or_none(path)
    return FileVersion(path, last_seen, digest_of(last_seen))


def _read(path: Path) -> bytes:
    """The file's bytes, never blocking on a FIFO nor reading past the size limit (a file
    over it is unreadable here; `load_version` then says why without reading it whole)."""
    return read_regular(path, size_limit())


def _read_or_none(path: Path) -> bytes | None:
    try:
        return _read(path)
    except OSError:
        return None


def _watched(path: Path) -> tuple[set[Path], set[str]]:
    """The folders to watch and the file paths that matter: the path as given and, for a
    symlink, the file it points to."""
    given = Path(os.path.abspath(path))
    targets = {given, given.resolve()}
    return {t.parent for t in targets}, {str(t) for t in targets}


def _identities(folders: set[Path]) -> tuple[tuple[int, int] | None, ...]:
    """Which folder is at each watched place: a folder removed (or made again) changes it."""
    found: list[tuple[int, int] | None] = []
    for folder in sorted(folders):
        try:
            status = folder.stat()
        except OSError:
            found.append(None)
            continue
        found.append((status.st_dev, status.st_ino))
    return tuple(found)


def follow(
    path: Path,
    stop: threading.Event,
    known: bytes | None = None,
    step_ms: int = STEP_MS,
    settle: float = SETTLE_S,
) -> Iterator[FileVersion]:
    """Yield each new, whole version of the file at ``path`` until ``stop`` is set.

    ``known`` is the content the caller already has (default: the file as it is now);
    a version equal to the last one handed over is never yielded again. A file that goes
    away (or cannot be read) yields one version with ``data`` None; it is followed again
    when it comes back, and so is a file whose folder was removed and made again (the
    folders are looked at every `RECHECK_MS`, and watched anew when one changed).
    Blocking: run it in a thread (a Textual thread worker), and set ``stop`` to end it.
    """
    last = digest_of(known if known is not None else _read_or_none(path))
    look = False  # whether to look at the file at the next chance, changed or not
    names: set[str] = set()

    def concerns(_: watchfiles.Change, changed: str) -> bool:
        return changed in names

    while not stop.is_set():
        folders, names = _watched(path)
        seen = _identities(folders)
        present = [folder for folder, there in zip(sorted(folders), seen, strict=True) if there]
        if not present:
            look = True
            stop.wait(RECHECK_MS / 1000)
            continue
        try:
            for batch in watchfiles.watch(
                *present,
                watch_filter=concerns,
                debounce=DEBOUNCE_MS,
                step=step_ms,
                stop_event=stop,
                recursive=False,
                raise_interrupt=False,
                rust_timeout=RECHECK_MS,
                yield_on_timeout=True,
            ):
                moved = _identities(folders) != seen
                if batch or look or moved:
                    look = False
                    version = read_settled(path, stop, settle)
                    if stop.is_set():
                        return
                    if version.digest != last:
                        last = version.digest
                        yield version
                if moved:
                    look = True  # watched anew; the file is looked at once that watch runs
                    break
        except OSError:  # a folder went away as the watch began: look again shortly
            look = True
            stop.wait(RECHECK_MS / 1000)


def load_version(version: FileVersion) -> Loaded | CalendarError:
    """The calendar in ``version``, or the located errors that keep it from loading (the
    caller keeps showing the last good calendar)."""
    try:
        # Without data, reading again gives the located reason (no such file, permission
        # denied...), or the bytes of a file that is back.
        data = read_bytes(version.path) if version.data is None else version.data
        return load_bytes(data, str(version.path))
    except CalendarError as error:
        return error


def reload(path: Path) -> Loaded | CalendarError:
    """Read and load the file now (the `r` key): the calendar or its located errors."""
    stop = threading.Event()
    return load_version(read_settled(path, stop))
