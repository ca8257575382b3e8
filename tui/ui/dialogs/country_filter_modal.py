"""Choosing countries to filter by: type to narrow, enter to apply.

Keys can arrive faster than the list redraws (a paste, a laggy link), so nothing here trusts
the list widget's state: what enter applies is computed from the typed text and the ticks,
which this dialog owns.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.core.event_order import clamp
from tui.core.model import Calendar, Country
from tui.core.text import one_line
from tui.core.views.lookup import search_countries


class CountryFilterModal(ModalScreen[frozenset[str] | None]):
    """Returns the chosen country codes, or None when cancelled.

    Enter applies the ticked countries, or the highlighted one when none is ticked, so
    `c`, `kaz`, `enter` filters by Kazakhstan. ctrl+t ticks several.
    """

    # None of these is a priority binding: keys then reach the dialog in the order they
    # were typed, after the letters before them have narrowed the list.
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("ctrl+t", "tick", "Tick several"),
    ]

    def __init__(self, calendar: Calendar, current: frozenset[str]) -> None:
        super().__init__()
        self.calendar = calendar
        self.current = current
        # Start with nothing ticked, so typing a name and pressing enter picks that name.
        self.ticked: set[str] = set()
        self.typed = ""
        self.found: list[Country] = search_countries(calendar, "")
        self.cursor = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="country-dialog", classes="dialog"):
            now = ", ".join(sorted(self.calendar.countries[c].name for c in self.current))
            title = f"Filter by country (now: {now or 'none'})"
            yield Label(Text(one_line(title)), classes="dialog-title")
            yield Input(placeholder="name, code or alias", id="country-query")
            yield OptionList(id="country-choices")
            yield Label("enter apply · ctrl+t tick several · escape cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.redraw()
        self.query_one("#country-query", Input).focus()

    @on(Input.Changed, "#country-query")
    def narrow(self, event: Input.Changed) -> None:
        self.narrow_to(event.value)

    def narrow_to(self, typed: str) -> None:
        if typed != self.typed:
            self.typed = typed
            self.found = search_countries(self.calendar, typed)
            self.cursor = 0
            self.redraw()

    @on(Input.Submitted, "#country-query")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.narrow_to(event.value)  # what was typed, however fast it came
        self.action_apply()

    def redraw(self) -> None:
        """Show ``found`` with the ticks and the cursor; a no-op once the dialog is gone."""
        choices = next(self.query("#country-choices").results(OptionList), None)
        if choices is None or not self.is_attached:
            return
        options = [Option(self.label(country), id=country.code) for country in self.found]
        with self.prevent(OptionList.OptionHighlighted):
            choices.set_options(options)
            choices.highlighted = self.cursor if options else None

    def label(self, country: Country) -> Text:
        mark = "[x] " if country.code in self.ticked else "[ ] "
        label = Text(mark).append(f"{country.code}  ", style="bold")
        label.append(one_line(country.name))
        if country.aliases:
            label.append("  " + one_line(", ".join(country.aliases)), style="dim")
        return label

    @on(OptionList.OptionHighlighted, "#country-choices")
    @on(OptionList.OptionSelected, "#country-choices")
    def follow_mouse(self, event: OptionList.OptionMessage) -> None:
        """A click moves the cursor; a click on the highlighted row applies it."""
        if event.option_index < len(self.found):
            self.cursor = event.option_index
        if isinstance(event, OptionList.OptionSelected):
            self.action_apply()

    def action_move(self, step: int) -> None:
        if self.found:
            self.cursor = clamp(self.cursor + step, 0, len(self.found) - 1)
            self.redraw()

    def action_tick(self) -> None:
        if self.found:
            code = self.found[self.cursor].code
            self.ticked ^= {code}
            self.redraw()

    def action_apply(self) -> None:
        if self.ticked:
            self.dismiss(frozenset(self.ticked))
        elif self.found:
            self.dismiss(frozenset({self.found[self.cursor].code}))
        else:
            self.notify("No country matches.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
