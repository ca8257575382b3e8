"""Choosing one of an event's source links to open or copy."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.core.text import one_line


class SourcePicker(ModalScreen[str | None]):
    """Returns the chosen link as the file has it (each shown on one line, made safe),
    or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, verb: str, sources: tuple[str, ...]) -> None:
        super().__init__()
        self.verb = verb
        self.sources = sources

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.verb} which source?", classes="dialog-title")
            options = [Option(Text(one_line(url)), id=str(n)) for n, url in enumerate(self.sources)]
            yield OptionList(*options, id="source-choices")
            yield Label("enter chooses · escape cancels", classes="dialog-help")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.sources):
            self.dismiss(self.sources[event.option_index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
