"""The participants the filter leaves."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from tui.core.present.screenful import PersonRow, Screenful
from tui.ui.widgets.choice_list import ChoiceList


class ParticipantList(ChoiceList):
    """Name, title and country of each participant; choosing one shows their itinerary."""

    class Chosen(ChoiceList.Chosen):
        """The user moved to a participant."""

    class Applied(ChoiceList.Applied):
        """The user asked to filter by a participant."""

    screenful: reactive[Screenful | None] = reactive(None, init=False)

    def watch_screenful(self, old: Screenful | None, new: Screenful | None) -> None:
        if new is not None and (old is None or old.people != new.people):
            self.show_rows([(row.id, _label(row)) for row in new.people])


def _label(row: PersonRow) -> Text:
    label = Text(row.name, style="bold", no_wrap=True, overflow="ellipsis")
    label.append(f"\n{row.country}", style="italic dim")
    if row.title:
        label.append(f" · {row.title}", style="italic dim")
    return label
