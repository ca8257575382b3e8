"""Adding or editing a participant (id, name, title, country) or a country (code, name,
capital, zone, ICC, blocs, borders), saved through the file's owner.

The fields and their checks are data (``tui.core.editing.table_form``); saving, the
conflict dialogue, the broken file's question and the question before discarding typed
input are the event form's (``SavingForm``). The owner writes only that one table, keeps
every comment, and the save is one step of undo.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select

from tui.core.editing.document import CalendarDocument
from tui.core.editing.table_form import (
    FIELDS,
    NOUNS,
    PARTICIPANTS,
    TableField,
    check_values,
    table_changes,
    table_key,
    values_of,
)
from tui.core.model import Calendar
from tui.core.text import field_value, one_line, to_field
from tui.core.zones import available_zones
from tui.ui.form.form_inputs import NameSuggester, country_names, form_input
from tui.ui.form.form_save import FormDone
from tui.ui.form.saving_form import SaveCall, SavingForm


class TableFormModal(SavingForm):
    """A participant's or a country's form (``section``); ``key`` None adds a new one.

    Returns what the save came to (a ``FormDone`` naming the table's key), or None.
    """

    DEFAULT_CSS = """
    TableFormModal > .form-box { width: 80; height: auto; max-height: 30; }
    TableFormModal #form-fields { height: auto; max-height: 22; }
    """

    def __init__(
        self, owner: CalendarDocument, calendar: Calendar, section: str, key: str | None
    ) -> None:
        super().__init__(owner)
        self.calendar = calendar
        self.section = section
        self.key = key
        self.initial = values_of(calendar, section, key)
        self.problems: dict[str, str] = {}
        # A new row's empty fields are not yet wrong: a field says so once it was changed,
        # or once saving was tried (an existing row's fields say so at once).
        self.tried = key is not None

    def compose_form(self) -> ComposeResult:
        noun = NOUNS[self.section]
        title = f"New {noun}" if self.key is None else f"Edit {noun}"
        with Vertical(id="table-form", classes="form-box"):
            yield Label(title, id="form-title")
            with VerticalScroll(id="form-fields"):
                for field in FIELDS[self.section]:
                    with Horizontal(classes="form-row"):
                        yield Label(field.label, classes="form-label")
                        yield self.field_widget(field)
                    yield Label("", id=f"message-{field.name}", classes="form-message")
            yield Label("", id="form-problem")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-save", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def field_widget(self, field: TableField) -> Input | Select[str]:
        value = self.initial[field.name]
        if field.choices:
            options = [(Text(choice), choice) for choice in field.choices]
            return Select(
                options, value=value, allow_blank=False, id=f"field-{field.name}", compact=True
            )
        shown = to_field(value)  # controls and bidi characters as escapes one can read
        typed = form_input(shown, field.hint, f"field-{field.name}")
        if field.name == "id" and self.key is not None:
            typed.disabled = True  # events name it: a new id would leave them behind
        elif field.name == "country":
            typed.suggester = NameSuggester(country_names(self.calendar))
        elif field.name == "timezone":
            typed.suggester = NameSuggester(sorted(available_zones()))
        return typed

    def on_mount(self) -> None:
        self.revalidate()
        first = "name" if self.key is not None else "id"
        self.query_one(f"#field-{first}", Input).focus()

    # --- the values, as the widgets hold them now ---------------------------------------
    def current_values(self) -> dict[str, str]:
        """Each field's value as typed now: what a save would write."""
        values: dict[str, str] = {}
        for field in FIELDS[self.section]:
            if field.choices:
                chosen = self.query_one(f"#field-{field.name}", Select).value
                values[field.name] = chosen if isinstance(chosen, str) else field.choices[0]
            else:
                shown = self.query_one(f"#field-{field.name}", Input).value
                values[field.name] = field_value(self.initial[field.name], shown)
        return values

    @on(Input.Changed)
    @on(Select.Changed)
    def changed(self) -> None:
        self.revalidate()

    def revalidate(self) -> None:
        """Each field's message and whether saving is possible, for the values as typed."""
        if not self.is_attached:
            return
        values = self.current_values()
        self.problems = check_values(self.calendar, self.section, values, self.key)
        for field in FIELDS[self.section]:
            message = self.problems.get(field.name)
            if not self.tried and values[field.name] == self.initial[field.name]:
                message = None
            label = self.query_one(f"#message-{field.name}", Label)
            label.update(Text(message or ""))
            label.set_class(message is not None, "-shown")
        self.query_one("#form-save", Button).disabled = bool(self.problems)
        names = [f.label.lower() for f in FIELDS[self.section] if f.name in self.problems]
        reason = f"Cannot save until these are right: {', '.join(names)}." if names else ""
        reason = reason if self.tried or self.dirty() else ""
        self.query_one("#form-problem", Label).update(Text(reason))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # enter moves on, as in the event form; ctrl+s saves

    # --- what SavingForm asks -----------------------------------------------------------
    def blocked(self) -> bool:
        self.tried = True
        self.revalidate()
        return bool(self.problems)

    def save_call(self, replace_broken: bool) -> SaveCall:
        key, changes = table_changes(
            self.calendar, self.section, self.initial, self.current_values()
        )
        owner = self.owner
        save = owner.set_participant if self.section == PARTICIPANTS else owner.set_country

        def call() -> FormDone | None:
            if not changes:
                return None
            return FormDone(key, save(key, changes, replace_broken=replace_broken))

        return call

    def dirty(self) -> bool:
        return self.current_values() != self.initial

    def subject(self) -> str:
        noun = NOUNS[self.section]
        if self.key is not None:  # as it was opened: what the changes would be lost to
            return f'"{self.name_in(self.initial)}"'
        name = self.name_in(self.current_values())
        return f'the new {noun} "{name}"' if name else f"the new {noun}"

    def name_in(self, values: dict[str, str]) -> str:
        """A participant's or a country's name, else its key, on one line."""
        return one_line(values.get("name", "").strip() or table_key(self.section, values))
