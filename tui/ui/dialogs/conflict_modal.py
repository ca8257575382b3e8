"""The event was changed on disk while it was being edited: both versions, the user chooses."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.core.editing.save import Conflict
from tui.core.text import printable

Choice = Literal["theirs", "mine"]


class ConflictModal(ModalScreen[Choice | None]):
    """Shows their version (on disk) and the user's, as written; returns the choice.

    "theirs" keeps the file as it is on disk; "mine" applies the user's changes on top of
    their version; None (escape) goes back to the form with nothing saved or lost.
    """

    DEFAULT_CSS = """
    ConflictModal { align: center middle; }
    ConflictModal > Vertical { width: 110; max-width: 98%; height: 90%; }
    ConflictModal .conflict-sides { height: 1fr; }
    ConflictModal .conflict-side { width: 1fr; border: round $primary; padding: 0 1; }
    """

    BINDINGS = [
        Binding("t", "choose('theirs')", "Keep theirs"),
        Binding("m", "choose('mine')", "Apply mine on top"),
        Binding("escape", "back", "Back to the form"),
    ]

    def __init__(self, conflict: Conflict) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        theirs = self.conflict.their_event
        with Vertical(classes="dialog"):
            yield Label(
                Text(f'"{self.conflict.event_id}" was changed in the file while you edited it.'),
                classes="dialog-title",
            )
            with Horizontal(classes="conflict-sides"):
                with VerticalScroll(classes="conflict-side", id="conflict-theirs") as side:
                    side.border_title = "theirs, on disk"
                    yield Static(Text(printable(theirs) if theirs else "(deleted there)"))
                with VerticalScroll(classes="conflict-side", id="conflict-mine") as side:
                    side.border_title = "yours"
                    yield Static(Text(printable(self.conflict.our_event)))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep theirs (t)", id="conflict-keep-theirs")
                yield Button("Apply mine on top (m)", variant="primary", id="conflict-apply-mine")

    @on(Button.Pressed, "#conflict-keep-theirs")
    def keep_theirs(self) -> None:
        self.action_choose("theirs")

    @on(Button.Pressed, "#conflict-apply-mine")
    def apply_mine(self) -> None:
        self.action_choose("mine")

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    def action_back(self) -> None:
        self.dismiss(None)
