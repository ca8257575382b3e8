"""The Textual app: holds the loaded calendar and opens the main screen on it."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import App
from textual.binding import Binding

from tui.core.model import Calendar
from tui.core.text import one_line
from tui.ui.commands import CalendarCommands
from tui.ui.screens.main import Clock, MainScreen


class DiplocalApp(App[None]):
    """diplocal's terminal UI. The calendar is loaded and validated before the app starts."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CalendarCommands}
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(
        self, calendar: Calendar, local_zone: tzinfo | None = None, clock: Clock | None = None
    ) -> None:
        """``local_zone`` and ``clock`` default to the viewer's; tests fix them."""
        super().__init__()
        self.calendar = calendar
        self.local_zone = local_zone
        self.clock = clock
        self.title = one_line(calendar.title)

    def get_default_screen(self) -> MainScreen:
        # The main screen is the first screen: no blank default screen to draw first.
        return MainScreen(self.calendar, self.local_zone, self.clock)
