"""A scrolling page of text in a dialog: the calendar's About, the warnings and errors."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.core.details import DetailLine
from tui.ui.render import details_text


class TextModal(ModalScreen[None]):
    """Shows presenter lines under a title; escape, q or enter closes it."""

    BINDINGS = [Binding("escape,q,enter", "dismiss", "Close")]

    def __init__(self, title: str, lines: tuple[DetailLine, ...]) -> None:
        super().__init__()
        self.heading = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog text-dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield Static(details_text(self.lines), id="text-body")
            yield Label("escape closes", classes="dialog-help")
