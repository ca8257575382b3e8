"""Following a calendar file through real file operations, the way editors and git save.

The follower runs in a thread, as a Textual thread worker would run it; each test waits on
the versions it hands over (with a timeout), never on a fixed sleep.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BASE
from tui.core.errors import CalendarError
from tui.core.living.watch import (
    MISSING_DIGEST,
    FileVersion,
    follow,
    load_version,
    read_settled,
    reload,
)
from tui.core.loading.load import Loaded

TIMEOUT = 60.0  # seconds; only reached when something is wrong (two loaded cores on CI)


class Follower:
    """`follow` in a thread, its versions in a queue."""

    def __init__(self, path: Path) -> None:
        self.versions: queue.Queue[FileVersion] = queue.Queue()
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self.thread.start()

    def _run(self, path: Path) -> None:
        generator = follow(path, self.stop)
        self.ready.set()
        for version in generator:
            self.versions.put(version)

    def arm(self, path: Path) -> None:
        """Return once the watch is in place: the first change seen proves it.

        The watch starts inside the thread, at no moment a test can see, so write until a
        change comes through, then wait for the last write so nothing late is left over.
        """
        assert self.ready.wait(TIMEOUT)
        for attempt in range(int(TIMEOUT / 0.2)):
            content = f"{BASE}# armed {attempt}\n".encode()
            path.write_bytes(content)
            try:
                seen = self.versions.get(timeout=0.2)
                break
            except queue.Empty:
                continue
        while seen.data != content:
            seen = self.next()

    def next(self) -> FileVersion:
        return self.versions.get(timeout=TIMEOUT)

    def next_with_data(self) -> bytes:
        """The next version that has content, skipping a 'gone' one in between."""
        while (version := self.next()).data is None:
            pass
        return version.data


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    path.write_text(BASE, encoding="utf-8")
    return path


@pytest.fixture
def follower(calendar_file: Path) -> Iterator[Follower]:
    follower = Follower(calendar_file)
    follower.arm(calendar_file)
    yield follower
    follower.stop.set()
    follower.thread.join(TIMEOUT)
    assert not follower.thread.is_alive(), "stop ends the follower"


def edited(title: str) -> str:
    return BASE.replace('title = "Talks"', f'title = "{title}"')


def test_write_in_place(calendar_file: Path, follower: Follower) -> None:
    with calendar_file.open("r+b") as stream:  # same inode, as vim with backupcopy=yes
        stream.truncate(0)
        stream.write(edited("In place").encode())
    assert follower.next_with_data() == edited("In place").encode()


def test_write_temporary_then_rename(calendar_file: Path, follower: Follower) -> None:
    temporary = calendar_file.with_name(".events.toml.swp")
    temporary.write_text(edited("Renamed over"), encoding="utf-8")
    os.replace(temporary, calendar_file)
    assert follower.next_with_data() == edited("Renamed over").encode()


def test_delete_then_create_again(calendar_file: Path, follower: Follower) -> None:
    calendar_file.unlink()
    gone = follower.next()
    assert (gone.data, gone.digest) == (None, MISSING_DIGEST)
    calendar_file.write_text(edited("Back"), encoding="utf-8")
    assert follower.next_with_data() == edited("Back").encode()


def test_quick_delete_and_create_like_git_checkout(calendar_file: Path, follower: Follower) -> None:
    calendar_file.unlink()
    calendar_file.write_text(edited("Checked out"), encoding="utf-8")
    assert follower.next_with_data() == edited("Checked out").encode()


def test_a_burst_of_writes_is_one_change(calendar_file: Path, follower: Follower) -> None:
    for number in range(20):
        calendar_file.write_text(edited(f"Draft {number}"), encoding="utf-8")
    assert follower.next().data == edited("Draft 19").encode()
    # The next version handed over is the next real change, not a late draft.
    calendar_file.write_text(edited("Final"), encoding="utf-8")
    assert follower.next().data == edited("Final").encode()


def test_a_save_that_changes_nothing_is_not_a_change(
    calendar_file: Path, follower: Follower
) -> None:
    same = calendar_file.read_bytes()
    calendar_file.write_bytes(same)
    other = calendar_file.with_name("other.toml")
    other.write_text("unrelated", encoding="utf-8")  # other files in the folder are ignored
    calendar_file.write_text(edited("Real change"), encoding="utf-8")
    assert follower.next().data == edited("Real change").encode()


def test_follows_the_file_behind_a_symlink(tmp_path: Path) -> None:
    real_folder = tmp_path / "checkout"
    real_folder.mkdir()
    real = real_folder / "calendar.toml"
    real.write_text(BASE, encoding="utf-8")
    link = tmp_path / "events.toml"
    link.symlink_to(real)
    follower = Follower(link)
    try:
        follower.arm(real)
        real.write_text(edited("Through the link"), encoding="utf-8")
        assert follower.next_with_data() == edited("Through the link").encode()
    finally:
        follower.stop.set()
        follower.thread.join(TIMEOUT)


def test_read_settled_waits_for_a_writer_to_finish(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    chunk = b"[calendar]\n" * 1000
    pause = threading.Event()  # never set: its wait is a pause between chunks
    results: queue.Queue[FileVersion] = queue.Queue()
    with path.open("wb") as stream:
        stream.write(chunk)
        stream.flush()
        reader = threading.Thread(
            target=lambda: results.put(read_settled(path, threading.Event(), settle=2.0))
        )
        reader.start()
        for _ in range(5):  # a slow writer: a chunk every 20 ms, far inside the settle time
            pause.wait(0.02)
            stream.write(chunk)
            stream.flush()
    version = results.get(timeout=TIMEOUT)
    assert version.data == chunk * 6


def test_load_version_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    path.write_text(BASE.replace('host = "TJ"', 'host = "XX"'), encoding="utf-8")
    broken = reload(path)
    assert isinstance(broken, CalendarError)
    assert str(broken.diagnostics[0]).startswith(f"{path}:")
    path.write_text(BASE, encoding="utf-8")
    loaded = reload(path)
    assert isinstance(loaded, Loaded) and loaded.calendar.title == "Test summit"
    gone = load_version(FileVersion(tmp_path / "gone.toml", None, MISSING_DIGEST))
    assert isinstance(gone, CalendarError)
    assert str(gone.diagnostics[0]) == f"{tmp_path / 'gone.toml'}: error: no such file"


def test_an_unreadable_path_is_reported_not_looped_on(tmp_path: Path) -> None:
    folder = tmp_path / "events.toml"
    folder.mkdir()
    result = reload(folder)
    assert isinstance(result, CalendarError)
    assert "is a directory" in str(result)


def test_following_never_touches_the_file(calendar_file: Path) -> None:
    before = (calendar_file.read_bytes(), calendar_file.stat().st_mtime_ns)
    follower = Follower(calendar_file)
    assert follower.ready.wait(TIMEOUT)
    reload(calendar_file)
    follower.stop.set()
    follower.thread.join(TIMEOUT)
    assert not follower.thread.is_alive()
    assert (calendar_file.read_bytes(), calendar_file.stat().st_mtime_ns) == before
    assert [p.name for p in calendar_file.parent.iterdir()] == ["events.toml"]
