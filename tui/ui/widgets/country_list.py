"""Every country of the calendar, with how many events involve it."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive

from tui.core.present.screenful import CountryRow
from tui.ui.widgets.choice_list import ChoiceList


class CountryList(ChoiceList):
    """Countries with their event counts; choosing one shows its details."""

    BINDINGS = [
        Binding("N", "add", "Add a country"),
        Binding("E", "edit", "Edit this country"),
    ]
    table = "countries"

    countries: reactive[tuple[CountryRow, ...]] = reactive((), init=False)  # the screen's slice

    def watch_countries(self, rows: tuple[CountryRow, ...]) -> None:
        self.show_rows(
            [(row.code, label) for row, label in zip(rows, country_labels(rows), strict=True)]
        )


def country_labels(rows: tuple[CountryRow, ...]) -> list[Text]:
    """Each row's label, the counts right-aligned to the widest (1,041 beside 5)."""
    width = max([3, *(len(str(row.count)) for row in rows if row.count is not None)])
    return [_label(row, width) for row in rows]


def _label(row: CountryRow, width: int) -> Text:
    """Count, a dot when the country is in the filter, code and name; '…' while counting."""
    shown = "…" if row.count is None else str(row.count)
    label = Text(f"{shown:>{width}} ", style="bold" if row.count else "dim")
    label.append(("●" if row.in_filter else " ") + row.code + " ", style="bold")
    label.append(row.name)
    label.no_wrap, label.overflow = True, "ellipsis"
    return label
