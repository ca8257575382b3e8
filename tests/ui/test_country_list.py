"""The country pane's labels: counts in a column, whatever their width."""

from __future__ import annotations

from tui.core.present.parts import CountryRow
from tui.ui.widgets.country_list import country_labels


def test_counts_of_four_digits_keep_the_codes_in_one_column() -> None:
    """At 10,000 events a country is in 1,041 of them: its code must not stand a column
    to the right of the others'."""
    rows = (
        CountryRow("AF", "Afghanistan", 592, False),
        CountryRow("AU", "Australia", 1041, False),
        CountryRow("TJ", "Tajikistan", 5, True),
        CountryRow("UZ", "Uzbekistan", None, False),  # still counting
    )
    labels = [label.plain for label in country_labels(rows)]
    columns = {
        label.index(code) for label, code in zip(labels, ("AF", "AU", "TJ", "UZ"), strict=True)
    }
    assert len(columns) == 1, labels
    assert labels[1].startswith("1041 ") and labels[2].startswith("   5 ●TJ")


def test_small_counts_keep_three_columns() -> None:
    labels = [label.plain for label in country_labels((CountryRow("RU", "Russia", 7, False),))]
    assert labels == ["  7  RU Russia"]
