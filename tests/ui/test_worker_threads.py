"""Ending the app waits for a save under way to the end, and for nothing else beyond a
moment: a worker stuck in I/O is left to the end of the process (its thread is a daemon)."""

from __future__ import annotations

import threading
import time

import pytest

from tui.ui import worker_threads
from tui.ui.worker_threads import WorkerThreads, disposable, finishing


def test_shutdown_waits_for_a_save_but_not_for_a_stuck_worker() -> None:
    executor = WorkerThreads()
    stuck, saved = threading.Event(), threading.Event()

    @finishing
    def save() -> None:
        time.sleep(1.0)  # longer than the grace: waited for all the same
        saved.set()

    executor.submit(stuck.wait)  # never ends by itself
    executor.submit(save)
    ending = threading.Thread(target=executor.shutdown, daemon=True)
    ending.start()
    ending.join(20)
    try:
        assert not ending.is_alive(), "shutting down waits for the stuck worker"
        assert saved.is_set()
    finally:
        stuck.set()


def test_a_job_gives_its_result_and_its_error() -> None:
    executor = WorkerThreads()
    assert executor.submit(lambda: 42).result(10) == 42
    failing = executor.submit(int, "not a number")
    assert isinstance(failing.exception(10), ValueError)
    assert all(t.daemon for t in threading.enumerate() if t.name == "diplocal-worker")
    executor.shutdown()


def test_shutdown_does_not_wait_for_work_meant_for_a_later_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cache still being written when the user quits is cut short (the next start reads
    the file again), however long the grace for other workers."""
    monkeypatch.setattr(worker_threads, "GRACE", 600.0)
    executor = WorkerThreads()
    started, release = threading.Event(), threading.Event()

    @disposable
    def write_cache() -> None:
        started.set()
        release.wait()

    executor.submit(write_cache)
    assert started.wait(20)
    ending = threading.Thread(target=executor.shutdown, daemon=True)
    ending.start()
    ending.join(20)
    try:
        assert not ending.is_alive(), "shutting down waits for the cache"
    finally:
        release.set()
