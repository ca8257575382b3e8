"""Following the calendar file from the main screen: live reload in a thread worker.

The watching and loading are core code (``tui.core.living.watch``); this only runs them off the
UI thread and hands each result to the screen on the UI thread.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tui.core.errors import CalendarError
from tui.core.living.versions import updated
from tui.core.loading.load import Loaded, Reloadable, reload_bytes

if TYPE_CHECKING:
    from tui.core.living.watch import FileVersion

if TYPE_CHECKING:
    from tui.ui.main.main_screen import MainScreen


class Follower:
    """Watches the screen's file; each new whole version is loaded and shown."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.stop = threading.Event()
        # What the last reload parsed and checked: the next one re-reads only what changed.
        self.reusable: Reloadable | None = None

    def start(self) -> None:
        """Begin following (a no-op for a calendar shown without a file)."""
        if self.screen.path is not None:
            self.screen.run_worker(self._follow, thread=True, name="follow", exit_on_error=False)

    def close(self) -> None:
        self.stop.set()

    def _follow(self) -> None:
        from tui.core.living.watch import (
            follow,  # watchfiles loads in the worker, after first paint
        )

        path = self.screen.path
        assert path is not None
        for version in follow(path, self.stop):
            result = self.load(version)
            if self.stop.is_set():
                return
            self.screen.app.call_from_thread(self.show, result, "")

    def load(self, version: FileVersion) -> Loaded | CalendarError:
        """The new version, parsing and checking only the events whose text changed."""
        from tui.core.living.watch import load_version

        if version.data is None:
            return load_version(version)  # gone or unreadable: the located reason
        try:
            loaded, self.reusable = reload_bytes(version.data, str(version.path), self.reusable)
        except CalendarError as error:
            return error
        return loaded

    def reload_now(self) -> None:
        """`r`: read the file now, in a worker."""
        if self.screen.path is None:
            self.screen.notify("This calendar was not read from a file.", severity="warning")
            return
        path = self.screen.path

        def work() -> None:
            from tui.core.living.watch import reload

            result = reload(path)
            self.screen.app.call_from_thread(self.show, result, "reloaded by hand")

        self.screen.run_worker(work, thread=True, name="reload", exit_on_error=False)

    def show(self, result: Loaded | CalendarError, note: str) -> None:
        """On the UI thread: the new version, or its errors beside the version shown."""
        screen = self.screen
        had_errors = bool(screen.living.errors)
        screen.set_living(updated(screen.living, result, datetime.now(UTC), note))
        if isinstance(result, CalendarError):
            if not had_errors:
                screen.notify(
                    "The file has errors: the last version that loaded stays. w lists them.",
                    severity="error",
                    timeout=8,
                )
        elif had_errors:
            screen.notify("The file loads again.", severity="information")
