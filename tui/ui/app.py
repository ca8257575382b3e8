"""The Textual app: holds the loaded calendar and opens the main screen on it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen

from tui.core.errors import Diagnostic
from tui.core.living.baseline import starting_baseline
from tui.core.living.versions import Living, start
from tui.core.loading.load import Loaded
from tui.core.model import Calendar
from tui.core.system.gc_pause import pause_collector, resume_collector
from tui.core.text import MESSAGE_LIMIT, one_line, printable
from tui.ui import textual_fixes
from tui.ui.commands import CalendarCommands
from tui.ui.main.main_screen import Clock, MainScreen
from tui.ui.typed_ahead import TypedAhead
from tui.ui.worker_threads import WorkerThreads

if TYPE_CHECKING:
    from tui.ui.startup.loading_screen import LoadingScreen

textual_fixes.install()

_SEVERITY = {"information": 0, "warning": 1, "error": 2}


def superseded(shown: Sequence[Notification], new: Notification) -> list[Notification]:
    """The notices still shown (oldest first) that ``new`` replaces: every one no more
    severe than it, and of the more severe ones all but the newest. At most two stay: at
    80x24 a stack of them (three ctrl+z, three "Undid: ...") covered half of the form
    opened next; the newest says what the last key did, an older error stays beside it."""
    rank = _SEVERITY[new.severity]
    graver = [notice for notice in shown if _SEVERITY[notice.severity] > rank]
    kept = graver[-1:]
    return [notice for notice in shown if notice not in kept]


@runtime_checkable
class GuardsInput(Protocol):
    """A screen holding input the user typed and has not saved (the event form)."""

    def ask_before_leaving(self, leave: Callable[[], object], *, quitting: bool = False) -> bool:
        """Ask before unsaved input is lost (True: asked, ``leave`` runs on yes)."""


class DiplocalApp(App[None]):
    """diplocal's terminal UI. The calendar is loaded and validated before the app starts."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CalendarCommands}
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(
        self,
        calendar: Calendar | None,
        local_zone: tzinfo | None = None,
        clock: Clock | None = None,
        *,
        warnings: Sequence[Diagnostic] = (),
        path: Path | None = None,
        baseline: Calendar | None = None,
        read_only: bool = False,
    ) -> None:
        """``local_zone`` and ``clock`` default to the viewer's; tests fix them. ``path`` is
        the file to follow and edit; ``baseline`` the version the user last saw. Without
        a ``calendar``, ``path`` is loaded inside the app, with progress on screen.
        ``read_only`` (``diplocal serve --read-only``): the main screen offers no edit and
        no export to this machine's disk, and says so when asked."""
        super().__init__()
        self.read_only = read_only
        self.path = path
        self.local_zone = local_zone
        self.clock = clock
        self.baseline = baseline
        self.living = None
        self.typed_ahead = TypedAhead(self, super().on_event)
        if calendar is not None:
            self.living = self.living_of(Loaded(calendar, list(warnings)))
            self.title = one_line(calendar.title)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice reaches the terminal as it does in the panes: controls, bidi and
        invisible characters from the calendar shown as symbols, never obeyed."""
        safe = printable(message, MESSAGE_LIMIT)
        super().notify(
            safe, title=one_line(title), severity=severity, timeout=timeout, markup=markup
        )

    def on_notify(self, event: Notify) -> None:
        # Runs before Textual's own handler, which adds the new notice and redraws them.
        for notice in superseded(list(self._notifications), event.notification):
            self._unnotify(notice, refresh=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.typed_ahead.key(event)  # each key where it would land if typed slowly
        else:
            await super().on_event(event)

    def living_of(self, loaded: Loaded) -> Living:
        """The living calendar of a loaded file, compared with the version last seen.

        It reads the kept copy and may compare two calendars: the loading screen calls it
        in its worker thread, so it touches no widget.
        """
        baseline = self.baseline
        if baseline is None and self.path is not None:
            baseline = starting_baseline(loaded.calendar, self.path)
        return start(loaded, baseline, (self.clock or (lambda: datetime.now(UTC)))())

    def on_loading_screen_opened(self, opened: LoadingScreen.Opened) -> None:
        """The calendar loaded inside the app: show it, then finish its load."""
        living, finish = opened.living, opened.finish
        self.living = living
        self.title = one_line(living.calendar.title)
        self.push_screen(MainScreen(living, self.local_zone, self.clock, self.path, finish))

    crash_report: Path | None = None
    crashed = False
    _collector_paused = False

    def on_load(self) -> None:
        # Worker threads that a worker blocked in I/O cannot use to keep the process.
        asyncio.get_running_loop().set_default_executor(WorkerThreads())
        # Composing and painting the first screen makes many objects and no garbage: the
        # cyclic collector, which would walk them in passes of a few ms, waits for it.
        self._collector_paused = True
        pause_collector()

    def on_ready(self) -> None:
        """The first frame is on the terminal."""
        self._resume_collector()

    def on_unmount(self) -> None:
        self._resume_collector()  # the app ends without a first frame (it crashed first)

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            resume_collector()

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a long traceback over the user's shell; keep it in a file
        # and let the command line say one line about it (and exit non-zero).
        if not self.crashed:
            from tui.core.system.crash import write_crash_report  # only ever needed once

            self.crashed = True
            self.crash_report = write_crash_report(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.crashed and self.crash_report is not None:
            self._exit_renderables.clear()
        super()._print_error_renderables()

    async def action_quit(self) -> None:
        """q, ctrl+q and the palette's Quit: with unsaved input in a form, ask first, as
        its escape does; nothing typed is lost without a yes."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, GuardsInput) and screen.ask_before_leaving(
                self.exit, quitting=True
            ):
                return
        await super().action_quit()

    def action_command_palette(self) -> None:
        # Textual's palette, guarded against a second enter in a burst (textual_fixes).
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(textual_fixes.CommandPaletteOnce(id="--command-palette"))

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the main screen, or the loading screen for a large file
        # loaded in the app: no blank default screen is drawn first.
        if self.living is None:
            # Only a large file loads in the app: its screen's modules load with it.
            from tui.ui.startup.loading_screen import LoadingScreen

            assert self.path is not None
            return LoadingScreen(self.path, self.living_of)
        return MainScreen(self.living, self.local_zone, self.clock, self.path)
