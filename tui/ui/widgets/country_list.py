"""Every country of the calendar, with how many events involve it."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tui.core.model import Country
from tui.core.text import one_line
from tui.ui.widgets.choice_list import ChoiceList


class CountryList(ChoiceList):
    """Countries with their event counts; choosing one shows its details."""

    class Chosen(ChoiceList.Chosen):
        """The user moved to a country."""

    def show_countries(
        self, counts: Iterable[tuple[Country, int | None]], selected: frozenset[str]
    ) -> None:
        """Replace the rows; countries in the active filter are marked; None counts show '…'."""
        rows = []
        for country, count in counts:
            mark = "●" if country.code in selected else " "
            # None: still counting (a large calendar indexes after the first paint).
            shown = "…" if count is None else str(count)
            label = Text(f"{shown:>3} ", style="bold" if count else "dim")
            label.append(mark + country.code + " ", style="bold")
            label.append(one_line(country.name))
            label.no_wrap, label.overflow = True, "ellipsis"
            rows.append((country.code, label))
        self.show_rows(rows)
