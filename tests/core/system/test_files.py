"""Where `export -o` writes: what it finds at the path is written into, never replaced
(links, FIFOs, devices), kept (mode, owner), or refused (the calendar being exported)."""

from __future__ import annotations

import io
import os
import signal
import stat
import time
from pathlib import Path
from threading import Event, Thread

import pytest

from tests.conftest import DATA
from tests.stalling_reader import StallingReader
from tui.cli import main
from tui.core.system import files

SAMPLE = DATA / "sample.toml"
OLD = b"old content\n"


def export_to(target: Path, *extra: str, source: Path = SAMPLE) -> tuple[int, str]:
    err = io.StringIO()
    code = main(["export", str(source), "-o", str(target), *extra], io.StringIO(), err)
    return code, err.getvalue()


def is_export(data: bytes) -> bool:
    return data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(files.TEMP_SUFFIX)]


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_bytes(OLD)
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    assert export_to(link)[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert is_export(real.read_bytes())


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    # The reader is there before the export opens the FIFO (a FIFO nobody reads is
    # refused); the export is smaller than the pipe's buffer, so it is read afterwards.
    end = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, err = export_to(fifo)
        received = os.read(end, 1 << 20)
    finally:
        os.close(end)
    assert (code, err) == (0, f"{fifo}: wrote 7 events (ics)\n")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert is_export(received)


def test_a_fifo_nobody_reads_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    code, err = export_to(fifo)  # a blocking open would wait here for a reader forever
    assert code == 1
    assert err == f"{fifo}: error: cannot write: a FIFO that nobody reads\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    # Our own /dev/null (major 1, minor 3): the real one is never put at risk.
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert export_to(null)[0] == 0
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert null.stat().st_rdev == os.makedev(1, 3)


def test_a_hard_link_keeps_both_names_on_the_new_content(tmp_path: Path) -> None:
    first = tmp_path / "a.ics"
    first.write_bytes(OLD * 1000)
    second = tmp_path / "b.ics"
    os.link(first, second)
    assert export_to(first)[0] == 0
    assert first.stat().st_ino == second.stat().st_ino
    assert is_export(second.read_bytes())
    assert leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    target.write_bytes(OLD)
    target.chmod(0o640)
    assert export_to(target)[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert is_export(target.read_bytes())


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_replaced_file_keeps_its_owner_and_group(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    target.write_bytes(OLD)
    os.chown(target, 65534, 65534)
    assert export_to(target)[0] == 0
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        assert export_to(tmp_path / "new.ics")[0] == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.ics").stat().st_mode) == 0o640


@pytest.mark.parametrize("through_link", [False, True])
def test_the_calendar_being_exported_is_not_overwritten(tmp_path: Path, through_link: bool) -> None:
    source = tmp_path / "cal.toml"
    source.write_bytes(SAMPLE.read_bytes())
    target = source
    if through_link:
        target = tmp_path / "cal-link.toml"
        target.symlink_to(source)
    code, err = export_to(target, source=source)
    assert code == 2
    assert "is the calendar being exported" in err and "--force" in err
    assert source.read_bytes() == SAMPLE.read_bytes()
    assert export_to(target, "--force", source=source)[0] == 0
    assert source.read_bytes() != SAMPLE.read_bytes()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    target = tmp_path / "out.ics"
    target.write_bytes(OLD)
    before = signal.getsignal(signum)  # SIG_IGN for SIGHUP under nohup, else SIG_DFL

    def killed(_handle: int) -> None:
        os.kill(os.getpid(), signum)  # arrives while the temporary file exists

    monkeypatch.setattr(files.os, "fsync", killed)
    code, _ = export_to(target)
    assert code == 128 + signum
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []
    assert signal.getsignal(signum) is before  # the handler is put back


def test_stale_temporary_files_of_ours_are_swept(tmp_path: Path) -> None:
    stale = tmp_path / ".out.ics.k3j_x9q2.tmp"
    young = tmp_path / ".out.ics.a8d7f6g5.tmp"
    unrelated = tmp_path / ".other.ics.k3j_x9q2.tmp"
    for file in (stale, young, unrelated):
        file.write_bytes(b"")
    hour_ago = time.time() - 3600
    for file in (stale, unrelated):
        os.utime(file, (hour_ago, hour_ago))
    assert export_to(tmp_path / "out.ics")[0] == 0
    assert sorted(leftovers(tmp_path)) == sorted([young.name, unrelated.name])


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.ics"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        code, err = export_to(path)
    assert code == 1
    assert "cannot write" in err


def _write_in_a_thread(fifo: Path, data: bytes, **options: object) -> tuple[Thread, list]:
    outcome: list[BaseException | None] = []

    def write() -> None:
        try:
            files.write_atomic(fifo, data, **options)  # type: ignore[arg-type]
        except BaseException as error:
            outcome.append(error)
        else:
            outcome.append(None)

    thread = Thread(target=write, daemon=True)
    thread.start()
    return thread, outcome


def test_a_fifo_whose_reader_stops_is_given_up_when_told(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    reader = StallingReader(fifo)
    stop = Event()
    try:
        thread, outcome = _write_in_a_thread(fifo, b"x" * 1_000_000, stop=stop.is_set)
        assert reader.stalled.wait(10)
        stop.set()  # a cancelled export: the write ends, not blocked in write()
        thread.join(5)
        assert not thread.is_alive(), "the write is still blocked"
    finally:
        reader.close()
    assert isinstance(outcome[0], InterruptedError)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_whose_reader_stops_is_given_up_after_the_stall(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "STALL", 0.5)
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    reader = StallingReader(fifo)
    try:
        thread, outcome = _write_in_a_thread(fifo, b"x" * 1_000_000)
        thread.join(10)
        assert not thread.is_alive(), "the write is still blocked"
    finally:
        reader.close()
    assert isinstance(outcome[0], TimeoutError)
    assert "its reader took nothing for" in str(outcome[0])
