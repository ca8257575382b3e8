"""A FIFO whose reader opens it, takes a little, then stops reading (the fd stays open), so
a writer that blocks would block for ever; closing it lets such a writer go (EPIPE)."""

from __future__ import annotations

import os
import threading
from pathlib import Path


class StallingReader:
    """Opens ``fifo`` for reading in a thread, reads ``take`` bytes, then stops."""

    def __init__(self, fifo: Path, take: int = 1024) -> None:
        self.fifo = fifo
        self.take = take
        self.taken = 0
        self.handle: int | None = None
        self.opened = threading.Event()
        self.stalled = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        # Opened now, non-blocking: the writer's non-blocking open then finds a reader.
        self.handle = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self.thread.start()

    def _read(self) -> None:
        assert self.handle is not None
        os.set_blocking(self.handle, True)
        self.opened.set()
        while self.taken < self.take:
            chunk = os.read(self.handle, self.take - self.taken)
            if not chunk:
                break
            self.taken += len(chunk)
        self.stalled.set()  # from here on nothing is read

    def close(self) -> None:
        """Stop being a reader at all: a writer still blocked in write() gets EPIPE."""
        if self.handle is not None:
            os.close(self.handle)
            self.handle = None
