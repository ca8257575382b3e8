"""A large calendar loads inside the app: the first frame shows what is being done.

Parsing 100,000 events takes seconds. Instead of a blank terminal, the app opens at once
on this screen: the file's name, the stage (reading, parsing, checking) and a progress bar,
with q and ctrl+c working throughout. A calendar that does not load shows its errors here,
each as FILE:LINE:COL, and the app then exits with status 1.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, ProgressBar, Static
from textual.worker import get_current_worker

from tui.core.errors import CalendarError
from tui.core.living.versions import Living
from tui.core.loading.load import Finish, Loaded, load_calendar
from tui.core.text import one_line

STAGES = {
    "reading": "Reading",
    "parsing": "Parsing",
    "checking": "Checking",
    "indexing": "Indexing",
}
EVERY = 0.1  # seconds between two reports handed to the UI
FRAME = 1 / 30  # seconds the worker waits before parsing, for the screen to show it
# The one stage that holds the interpreter in C (rtoml, a second at 100,000 events): the
# screen gets no turn during it, so the worker waits a frame first. Reading and checking
# let the UI thread in as they go; a wait there (a warm start reads, then is done) only
# delays the calendar.
HOLDS_THE_INTERPRETER = "parsing"


class LoadingScreen(Screen[None]):
    """Loads ``path`` in a thread worker and posts the result as ``Opened``."""

    BINDINGS = [Binding("q,ctrl+c", "leave", "Quit")]

    @dataclass
    class Opened(Message):
        """The calendar loaded: the app shows it, then ``finish``es its load."""

        living: Living
        finish: Finish | None

    def __init__(self, path: Path, living_of: Callable[[Loaded], Living]) -> None:
        super().__init__()
        self.path = path
        self.living_of = living_of  # compares with the version last seen; safe in a thread
        self.reported = 0.0
        self.stage = ""
        self.failed = False
        self.finish: Finish | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="loading", classes="dialog"):
            yield Label(Text(one_line(f"Opening {self.path}")), classes="dialog-title")
            yield Label("Reading…", id="loading-stage")
            yield ProgressBar(total=None, show_eta=False, id="loading-bar")
            yield Static(id="loading-errors")
            yield Label("q quits", classes="dialog-help")

    def on_mount(self) -> None:
        self.run_worker(self.load, thread=True, name="load", exit_on_error=False)

    def load(self) -> None:
        """Worker thread: load with progress, and compare with the version last seen (all
        the slow work, so the screen keeps answering); the app shows it on its thread."""
        result: Living | CalendarError
        try:
            loaded = load_calendar(self.path, on_progress=self.progress, finish_later=self.later)
            result = self.living_of(loaded)
            if self.finish is not None:  # its warnings come after its events (see MainScreen)
                result = replace(result, looking=True)
        except CalendarError as error:
            result = error
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.loaded, result)

    def later(self, finish: Finish) -> None:
        """Keep the rest of the load (warnings, cache) for the main screen to finish once
        the calendar is on screen."""
        self.finish = finish

    def progress(self, stage: str, done: int, total: int) -> None:
        """Called by the loader in the worker thread; a few reports a second reach the UI,
        and every new stage."""
        now = time.monotonic()
        if stage != self.stage or now - self.reported >= EVERY or done == total:
            self.reported = now
            self.app.call_from_thread(self.show_progress, stage, done, total)
        if stage != self.stage:
            self.stage = stage
            if stage == HOLDS_THE_INTERPRETER:
                time.sleep(FRAME)

    def show_progress(self, stage: str, done: int, total: int) -> None:
        self.query_one("#loading-stage", Label).update(f"{STAGES.get(stage, stage)}…")
        self.query_one("#loading-bar", ProgressBar).update(total=total or None, progress=done)

    def loaded(self, result: Living | CalendarError) -> None:
        if isinstance(result, CalendarError):
            self.query_one("#loading-stage", Label).update("The calendar does not load:")
            self.query_one("#loading-bar").display = False
            lines = "\n".join(str(d) for d in result.diagnostics)
            self.query_one("#loading-errors", Static).update(Text(lines))
            self.failed = True
            return
        finish, self.finish = self.finish, None  # this screen stays below: keep nothing
        self.post_message(self.Opened(result, finish))

    def action_leave(self) -> None:
        # A calendar that did not load ends the command with status 1, like `check`.
        self.app.exit(return_code=1 if self.failed else 0)
