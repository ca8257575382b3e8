"""The tables an edit touches changed on disk meanwhile: what each choice writes, side by side."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.core.editing.document import Conflict
from tui.core.text import printable

Choice = Literal["theirs", "mine"]


class ConflictModal(ModalScreen[Choice | None]):
    """Shows the touched tables as the file holds them and as "mine" would write them
    (the user's changes made on their version); returns the choice.

    "theirs" keeps the file as it is on disk; "mine" writes exactly what the right box
    shows; None (escape) goes back to the form with nothing saved or lost.
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
        conflict = self.conflict
        mine = _tables(conflict.my_tables, "(deleted)")
        if conflict.mine is None:
            mine = f"Cannot be applied: {conflict.why_not_mine}"
        with Vertical(classes="dialog"):
            yield Label(Text(f"{conflict.summary}."), classes="dialog-title")
            with Horizontal(classes="conflict-sides"):
                with VerticalScroll(classes="conflict-side", id="conflict-theirs") as side:
                    side.border_title = "keep theirs: the file stays"
                    yield Static(Text(_tables(conflict.their_tables, "(deleted there)")))
                with VerticalScroll(classes="conflict-side", id="conflict-mine") as side:
                    side.border_title = "apply mine: written"
                    yield Static(Text(mine))
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


def _tables(tables: tuple[str | None, ...], gone: str) -> str:
    """Each touched table as written (calendar text: shown literally), or ``gone``."""
    return "\n".join(printable(table) if table is not None else gone for table in tables)
