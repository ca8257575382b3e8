"""`diplocal FILE` for a file that does not exist yet: offer to create a calendar there."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tui.core.editing.new_calendar import new_calendar_text
from tui.core.editing.save import ConflictError, SaveError, save_calendar
from tui.core.errors import UsageError
from tui.core.text import one_line
from tui.core.zones import available_zones, local_zone_name
from tui.ui.form.form_inputs import NameSuggester


class NewCalendarApp(App[bool]):
    """Asks for a title and a zone and writes an empty, valid calendar; returns whether
    it did (the command line then opens it)."""

    CSS_PATH = "../app.tcss"
    BINDINGS = [Binding("escape", "quit_unwritten", "Cancel")]

    def __init__(self, path: Path, near: Sequence[str] = ()) -> None:
        """``near``: names beside ``path`` it may have been a typo of (said above the form)."""
        super().__init__()
        self.path = path
        self.near = tuple(near)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-calendar"):
            # The name on a line of its own: a long one is cut there, never the question.
            yield Label(Text(one_line(str(self.path))))
            yield Label("does not exist. Create a calendar there?")
            if self.near:
                names = " or ".join(one_line(name) for name in self.near)
                yield Label(
                    Text(f"Beside it: {names}. Meant that? Cancel, then open it."),
                    id="new-near",
                    classes="dialog-help",
                )
            yield Label("Title", classes="dialog-help")
            yield Input(placeholder="e.g. Putin's state visit to Tajikistan", id="new-title")
            yield Label(
                "Zone of the venue (IANA name; → accepts a suggestion)", classes="dialog-help"
            )
            zones = NameSuggester(sorted(available_zones()))
            yield Input(local_zone_name(), suggester=zones, id="new-zone")
            yield Label("", id="new-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", variant="primary", id="new-create")
                yield Button("Cancel", id="new-cancel")

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#new-create")
    def create(self) -> None:
        title = self.query_one("#new-title", Input).value
        zone = self.query_one("#new-zone", Input).value.strip()
        try:
            save_calendar(self.path, new_calendar_text(title, zone), expected_digest=None)
        except (UsageError, ConflictError, SaveError) as error:
            self.query_one("#new-message", Label).update(Text(one_line(str(error)), style="bold"))
            return
        self.exit(True)

    @on(Button.Pressed, "#new-cancel")
    def action_quit_unwritten(self) -> None:
        self.exit(False)
