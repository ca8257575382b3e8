"""The details of whatever is selected: an event, a participant or a country."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from tui.core.present.details import DetailLine
from tui.core.present.screenful import Screenful
from tui.ui.render import details_text


class DetailsPane(VerticalScroll, can_focus=True):
    """Scrollable text; j/k scroll it."""

    ALLOW_MAXIMIZE = True

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    screenful: reactive[Screenful | None] = reactive(None, init=False)
    draws = 0

    def compose(self) -> ComposeResult:
        yield Static(id="details-text")

    def watch_screenful(self, old: Screenful | None, new: Screenful | None) -> None:
        if new is None:
            return
        if old is None or old.details != new.details:
            self.draw(new.details, scroll_home=old is None or old.selection != new.selection)

    def draw(self, lines: tuple[DetailLine, ...], *, scroll_home: bool) -> None:
        """Replace the text; back to the top when it is about something else."""
        self.draws += 1
        self.query_one("#details-text", Static).update(details_text(lines))
        if scroll_home:
            self.scroll_home(animate=False)
