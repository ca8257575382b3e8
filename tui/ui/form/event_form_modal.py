"""Adding or editing one event: every field of the format, checked as it is typed.

The modal saves by itself, through the file's owner (``CalendarDocument``), and returns a
``FormDone`` saying what the save came to. Saving here rather than in the caller keeps the
conflict dialogue (each choice shown as it would be written) next to the edit it is about,
and the form stays open, with everything typed, until the save has happened or the user
gives up: nothing typed is lost on an error, a conflict or a file that does not load.

What is saved is computed from the widgets' values when the user saves, never from what a
handler last saw, so a burst of keys (a paste, a laggy link) cannot save a stale draft.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, TextArea

from tui.core.editing.document import CalendarDocument, Conflict, Result
from tui.core.editing.event_form import (
    KINDS,
    STATUSES,
    Draft,
    FieldMessage,
    FormField,
    blocking,
    check_draft,
    draft_of,
    new_draft,
    new_id,
    part_names,
)
from tui.core.model import Calendar, Event, date_of
from tui.core.text import field_value, one_line, to_field
from tui.core.zones import available_zones
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.dialogs.conflict_modal import Choice, ConflictModal
from tui.ui.form.form_inputs import NameSuggester, ParticipantPicker, country_names
from tui.ui.form.form_save import FormDone, save_draft
from tui.ui.worker_threads import finishing

__all__ = ["EventFormModal", "FormDone"]

# The typed fields: (field, label, placeholder).
_TEXTS: dict[FormField, tuple[str, str]] = {
    FormField.TITLE: ("Title", ""),
    FormField.DATE: ("Date", "2025-10-10"),
    FormField.START: ("Start", "19:00, or empty when not announced"),
    FormField.END: ("End", "21:00, 2025-10-11 01:00, or empty"),
    FormField.PART_OF_DAY: ("Part of day", "evening, or afternoon or evening"),
    FormField.UNDER_WAY_AT: ("Under way at", "22:38: a report's time, not a start"),
    FormField.ZONE: ("Zone", "IANA zone, such as Asia/Dushanbe"),
    FormField.LOCATION: ("Location", ""),
    FormField.HOST: ("Host", "country name, code or alias"),
}


class EventFormModal(ModalScreen[FormDone | None]):
    """Returns what the save came to (a ``FormDone``), or None when nothing was saved.

    ``event`` None opens an empty form for a new event on ``day``.
    """

    # Not the app's `.dialog`: app CSS outranks DEFAULT_CSS, and the form needs every row.
    DEFAULT_CSS = """
    EventFormModal { align: center middle; }
    EventFormModal > #event-form { width: 96; max-width: 100%; height: 100%; max-height: 40;
        border: thick $accent; background: $surface; padding: 0 1; }
    EventFormModal #form-title { text-style: bold; }
    EventFormModal #form-fields { height: 1fr; }
    EventFormModal .form-row { height: auto; }
    EventFormModal .form-label { width: 14; color: $text-muted; }
    EventFormModal .form-row > Input, EventFormModal .form-row > Select,
    EventFormModal .form-row > ParticipantPicker, EventFormModal .form-row > Horizontal {
        width: 1fr; }
    EventFormModal .form-row > Horizontal { height: auto; }
    EventFormModal .form-row Checkbox { margin-right: 2; }
    EventFormModal TextArea { width: 1fr; height: 4; }
    EventFormModal .form-message { width: 100%; padding-left: 14; color: $error; display: none; }
    EventFormModal .form-message.-shown { display: block; }
    EventFormModal .form-message.-warning { color: $warning; }
    EventFormModal #form-problem { width: 100%; color: $error; }
    EventFormModal #form-buttons { height: 1; }
    EventFormModal #form-buttons Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        owner: CalendarDocument,
        calendar: Calendar,
        event: Event | None = None,
        day: date | None = None,
    ) -> None:
        """``owner`` saves the edit; the form checks against the version it shows (which
        always loads, whatever the file on disk holds meanwhile)."""
        super().__init__()
        self.owner = owner
        self.calendar = calendar
        self.editing = event
        self.document = tomllib.loads(owner.text)
        # Without a chosen day: the calendar's first day, else today (an empty calendar).
        first_day = date_of(calendar.events[0].start) if calendar.events else date.today()
        fallback = day or first_day
        self.initial = draft_of(event) if event else new_draft(calendar, fallback)
        self.messages: dict[FormField, FieldMessage] = {}
        self.saving = False

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        draft = self.initial
        with Vertical(id="event-form"):
            what = "Edit event" if self.editing else "New event"
            yield Label(what, id="form-title")
            yield Label("", id="form-id")
            yield Label("", id="message-id", classes="form-message")
            with VerticalScroll(id="form-fields"):
                yield from self.row(FormField.TITLE, self.text_input(FormField.TITLE, draft.title))
                yield from self.row(FormField.KIND, self.choice("kind", KINDS, draft.kind), "Kind")
                yield from self.row(FormField.DATE, self.text_input(FormField.DATE, draft.date))
                yield from self.row(FormField.START, self.text_input(FormField.START, draft.start))
                yield from self.row(FormField.END, self.text_input(FormField.END, draft.end))
                parts = self.text_input(FormField.PART_OF_DAY, draft.part_of_day)
                parts.suggester = NameSuggester(part_names())
                yield from self.row(FormField.PART_OF_DAY, parts)
                all_day = Checkbox(
                    "lasts the whole day(s)", draft.all_day, id="field-all_day", compact=True
                )
                yield from self.row(FormField.ALL_DAY, all_day, "All day")
                yield from self.row(
                    FormField.UNDER_WAY_AT,
                    self.text_input(FormField.UNDER_WAY_AT, draft.under_way_at),
                )
                yield from self.row(FormField.ESTIMATED, self.estimates(draft), "Estimated")
                zone = self.text_input(FormField.ZONE, draft.zone)
                zone.suggester = NameSuggester(sorted(available_zones()))
                yield from self.row(FormField.ZONE, zone)
                location = self.text_input(FormField.LOCATION, draft.location)
                yield from self.row(FormField.LOCATION, location)
                host = self.text_input(FormField.HOST, draft.host)
                host.suggester = NameSuggester(country_names(self.calendar))
                yield from self.row(FormField.HOST, host)
                picker = ParticipantPicker(self.calendar, draft.participants, id="field-people")
                yield from self.row(FormField.PARTICIPANTS, picker, "Participants")
                status = self.choice("status", STATUSES, draft.status)
                yield from self.row(FormField.STATUS, status, "Status")
                description = TextArea(
                    to_field(draft.description, multiline=True),
                    id="field-description",
                    compact=True,
                )
                yield from self.row(FormField.DESCRIPTION, description, "Description")
                sources = TextArea(
                    to_field(draft.sources, multiline=True), id="field-sources", compact=True
                )
                sources.placeholder = "one address a line"
                yield from self.row(FormField.SOURCES, sources, "Sources")
                yield Label("", id="message-event", classes="form-message")
            yield Label("", id="form-problem")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-save", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def row(self, field: FormField, widget: Widget, label: str = "") -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label or _TEXTS[field][0], classes="form-label")
            yield widget
        yield Label("", id=f"message-{field}", classes="form-message")

    def text_input(self, field: FormField, value: str) -> Input:
        # Controls, bidi and invisible characters show as escapes the user can read and edit.
        shown = to_field(value)
        return Input(shown, placeholder=_TEXTS[field][1], id=f"field-{field}", compact=True)

    def choice(self, name: str, choices: tuple[str, ...], value: str) -> Select[str]:
        options = [(Text(choice), choice) for choice in choices]
        return Select(options, value=value, allow_blank=False, id=f"field-{name}", compact=True)

    def estimates(self, draft: Draft) -> Horizontal:
        return Horizontal(
            Checkbox("start", draft.start_estimated, id="field-start_estimated", compact=True),
            Checkbox("end", draft.end_estimated, id="field-end_estimated", compact=True),
        )

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-title", Input).focus()

    # --- the draft, as the widgets hold it now -------------------------------------------

    def current_draft(self) -> Draft:
        """The draft the widgets show: what a save would write."""

        def typed(field: FormField) -> str:
            return self.value_of(field, self.query_one(f"#field-{field}", Input).value)

        def ticked(name: str) -> bool:
            return self.query_one(f"#field-{name}", Checkbox).value

        def chosen(name: str, default: str) -> str:
            value = self.query_one(f"#field-{name}", Select).value
            return value if isinstance(value, str) else default

        return Draft(
            id=self.initial.id,
            title=typed(FormField.TITLE),
            kind=chosen("kind", self.initial.kind),
            date=typed(FormField.DATE),
            start=typed(FormField.START),
            end=typed(FormField.END),
            part_of_day=typed(FormField.PART_OF_DAY),
            all_day=ticked("all_day"),
            under_way_at=typed(FormField.UNDER_WAY_AT),
            start_estimated=ticked("start_estimated"),
            end_estimated=ticked("end_estimated"),
            zone=typed(FormField.ZONE),
            location=typed(FormField.LOCATION),
            host=typed(FormField.HOST),
            participants=self.query_one(ParticipantPicker).chosen,
            status=chosen("status", self.initial.status),
            description=self.value_of(
                FormField.DESCRIPTION, self.query_one("#field-description", TextArea).text
            ),
            sources=self.value_of(
                FormField.SOURCES, self.query_one("#field-sources", TextArea).text
            ),
        )

    def value_of(self, field: FormField, shown: str) -> str:
        """The value a text field stands for: exactly the value it was opened with while
        its text is what it showed then (whatever the widget made of line ends), else the
        text with its escapes read back."""
        return field_value(getattr(self.initial, field.value), shown, field in _MULTILINE)

    # --- validation as you type ----------------------------------------------------------

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(ParticipantPicker.Changed)
    def changed(self) -> None:
        self.revalidate()

    def revalidate(self) -> None:
        """Show each field's message and whether saving is possible, for the draft as it is."""
        if not self.is_attached:
            return
        draft = self.current_draft()
        self.messages = check_draft(self.document, draft, self.calendar)
        for field in FormField:
            self.show_message(field, self.messages.get(field))
        ident = new_id(self.calendar, draft)
        self.query_one("#form-id", Label).update(Text(f"id: {ident}", style="dim"))
        stopping = blocking(self.messages)
        self.query_one("#form-save", Button).disabled = bool(stopping)
        reason = _why_not(stopping)
        self.query_one("#form-problem", Label).update(Text(reason))

    def show_message(self, field: FormField, message: FieldMessage | None) -> None:
        label = self.query_one(f"#message-{field}", Label)
        label.update(Text(message.text if message else ""))
        label.set_class(message is not None, "-shown")
        label.set_class(message is not None and not message.blocking, "-warning")

    # --- saving --------------------------------------------------------------------------

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # enter moves on, as in most forms; ctrl+s saves

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        if self.saving:
            return
        self.revalidate()
        stopping = blocking(self.messages)
        if stopping:
            self.app.bell()
            return
        self.save_now(replace_broken=False)

    def save_now(self, *, replace_broken: bool) -> None:
        """The draft as typed now, saved in a worker thread; the form answers keys meanwhile
        (a second ctrl+s is ignored until this one has come back)."""
        self.saving = True
        event_id = self.editing.id if self.editing else None
        self.save_in_thread(event_id, self.current_draft(), replace_broken)

    @work(thread=True, group="saving", exit_on_error=True)
    @finishing
    def save_in_thread(self, event_id: str | None, draft: Draft, replace_broken: bool) -> None:
        saved = save_draft(self.owner, event_id, self.initial, draft, self.calendar, replace_broken)
        if self.app.is_running:
            self.app.call_from_thread(self.saved, saved)

    def saved(self, saved: FormDone | None) -> None:
        self.saving = False
        if saved is None:
            self.dismiss(None)  # nothing changed: nothing to save
        else:
            self.settle(saved)

    def settle(self, saved: FormDone) -> None:
        """Dismiss when the file holds the edit (or the user kept theirs), ask about a
        conflict or a broken file, or say why nothing was saved; everything typed stays."""
        outcome = saved.outcome
        if outcome.ok:
            self.dismiss(saved)
        elif outcome.result is Result.CONFLICT and outcome.conflict is not None:
            self.saving = True
            self.app.push_screen(ConflictModal(outcome.conflict), self.chosen(saved))
        elif outcome.result is Result.BROKEN:
            self.say(outcome.message)
            ask = ConfirmModal(outcome.message, yes="Replace the file", no="Keep editing")
            self.app.push_screen(ask, self.replace_if)
        else:
            self.say(outcome.message)

    def replace_if(self, yes: bool | None) -> None:
        if yes:
            self.save_now(replace_broken=True)

    def chosen(self, saved: FormDone) -> Callable[[Choice | None], None]:
        conflict = saved.outcome.conflict

        def choose(choice: Choice | None) -> None:
            if choice is None or conflict is None:
                self.say("Nothing saved yet: the file changed on disk. ctrl+s to choose again.")
                return
            self.resolve_in_thread(saved.event_id, conflict, choice)

        return choose

    @work(thread=True, group="saving", exit_on_error=True)
    @finishing
    def resolve_in_thread(self, event_id: str, conflict: Conflict, choice: Choice) -> None:
        outcome = self.owner.resolve(conflict, choice)  # "mine" writes: off the UI thread
        if self.app.is_running:
            self.app.call_from_thread(self.saved, FormDone(event_id, outcome))

    def say(self, problem: str) -> None:
        self.saving = False
        self.query_one("#form-problem", Label).update(Text(problem))

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        if not self.ask_before_leaving(lambda: self.dismiss(None)):
            self.dismiss(None)

    def ask_before_leaving(self, leave: Callable[[], object]) -> bool:
        """With unsaved input, ask whether to discard it (``leave`` on yes) and say True;
        False when nothing typed would be lost. Escape and quitting both ask here."""
        if self.current_draft() == self.initial:
            return False
        title = one_line(self.current_draft().title.strip()) or "this event"
        question = f'Discard your changes to "{title}"?'
        ask = ConfirmModal(question, yes="Discard", no="Keep editing")

        def answered(yes: bool | None) -> None:
            if yes:
                leave()

        self.app.push_screen(ask, answered)
        return True


_MULTILINE = (FormField.DESCRIPTION, FormField.SOURCES)


def _why_not(stopping: list[FormField]) -> str:
    if not stopping:
        return ""
    names = ", ".join(_TEXTS.get(f, (f.value.replace("_", " "),))[0].lower() for f in stopping)
    return f"Cannot save until these are right: {names}."
