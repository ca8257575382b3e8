"""An OptionList whose cursor chooses: moving onto a row tells the screen at once."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ChoiceList(OptionList):
    """Rows keyed by id: moving onto a row posts ``Highlighted``; enter or a click posts
    ``Selected`` (filter by it). Each has the list as ``control``, so a screen routes them
    with ``@on(ChoiceList.Highlighted, "#people")``. Replacing the rows announces nothing."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class _RowMessage(Message):
        """A row of ``choice_list`` (its ``key``), named by the subclass: what happened."""

        def __init__(self, choice_list: ChoiceList, key: str) -> None:
            self.choice_list = choice_list
            self.key = key
            super().__init__()

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    class Highlighted(_RowMessage):
        """The user moved to a row."""

    class Selected(_RowMessage):
        """The user pressed enter on (or clicked) a row."""

    class EditAsked(Message):
        """The user asked to edit the row's table (``key``), or to add one (``key`` None):
        ``N`` and ``E`` in the participants' and countries' lists, whose ``table`` says
        which tables they list."""

        def __init__(self, choice_list: ChoiceList, key: str | None) -> None:
            self.choice_list = choice_list
            self.key = key
            super().__init__()

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    table = ""  # the calendar's tables the rows are ("participants"), if they can be edited

    def action_add(self) -> None:
        self.post_message(self.EditAsked(self, None))

    def action_edit(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.EditAsked(self, option.id))
        else:
            self.notify("Nothing to edit here yet: N adds one.", severity="warning")

    def show_rows(self, rows: Iterable[tuple[str, Text]]) -> None:
        """Replace the rows without announcing a choice, keeping the cursor on its row."""
        current = self.highlighted_option.id if self.highlighted_option else None
        options = [Option(label, id=key) for key, label in rows]
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            keys = {option.id for option in options}
            if current in keys and current is not None:
                self.highlighted = self.get_option_index(current)
            elif options:
                self.highlighted = 0  # so enter always has a row to act on

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Highlighted(self, event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Selected(self, event.option.id))
