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
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, TextArea

from tui.core.editing.document import CalendarDocument
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
from tui.ui.form.form_inputs import (
    NameSuggester,
    ParticipantPicker,
    TickBox,
    country_names,
    form_input,
)
from tui.ui.form.form_save import FormDone, save_draft
from tui.ui.form.saving_form import SaveCall, SavingForm

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
    FormField.HOST: ("Host", "country name, code, alias, or the start of one"),
}


class EventFormModal(SavingForm):
    """Returns what the save came to (a ``FormDone``), or None when nothing was saved.

    ``event`` None opens an empty form for a new event on ``day``.
    """

    def __init__(
        self,
        owner: CalendarDocument,
        calendar: Calendar,
        event: Event | None = None,
        day: date | None = None,
    ) -> None:
        """``owner`` saves the edit; the form checks against the version it shows (which
        always loads, whatever the file on disk holds meanwhile)."""
        super().__init__(owner)
        self.calendar = calendar
        self.editing = event
        self.document = tomllib.loads(owner.text)
        # Without a chosen day: the calendar's first day, else today (an empty calendar).
        first_day = date_of(calendar.events[0].start) if calendar.events else date.today()
        fallback = day or first_day
        self.initial = draft_of(event) if event else new_draft(calendar, fallback)
        self.messages: dict[FormField, FieldMessage] = {}

    # --- layout --------------------------------------------------------------------------

    def compose_form(self) -> ComposeResult:
        draft = self.initial
        with Vertical(id="event-form", classes="form-box"):
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
                all_day = TickBox(
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
        return form_input(shown, _TEXTS[field][1], f"field-{field}")

    def choice(self, name: str, choices: tuple[str, ...], value: str) -> Select[str]:
        options = [(Text(choice), choice) for choice in choices]
        return Select(options, value=value, allow_blank=False, id=f"field-{name}", compact=True)

    def estimates(self, draft: Draft) -> Horizontal:
        return Horizontal(
            TickBox("start", draft.start_estimated, id="field-start_estimated", compact=True),
            TickBox("end", draft.end_estimated, id="field-end_estimated", compact=True),
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

    # --- saving (the rest is SavingForm's) ---------------------------------------------

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # enter moves on, as in most forms; ctrl+s saves

    def blocked(self) -> bool:
        self.revalidate()
        return bool(blocking(self.messages))

    def save_call(self, replace_broken: bool) -> SaveCall:
        event_id = self.editing.id if self.editing else None
        draft, initial, calendar = self.current_draft(), self.initial, self.calendar
        return lambda: save_draft(self.owner, event_id, initial, draft, calendar, replace_broken)

    def dirty(self) -> bool:
        return self.current_draft() != self.initial

    def subject(self) -> str:
        if self.editing is not None:  # as it was opened: what the changes would be lost to
            return f'"{one_line(self.initial.title.strip())}"'
        title = one_line(self.current_draft().title.strip())
        return f'the new event "{title}"' if title else "the new event"


_MULTILINE = (FormField.DESCRIPTION, FormField.SOURCES)


def _why_not(stopping: list[FormField]) -> str:
    if not stopping:
        return ""
    names = ", ".join(_TEXTS.get(f, (f.value.replace("_", " "),))[0].lower() for f in stopping)
    return f"Cannot save until these are right: {names}."
