"""The participants the filter leaves."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tui.core.model import Participant
from tui.core.text import one_line
from tui.ui.widgets.choice_list import ChoiceList


class ParticipantList(ChoiceList):
    """Name, title and country of each participant; choosing one shows their itinerary."""

    class Chosen(ChoiceList.Chosen):
        """The user moved to a participant."""

    def show_people(self, people: Iterable[Participant]) -> None:
        """Replace the rows, keeping the cursor on the same person where possible."""
        rows = []
        for person in people:
            label = Text(one_line(person.name), style="bold", no_wrap=True, overflow="ellipsis")
            label.append(f"\n{person.country}", style="italic dim")
            if person.title:
                label.append(f" · {one_line(person.title)}", style="italic dim")
            rows.append((person.id, label))
        self.show_rows(rows)
