"""The days of the calendar, each with how many events match the filter."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from tui.core.timefmt import short_day
from tui.ui.widgets.choice_list import ChoiceList


class DayList(ChoiceList):
    """One row per day: weekday, date and the number of matching events."""

    class Chosen(ChoiceList.Chosen):
        """The user moved to a day."""

        @property
        def day(self) -> date:
            return date.fromisoformat(self.key)

    def show_days(self, counts: list[tuple[date, int]], current: date | None) -> None:
        """Replace the rows, keeping the cursor on ``current``."""
        rows = []
        for day, count in counts:
            label = Text(f"{count:>4} ", style="bold" if count else "dim")
            label.append(short_day(day))
            rows.append((day.isoformat(), label))
        self.show_rows(rows, current.isoformat() if current else None)
