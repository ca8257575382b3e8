"""Choosing countries to filter by: type to narrow, enter to apply."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from tui.core.model import Calendar
from tui.core.query import search_countries
from tui.core.text import one_line


class CountryFilterModal(ModalScreen[frozenset[str] | None]):
    """Returns the chosen country codes, or None when cancelled.

    Enter applies the ticked countries, or the highlighted one when none is ticked, so
    `c`, `kaz`, `enter` filters by Kazakhstan. Space (in the list) or ctrl+t ticks.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply", priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("ctrl+t", "tick", "Tick", priority=True),
    ]

    def __init__(self, calendar: Calendar, current: frozenset[str]) -> None:
        super().__init__()
        self.calendar = calendar
        self.current = current
        # Start with nothing ticked, so typing a name and pressing enter picks that name.
        self.ticked: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="country-dialog", classes="dialog"):
            now = ", ".join(sorted(self.calendar.countries[c].name for c in self.current))
            yield Label(Text(f"Filter by country (now: {now or 'none'})"), classes="dialog-title")
            yield Input(placeholder="name, code or alias", id="country-query")
            yield SelectionList[str](id="country-choices")
            yield Label(
                "enter apply · space/ctrl+t tick several · escape cancel", classes="dialog-help"
            )

    def on_mount(self) -> None:
        self.fill("")
        self.query_one("#country-query", Input).focus()

    @property
    def choices(self) -> SelectionList[str]:
        return self.query_one("#country-choices", SelectionList)

    def fill(self, query: str) -> None:
        """Show the countries matching ``query``, best matches first, ticks kept."""
        choices = self.choices
        choices.clear_options()
        for country in search_countries(self.calendar, query):
            label = Text(f"{country.code}  ", style="bold").append(one_line(country.name))
            if country.aliases:
                label.append("  " + one_line(", ".join(country.aliases)), style="dim")
            choices.add_option(Selection(label, country.code, country.code in self.ticked))
        if choices.option_count:
            choices.highlighted = 0

    @on(Input.Changed, "#country-query")
    def narrow(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(SelectionList.SelectedChanged)
    def remember_ticks(self) -> None:
        shown = {
            self.choices.get_option_at_index(i).value for i in range(self.choices.option_count)
        }
        self.ticked = (self.ticked - shown) | set(self.choices.selected)

    def action_move(self, step: int) -> None:
        choices = self.choices
        if choices.option_count:
            current = choices.highlighted or 0
            choices.highlighted = max(0, min(choices.option_count - 1, current + step))

    def action_tick(self) -> None:
        choices = self.choices
        if choices.highlighted is not None:
            choices.toggle(choices.get_option_at_index(choices.highlighted).value)

    def action_apply(self) -> None:
        choices = self.choices
        if self.ticked:
            self.dismiss(frozenset(self.ticked))
        elif choices.highlighted is not None and choices.option_count:
            self.dismiss(frozenset({choices.get_option_at_index(choices.highlighted).value}))
        else:
            self.notify("No country matches.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
