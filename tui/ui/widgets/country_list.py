"""Every country of the calendar, with how many events involve it."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from tui.core.present.screenful import CountryRow, Screenful
from tui.ui.widgets.choice_list import ChoiceList


class CountryList(ChoiceList):
    """Countries with their event counts; choosing one shows its details."""

    class Chosen(ChoiceList.Chosen):
        """The user moved to a country."""

    class Applied(ChoiceList.Applied):
        """The user asked to filter by a country."""

    screenful: reactive[Screenful | None] = reactive(None, init=False)

    def watch_screenful(self, old: Screenful | None, new: Screenful | None) -> None:
        if new is not None and (old is None or old.countries != new.countries):
            self.show_rows([(row.code, _label(row)) for row in new.countries])


def _label(row: CountryRow) -> Text:
    """Count, a dot when the country is in the filter, code and name; '…' while counting."""
    shown = "…" if row.count is None else str(row.count)
    label = Text(f"{shown:>3} ", style="bold" if row.count else "dim")
    label.append(("●" if row.in_filter else " ") + row.code + " ", style="bold")
    label.append(row.name)
    label.no_wrap, label.overflow = True, "ellipsis"
    return label
