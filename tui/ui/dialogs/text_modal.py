"""A scrolling page of text in a dialog: the calendar's About, the warnings and errors."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.core.present.details import DetailLine
from tui.core.text import one_line
from tui.ui.render import details_text


class TextModal(ModalScreen[bool]):
    """Shows presenter lines under a title; escape, q or enter closes it (False)."""

    BINDINGS = [Binding("escape,q,enter", "close", "Close")]
    HINT = "escape closes"

    def __init__(self, title: str, lines: tuple[DetailLine, ...]) -> None:
        super().__init__()
        self.heading = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog text-dialog"):
            yield Label(Text(one_line(self.heading)), classes="dialog-title")
            yield Static(details_text(self.lines), id="text-body")
            yield Label(self.HINT, classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(False)


class ChangesModal(TextModal):
    """The changes since the user last looked; `s` marks them all as seen (True)."""

    BINDINGS = [Binding("s", "seen", "Mark all as seen")]
    HINT = "s marks every change as seen · escape closes"

    def action_seen(self) -> None:
        self.dismiss(True)
