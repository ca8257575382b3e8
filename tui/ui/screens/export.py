"""Exporting the filtered view: path, format, overwrite confirmation, errors in place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from tui.core.files import write_atomic
from tui.core.model import Calendar, Event

FORMATS = {"ics": "iCalendar (.ics)", "toml": "TOML calendar (.toml)"}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written."""

    path: Path
    count: int


class ExportModal(ModalScreen[ExportResult | None]):
    """Writes ``events`` to a file; returns what was written, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, calendar: Calendar, events: Sequence[Event], default: Path) -> None:
        super().__init__()
        self.calendar = calendar
        self.events = list(events)
        self.default = default
        self.confirmed_path: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(f"Export {len(self.events)} events", classes="dialog-title")
            yield Input(str(self.default), id="export-path")
            with RadioSet(id="export-format"):
                for key, label in FORMATS.items():
                    yield RadioButton(label, value=key == "ics", id=f"format-{key}")
            yield Label("", id="export-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def chosen_format(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return "toml" if pressed is not None and pressed.id == "format-toml" else "ics"

    def say(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#export-message", Label)
        label.update(Text(message))
        label.set_class(error, "-error")

    @on(RadioSet.Changed)
    def format_changed(self) -> None:
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value)
        if path.suffix in (".ics", ".toml"):
            path_input.value = str(path.with_suffix("." + self.chosen_format))

    @on(Input.Changed, "#export-path")
    def path_changed(self) -> None:
        self.confirmed_path = None
        self.query_one("#export-go", Button).label = "Export"
        self.say("")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.say("Enter a file name.", error=True)
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self.say(f"{path} is a folder: add a file name.", error=True)
            return
        if path.exists() and self.confirmed_path != path:
            self.confirmed_path = path
            self.query_one("#export-go", Button).label = "Overwrite"
            self.say(f"{path} exists. Press enter or Overwrite again to replace it.")
            return
        self.write(path)

    def write(self, path: Path) -> None:
        # The writers (icalendar, tomli-w) load on first export, not at start-up.
        from tui.core.ical import to_icalendar
        from tui.core.toml_export import to_toml

        if self.chosen_format == "toml":
            data = to_toml(self.calendar, self.events).encode()
        else:
            data = to_icalendar(self.calendar, self.events)
        try:
            write_atomic(path, data)
        except OSError as error:
            self.say(f"Cannot write {path}: {error.strerror or error}", error=True)
            return
        self.dismiss(ExportResult(path, len(self.events)))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
