"""The details of whatever is selected: an event, a participant or a country."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from tui.core.present.details import DetailLine
from tui.core.present.screenful import DetailsShown
from tui.ui.render import details_text


class DetailsText(Static):
    """The details, drawn again when the width changes: a URL breaks at its own width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: tuple[DetailLine, ...] = ()
        self._width = 0

    def show(self, lines: tuple[DetailLine, ...]) -> None:
        self.lines = lines
        self._draw()

    def _draw(self) -> None:
        self._width = self.content_region.width
        self.update(details_text(self.lines, self._width))

    def on_resize(self) -> None:
        if self.content_region.width != self._width:
            self._draw()


class DetailsPane(VerticalScroll, can_focus=True):
    """Scrollable text; j/k scroll it."""

    ALLOW_MAXIMIZE = True

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    details: reactive[DetailsShown | None] = reactive(None, repaint=False, init=False)
    draws = 0

    def compose(self) -> ComposeResult:
        yield DetailsText(id="details-text")

    def watch_details(self, old: DetailsShown | None, new: DetailsShown | None) -> None:
        """Replace the text; back to the top when it is about something else."""
        if new is None:
            return
        self.draws += 1
        self.query_one(DetailsText).show(new.lines)
        if old is None or old.about != new.about:
            self.scroll_home(animate=False)
