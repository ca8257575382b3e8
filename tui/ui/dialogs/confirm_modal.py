"""Yes or no, naming what is at stake: before cancelling or deleting an event."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tui.core.model import Event
from tui.core.text import one_line


def cancel_question(event: Event) -> str:
    """The question before `d`: the event stays in the file."""
    return f'Cancel "{one_line(event.title)}"? It stays in the file, marked cancelled.'


def delete_question(event: Event) -> str:
    """The question before `D`: the event leaves the file."""
    return f'Delete "{one_line(event.title)}" from the file? ctrl+z brings it back.'


class ConfirmModal(ModalScreen[bool]):
    """Returns True for yes; `y`/`enter` on Yes say yes, `n`/`escape` say no.

    The question is shown as plain text: it holds an event's title, which is data.
    """

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical { width: 64; max-width: 95%; height: auto; }
    """

    # The safe answer under enter. Focused by the screen as it is shown, not by an
    # on_mount that a quick answer could outrun (the buttons gone: NoMatches).
    AUTO_FOCUS = "#confirm-no"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(one_line(self.question)), id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="error", id="confirm-yes")
                yield Button(self.no, id="confirm-no")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
