"""The event form's own inputs: completion for zones and countries, and a participant picker.

Completion is Textual's inline ``Suggester`` (the rest of the name in grey, `right` takes
it): it needs no dropdown over the form, and leaves `tab`, `enter` and `escape` to the form.
The picker owns its state like the country filter: what is ticked and what the list shows
are computed from the typed text and its own set, never read back from the list widget, so
keys arriving faster than it redraws cannot put it in a wrong state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, OptionList
from textual.widgets.option_list import Option

from tui.core.event_order import clamp
from tui.core.model import Calendar, Participant
from tui.core.text import one_line
from tui.core.views.lookup import country_terms


class NameSuggester(Suggester):
    """Suggests the first of ``names`` (in their order) that starts with what was typed."""

    def __init__(self, names: Iterable[str]) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.names = list(names)
        self.folded = [name.casefold() for name in self.names]

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        for name, folded in zip(self.names, self.folded, strict=True):
            if folded.startswith(value) and folded != value:
                return name
        return None


def country_names(calendar: Calendar) -> list[str]:
    """Every way to name the calendar's countries, names first: what host completes to."""
    names = [country.name for country in calendar.countries.values()]
    aliases = [alias for country in calendar.countries.values() for alias in country.aliases]
    codes = [term.upper() for c in calendar.countries.values() for term in country_terms(c)[:2]]
    return [*names, *aliases, *codes]


def participant_matches(people: Iterable[Participant], typed: str) -> list[Participant]:
    """The participants whose id, name, alias or title contains every typed word."""
    words = typed.casefold().split()
    found = []
    for person in people:
        haystack = " ".join((person.id, person.name, person.title, *person.aliases)).casefold()
        if all(word in haystack for word in words):
            found.append(person)
    return found


def form_input(value: str, placeholder: str, id: str) -> Input:
    """A form's text field: focused with the cursor after its text and nothing selected,
    so the first key typed adds to a title instead of replacing it."""
    return Input(value, placeholder=placeholder, id=id, compact=True, select_on_focus=False)


class TickBox(Checkbox):
    """A checkbox that says whether it is ticked in its text ('X' or a blank), not only in
    colour: Textual's draws an X either way, alike in plain text and to a screen reader."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class ParticipantPicker(Vertical):
    """Type to narrow, `up`/`down` to move, `enter` (or a click) ticks or unticks."""

    DEFAULT_CSS = """
    ParticipantPicker { height: auto; }
    ParticipantPicker OptionList { height: auto; max-height: 6; border: none; }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    class Changed(Message):
        """The ticked participants changed."""

    def __init__(self, calendar: Calendar, ticked: Sequence[str], *, id: str) -> None:
        super().__init__(id=id)
        self.people = list(calendar.participants.values())
        # Ids the calendar does not know stay ticked, so the form can say what is wrong.
        self.ticked: list[str] = list(ticked)
        self.typed = ""
        self.found = self.people
        self.cursor = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder="type to narrow · enter ticks", id=f"{self.id}-query", compact=True)
        yield OptionList(id=f"{self.id}-choices", compact=True)

    def on_mount(self) -> None:
        self.redraw()

    @property
    def chosen(self) -> tuple[str, ...]:
        """The ticked ids, in the order they were ticked (the file's order first); a save
        writes them in the calendar's order."""
        return tuple(self.ticked)

    @on(Input.Changed)
    def narrow(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.typed:
            self.typed = event.value
            self.found = participant_matches(self.people, event.value)
            self.cursor = 0
            self.redraw()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.narrow(Input.Changed(event.input, event.value))  # what was typed, however fast
        self.action_tick()

    def action_move(self, step: int) -> None:
        if self.found:
            self.cursor = clamp(self.cursor + step, 0, len(self.found) - 1)
            self.redraw()

    def action_tick(self) -> None:
        if not self.found:
            return
        person = self.found[self.cursor].id
        if person in self.ticked:
            self.ticked.remove(person)
        else:
            self.ticked.append(person)
        self.redraw()
        self.post_message(self.Changed())

    @on(OptionList.OptionSelected)
    def clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.found):
            self.cursor = event.option_index
            self.action_tick()

    @on(OptionList.OptionHighlighted)
    def followed(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def redraw(self) -> None:
        """Show ``found`` with the ticks and the cursor; a no-op once the picker is gone."""
        choices = next(self.query(OptionList).results(OptionList), None)
        if choices is None or not self.is_attached:
            return
        options = [Option(self.label(person), id=person.id) for person in self.found]
        with self.prevent(OptionList.OptionHighlighted):
            choices.set_options(options)
            choices.highlighted = self.cursor if options else None

    def label(self, person: Participant) -> Text:
        mark = "[x] " if person.id in self.ticked else "[ ] "
        label = Text(mark).append(one_line(person.name), style="bold")
        if person.title:
            label.append("  " + one_line(person.title), style="dim")
        return label
