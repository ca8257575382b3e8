"""Threads for Textual's thread workers that never keep the process once the app has ended.

Textual runs a thread worker in asyncio's default executor, whose threads the loop joins
when it closes and Python joins again at exit: one worker blocked in I/O (a FIFO nobody
drains, a hung network share) kept ``q`` from ever ending the process. Here each job runs
in a daemon thread, and shutting down waits ``GRACE`` seconds for the jobs still running,
and without limit only for a save under way (``finishing``): a save is never cut short, and
nothing else can hold the process. Work done only for a later start (``disposable``: the
cache a cold start writes) is not waited for at all: quitting right after a large file
opened ends at once, and the next start reads the file again.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from typing import Any, ParamSpec, TypeVar

GRACE = 0.5  # seconds the end of the app waits for workers that are not saving

P = ParamSpec("P")
R = TypeVar("R")

_saves = threading.Condition()
_saving = 0  # saves under way, in any thread
_disposable: set[int] = set()  # threads running work that quitting may cut short


def finishing(function: Callable[P, R]) -> Callable[P, R]:
    """Mark a worker's function as a save: quitting waits for it to end."""

    @functools.wraps(function)
    def saving(*args: P.args, **kwargs: P.kwargs) -> R:
        global _saving
        with _saves:
            _saving += 1
        try:
            return function(*args, **kwargs)
        finally:
            with _saves:
                _saving -= 1
                _saves.notify_all()

    return saving


def disposable(function: Callable[P, R]) -> Callable[P, R]:
    """Mark a worker's function as work for a later start only: quitting does not wait for
    it (what it writes must be atomic, and found again if cut short)."""

    @functools.wraps(function)
    def for_later(*args: P.args, **kwargs: P.kwargs) -> R:
        thread = threading.get_ident()
        _disposable.add(thread)
        try:
            return function(*args, **kwargs)
        finally:
            _disposable.discard(thread)

    return for_later


class WorkerThreads(ThreadPoolExecutor):
    """An executor of daemon threads, one a job (asyncio takes only a ThreadPoolExecutor)."""

    def __init__(self) -> None:
        super().__init__(max_workers=1, thread_name_prefix="diplocal-worker")
        self._jobs: dict[Future[Any], int | None] = {}  # -> the thread running it
        self._jobs_lock = threading.Lock()

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()

        def run() -> None:
            with self._jobs_lock:
                self._jobs[future] = threading.get_ident()
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(*args, **kwargs))
                    except BaseException as error:  # handed to the awaiting worker
                        future.set_exception(error)
            finally:
                with self._jobs_lock:
                    self._jobs.pop(future, None)

        with self._jobs_lock:
            self._jobs[future] = None
        threading.Thread(target=run, name="diplocal-worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Wait ``GRACE`` seconds for the jobs (not the disposable ones), and for saves until
        they end; a job still running after that is left to the end of the process (its
        thread is a daemon)."""
        if wait:
            with self._jobs_lock:
                jobs = [job for job, thread in self._jobs.items() if thread not in _disposable]
            wait_for(jobs, timeout=GRACE)
            with _saves:
                _saves.wait_for(lambda: _saving == 0)
        super().shutdown(wait=False, cancel_futures=cancel_futures)
