"""What every form that saves through the file's owner shares: saving off the UI thread,
the conflict dialogue, the broken file's question, and asking before typed input is lost.

A form (the event form, the participant and country form) gives three things: whether
what it holds can be saved (``blocked``, its messages shown beside the fields), the save
itself as a function of what the widgets hold now (``save_call``, run in a worker
thread), and whether anything was typed (``dirty``). The form stays open, with
everything typed, until the owner's outcome is ``ok`` or the user gives up.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tui.core.editing.document import CalendarDocument, Conflict, Result
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.dialogs.conflict_modal import Choice, ConflictModal
from tui.ui.form.form_save import FormDone
from tui.ui.widgets.fitted_footer import FittedFooter
from tui.ui.worker_threads import finishing

SaveCall = Callable[[], FormDone | None]  # runs in a worker thread; None: nothing to save


class SavingForm(ModalScreen[FormDone | None]):
    """A form saving through ``owner``; subclasses compose (``compose_form``) a
    ``#form-problem`` label and ``#form-save`` / ``#form-cancel`` buttons, and give
    ``blocked``, ``save_call``, ``dirty`` and ``subject``."""

    # Not the app's `.dialog`: app CSS outranks DEFAULT_CSS, and the form needs every row.
    DEFAULT_CSS = """
    SavingForm { align: center middle; }
    SavingForm > .form-box { width: 96; max-width: 100%; height: 100%; max-height: 40;
        border: thick $accent; background: $surface; padding: 0 1; }
    SavingForm #form-title { text-style: bold; }
    SavingForm #form-fields { height: 1fr; }
    SavingForm .form-row { height: auto; }
    SavingForm .form-label { width: 14; color: $text-muted; }
    SavingForm .form-row > Input, SavingForm .form-row > Select,
    SavingForm .form-row > ParticipantPicker, SavingForm .form-row > Horizontal {
        width: 1fr; }
    SavingForm .form-row > Horizontal { height: auto; }
    SavingForm .form-row Checkbox { margin-right: 2; }
    SavingForm TextArea { width: 1fr; height: 4; }
    SavingForm .form-message { width: 100%; padding-left: 14; color: $error; display: none; }
    SavingForm .form-message.-shown { display: block; }
    SavingForm .form-message.-warning { color: $warning; }
    SavingForm #form-problem { width: 100%; color: $error; }
    SavingForm #form-buttons { height: 1; }
    SavingForm #form-buttons Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, owner: CalendarDocument) -> None:
        super().__init__()
        self.owner = owner
        self.saving = False

    def compose(self) -> ComposeResult:
        yield from self.compose_form()
        # The form's own keys: without a footer of its own, the one under the form (the
        # main screen's, drawn for the list that opened it) showed keys the form ignores.
        yield FittedFooter()

    def on_mount(self) -> None:
        # The notices still shown are about what happened before the form: at 80x24 the
        # form fills the terminal and they covered its fields and its reason not to save.
        self.app.clear_notifications()

    # --- what a form gives ----------------------------------------------------------
    def compose_form(self) -> ComposeResult:
        """The form's box: its fields, ``#form-problem`` and the buttons."""
        raise NotImplementedError

    def blocked(self) -> bool:
        """Show the fields' messages; whether they stop a save."""
        raise NotImplementedError

    def save_call(self, replace_broken: bool) -> SaveCall:
        """The save of what the widgets hold now (read here, on the UI thread)."""
        raise NotImplementedError

    def dirty(self) -> bool:
        """Whether the form holds input that leaving would lose."""
        raise NotImplementedError

    def subject(self) -> str:
        """What the form is about, for the question before discarding ("this event")."""
        raise NotImplementedError

    # --- saving ---------------------------------------------------------------------
    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        if self.saving:
            return
        if self.blocked():
            self.app.bell()
            return
        self.save_now(replace_broken=False)

    @property
    def holds_keys(self) -> bool:
        """While a save is under way, keys typed meanwhile wait (see ``TypedAhead``): the
        save took the fields as they were, so they land once it is done, in the main
        screen or back in this form when the save was refused."""
        return self.saving

    def save_now(self, *, replace_broken: bool) -> None:
        """What the form holds now, saved in a worker thread (a second ctrl+s is ignored
        until this one has come back)."""
        self.saving = True
        self.save_in_thread(self.save_call(replace_broken))

    @work(thread=True, group="saving", exit_on_error=True)
    @finishing
    def save_in_thread(self, save: SaveCall) -> None:
        saved = save()
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

    # --- leaving --------------------------------------------------------------------
    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        if not self.ask_before_leaving(lambda: self.dismiss(None)):
            self.dismiss(None)

    def ask_before_leaving(self, leave: Callable[[], object], *, quitting: bool = False) -> bool:
        """With unsaved input, ask whether to discard it (``leave`` on yes) and say True;
        False when nothing typed would be lost. Escape and quitting both ask here; the
        question says when a yes quits the app as well."""
        if not self.dirty():
            return False
        then, yes = (" and quit", "Discard and quit") if quitting else ("", "Discard")
        question = f"Discard your changes to {self.subject()}{then}?"
        ask = ConfirmModal(question, yes, "Keep editing")

        def answered(yes: bool | None) -> None:
            if yes:
                leave()

        self.app.push_screen(ask, answered)
        return True
