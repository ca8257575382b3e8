"""A progress bar on stderr for `check`, `export` and `agenda`, when the work is slow.

The core reports progress through a plain callback (``tui.core.loading.load.Progress``); this is
the command line's listener. It draws nothing unless stderr is a terminal, and nothing for
work that ends within about a second, so pipes, scripts and small calendars see exactly
what they saw before. Rich is imported only when a bar is actually drawn, which keeps the
start of every short command as fast as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from tui.core.loading.load import SLOW_SIZE

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

DELAY = 1.0  # seconds of work before a bar is worth drawing


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (a closed or odd stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalProgress:
    """A ``Progress`` callback that draws a bar on ``stream`` once the work proves slow.

    The bar appears at the first report after ``delay`` seconds, or at once when the file
    to parse is large enough to take about a second (the parse itself reports nothing
    until it ends). ``close`` removes it, so only the command's own output remains.
    """

    def __init__(
        self,
        stream: TextIO,
        delay: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.enabled = is_terminal(stream)
        self.clock = clock
        self.due = clock() + (DELAY if delay is None else delay)
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            large = stage == "parsing" and total >= SLOW_SIZE
            if not large and self.clock() < self.due:
                return
            self._start()
        assert self.bar is not None and self.task is not None
        self.bar.update(self.task, description=stage, completed=done, total=total or None)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.bar = Progress(
            # The stage names are ours, but never let text be read as markup.
            TextColumn("{task.description:<9}", markup=False),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=Console(file=self.stream),
            transient=True,
            # The bar must not capture the process's stdout/stderr: warnings and the
            # command's output are written after it is gone.
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.bar.start()
        self.task = self.bar.add_task("", total=None)

    def close(self) -> None:
        """Remove the bar, if one was drawn."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
