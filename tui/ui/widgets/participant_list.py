"""The participants the filter leaves."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive

from tui.core.present.screenful import PersonRow
from tui.ui.widgets.choice_list import ChoiceList


class ParticipantList(ChoiceList):
    """Name, title and country of each participant; choosing one shows their itinerary."""

    BINDINGS = [
        Binding("N", "add", "Add a participant"),
        Binding("E", "edit", "Edit this participant"),
    ]
    table = "participants"

    people: reactive[tuple[PersonRow, ...]] = reactive((), init=False)  # the screen's slice

    def watch_people(self, rows: tuple[PersonRow, ...]) -> None:
        self.show_rows([(row.id, _label(row)) for row in rows])


def _label(row: PersonRow) -> Text:
    label = Text(row.name, style="bold", no_wrap=True, overflow="ellipsis")
    label.append(f"\n{row.country}", style="italic dim")
    if row.title:
        label.append(f" · {row.title}", style="italic dim")
    return label
