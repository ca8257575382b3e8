"""The follower against hostile replacements: a FIFO, a huge file, a folder made again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import BASE
from tests.core.living.test_watch import TIMEOUT, Follower, calendar_file, edited, follower
from tui.core.errors import CalendarError
from tui.core.living.watch import UNREADABLE_DIGEST, load_version, read_settled, reload

__all__ = ["calendar_file", "follower"]  # fixtures, shared with test_watch


def test_a_fifo_over_the_calendar_never_blocks_the_follower(
    calendar_file: Path, follower: Follower
) -> None:
    fifo = calendar_file.with_name("pipe")
    os.mkfifo(fifo)
    os.replace(fifo, calendar_file)
    version = follower.next()
    assert (version.data, version.digest) == (None, UNREADABLE_DIGEST)
    error = load_version(version)
    assert isinstance(error, CalendarError)
    assert "not a regular file (a FIFO)" in str(error)
    # It is still followed: a real file put back is seen.
    calendar_file.unlink()
    calendar_file.write_text(edited("After the FIFO"), encoding="utf-8")
    assert follower.next_with_data() == edited("After the FIFO").encode()


def test_a_link_to_a_fifo_is_refused_by_reload(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "events.toml"
    link.symlink_to(fifo)
    error = reload(link)
    assert isinstance(error, CalendarError)
    assert "not a regular file (a FIFO)" in str(error)


def test_a_file_over_the_limit_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPLOCAL_MAX_MB", "1")
    big = tmp_path / "events.toml"
    with big.open("wb") as stream:  # sparse: costs no disk, and 3 MB if read whole
        stream.truncate(3_000_000)
    import threading

    version = read_settled(big, threading.Event())
    assert (version.data, version.digest) == (None, UNREADABLE_DIGEST)
    error = load_version(version)
    assert isinstance(error, CalendarError)
    assert "larger than 1 MB" in str(error)


def test_the_folder_removed_and_made_again_is_followed_again(tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    folder.mkdir()
    path = folder / "events.toml"
    path.write_text(BASE, encoding="utf-8")
    watcher = Follower(path)
    try:
        watcher.arm(path)
        shutil.rmtree(folder)
        assert watcher.next().data is None
        folder.mkdir()
        path.write_text(edited("Made again"), encoding="utf-8")
        assert watcher.next_with_data() == edited("Made again").encode()
        path.write_text(edited("Written later"), encoding="utf-8")
        assert watcher.next_with_data() == edited("Written later").encode()
    finally:
        watcher.stop.set()
        watcher.thread.join(TIMEOUT)
    assert not watcher.thread.is_alive()
