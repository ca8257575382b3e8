"""The Textual app: holds the loaded calendar and opens the main screen on it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette

from tui.core.crash import write_crash_report
from tui.core.errors import Diagnostic
from tui.core.model import Calendar
from tui.core.present import Notices
from tui.core.text import one_line
from tui.ui import textual_fixes
from tui.ui.commands import CalendarCommands
from tui.ui.screens.main import Clock, MainScreen

textual_fixes.install()


class DiplocalApp(App[None]):
    """diplocal's terminal UI. The calendar is loaded and validated before the app starts."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CalendarCommands}
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(
        self,
        calendar: Calendar,
        local_zone: tzinfo | None = None,
        clock: Clock | None = None,
        *,
        warnings: Sequence[Diagnostic] = (),
    ) -> None:
        """``local_zone`` and ``clock`` default to the viewer's; tests fix them."""
        super().__init__()
        self.calendar = calendar
        self.notices = Notices(warnings=tuple(str(w) for w in warnings))
        self.local_zone = local_zone
        self.clock = clock
        self.title = one_line(calendar.title)

    crash_report: Path | None = None
    crashed = False

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a long traceback over the user's shell; keep it in a file
        # and let the command line say one line about it (and exit non-zero).
        if not self.crashed:
            self.crashed = True
            self.crash_report = write_crash_report(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.crashed and self.crash_report is not None:
            self._exit_renderables.clear()
        super()._print_error_renderables()

    def action_command_palette(self) -> None:
        # Textual's palette, guarded against a second enter in a burst (textual_fixes).
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(textual_fixes.CommandPaletteOnce(id="--command-palette"))

    def get_default_screen(self) -> MainScreen:
        # The main screen is the first screen: no blank default screen to draw first.
        return MainScreen(self.calendar, self.local_zone, self.clock, self.notices)
