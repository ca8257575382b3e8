"""Editing from the main screen: add, edit, cancel, delete, undo and redo, all through
the file's one owner (``tui.core.editing.document.CalendarDocument``).

The owner makes and saves every change (only the tables it touches, atomically, never over
someone else's change without a question) and returns an ``Outcome``: its one-line message
is shown as a notice, and the version it left is shown at once, as a reload would show it,
so the user's own edits appear in the changes view too. A file on disk that does not load
never ends the app: the intent is refused with a message that points at `w`. Intents run
in worker threads, one at a time in the order of the keys, the screen answering meanwhile.

``Editor`` knows the file and the app, not the screen: it is given what an intent needs
(the event, the day, the calendar) and posts what came of it to its host (``VersionLoaded``
for the version to show, prepared off the UI thread by the ``Preparer``; ``EventSaved``
for the event to select).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from tui.core.errors import CalendarError
from tui.core.model import Calendar, Event
from tui.core.present.state import Browse, SelectionKind, neighbour
from tui.core.views.index import CalendarIndex
from tui.ui.main.background import Follower, Preparer
from tui.ui.worker_threads import finishing

if TYPE_CHECKING:
    from tui.core.editing.document import CalendarDocument, Outcome
    from tui.ui.form.event_form_modal import FormDone

READ_ONLY = "This calendar cannot be edited here: it was not opened from a file you can write."
SHOWN_READ_ONLY = "Read-only: this calendar is shown here to be read, not edited."


class EventSaved(Message):
    """An edit was saved (or the form closed after a save): select ``event_id``."""

    def __init__(self, event_id: str) -> None:
        self.event_id = event_id
        super().__init__()


class Editor:
    """The editing intents on ``path``; ``host`` receives what came of them."""

    def __init__(
        self, host: Widget, path: Path | None, follower: Follower | None, preparer: Preparer
    ) -> None:
        self.host = host
        self.path = path
        self.preparer = preparer
        self.follower = follower  # asked to reload when a save finds the file changed
        self._document: CalendarDocument | None = None
        self._turn = threading.Condition()  # intents run in their workers in key order
        self._issued = self._next = 0

    def refusal(self) -> str | None:
        """Why the calendar cannot be edited here (the app is read-only, `diplocal serve
        --read-only`, or the file is not one this user may write), or None when it can."""
        if getattr(self.host.app, "read_only", False):
            return SHOWN_READ_ONLY
        if self.path is None or not os.access(self.path, os.W_OK):
            return READ_ONLY
        return None

    def can_edit(self) -> bool:
        """Whether editing may start here."""
        return self.refusal() is None

    def selected_event(self, index: CalendarIndex, browse: Browse) -> Event | None:
        """The event the details are about, if they are about one (else it says so)."""
        selection = browse.selection
        if selection is None or selection.kind is not SelectionKind.EVENT:
            self.host.notify("Choose an event first.", severity="warning")
            return None
        position = index.position.get(selection.key)
        return None if position is None else index.calendar.events[position]

    def document(self) -> CalendarDocument | None:
        """The owner of the file every edit goes through, opened on the first edit; None
        (and a message saying why) when the calendar cannot be edited here."""
        why = self.refusal()
        if why is not None or self.path is None:
            self.host.notify(why or READ_ONLY, severity="warning")
            return None
        if self._document is None:
            from tui.core.editing.document import CalendarDocument  # tomlkit loads late

            try:
                self._document = CalendarDocument.open(self.path)
            except CalendarError as error:
                self.host.notify(broken_notice(error), severity="error", markup=False)
                return None
            # While the form is filled in: what the first save re-checks no more.
            prime = self._document.prime
            self.host.run_worker(prime, thread=True, name="prime", exit_on_error=False)
        return self._document

    def open_form(self, calendar: Calendar, event: Event | None, day: date | None) -> None:
        """The event form: a new event on ``day``, or ``event`` to edit. It opens on the
        version shown, which always loads; a broken file on disk is said at the save."""
        from tui.ui.form.event_form_modal import EventFormModal

        document = self.document()
        if document is None:
            return
        form = EventFormModal(document, calendar, event=event, day=day)
        self.host.app.push_screen(form, self._form_closed)

    def open_table_form(self, calendar: Calendar, section: str, key: str | None) -> None:
        """A participant's or a country's form (``section``): ``key`` to edit, None to add
        one. It saves through the owner as the event form does; the notice names it."""
        from tui.ui.form.table_form_modal import TableFormModal

        if key is not None and key not in getattr(calendar, section):
            return  # the list moved on meanwhile: nothing to edit
        document = self.document()
        if document is not None:
            form = TableFormModal(document, calendar, section, key)
            self.host.app.push_screen(form, self._table_closed)

    def _table_closed(self, result: FormDone | None) -> None:
        if result is not None:
            self.settle(result.outcome, None)

    def _form_closed(self, result: FormDone | None) -> None:
        if result is not None:
            self.settle(result.outcome, result.event_id)

    def ask_then_edit(
        self, index: CalendarIndex, browse: Browse, local: tzinfo, *, delete: bool
    ) -> None:
        """`d` cancels the selected event (it stays, marked cancelled); `D` deletes it,
        and the cursor goes to its neighbour on the day (``local``: the viewer's zone)."""
        from tui.ui.dialogs.confirm_modal import ConfirmModal, cancel_question, delete_question

        event = self.selected_event(index, browse)
        document = None if event is None else self.document()
        if event is None or document is None:
            return
        question = delete_question(event) if delete else cancel_question(event)
        made = document.delete if delete else document.cancel
        selected = neighbour(index, browse, local, event.id) if delete else event.id

        def done(outcome: Outcome) -> None:
            if _broken(outcome):
                self.ask_to_replace(outcome, lambda: made(event.id, replace_broken=True))
            else:
                self.settle(outcome, selected)

        def answered(yes: bool | None) -> None:
            if yes:
                self.run(lambda: made(event.id), done)

        self.host.app.push_screen(ConfirmModal(question), answered)

    def ask_to_replace(self, broken: Outcome, again: Callable[[], Outcome]) -> None:
        """The file on disk does not load: say why, and make the edit on the last good
        version (replacing the broken file) only when the user says so."""
        from tui.ui.dialogs.confirm_modal import ConfirmModal

        ask = ConfirmModal(broken.message, yes="Replace the file", no="Leave it")

        def answered(yes: bool | None) -> None:
            if yes:
                self.run(again, lambda outcome: self.settle(outcome, None))
            else:
                self.host.notify("Nothing saved: the file on disk still has errors (w).")

        self.host.app.push_screen(ask, answered)

    def undo(self) -> None:
        """ctrl+z: the last edit taken back, saying what."""
        self._step(undoing=True)

    def redo(self) -> None:
        """ctrl+y: the last undone edit made again, saying what."""
        self._step(undoing=False)

    def _step(self, *, undoing: bool) -> None:
        if getattr(self.host.app, "read_only", False):
            self.host.notify(SHOWN_READ_ONLY, severity="warning")
            return
        document = self._document
        if document is None:
            self.host.notify(f"Nothing to {'undo' if undoing else 'redo'}.", severity="warning")
            return
        step = document.undo if undoing else document.redo

        def done(outcome: Outcome) -> None:
            if _broken(outcome):  # no "save anyway" for a step back: fix the file first
                word = "undo" if undoing else "redo"
                first = document.errors[0] if document.errors else "?"
                why = f"Cannot {word}: the file on disk has errors, first {first}. w lists them."
                self.host.notify(why, severity="error", markup=False, timeout=12)
            else:
                self.settle(outcome, None)

        self.run(step, done)

    def run(self, intent: Callable[[], Outcome], done: Callable[[Outcome], None]) -> None:
        """The intent in a worker thread (a save checks and writes the whole file, seconds
        at 100,000 events), the screen answering keys meanwhile; ``done`` gets the outcome
        back on the UI thread. Intents run one at a time, in the order of the keys."""
        app, ticket = self.host.app, self._issued
        self._issued += 1

        @finishing  # quitting meanwhile waits for the save
        def work() -> None:
            with self._turn:  # in the order the keys came, whichever thread starts first
                self._turn.wait_for(lambda: self._next == ticket)
            try:
                outcome = intent()
            finally:
                with self._turn:
                    self._next += 1
                    self._turn.notify_all()
            if app.is_running:  # quitting meanwhile: the file is saved, nothing to show
                app.call_from_thread(done, outcome)

        self.host.run_worker(work, thread=True, group="editing", exit_on_error=True)

    def settle(self, outcome: Outcome, event_id: str | None) -> None:
        """Say what an intent did (its message is calendar text: plain), show the version
        it left, and select ``event_id`` when it was saved."""
        from tui.core.editing.document import Result

        if outcome.result is Result.BROKEN:
            self.host.notify(outcome.message, severity="error", markup=False, timeout=12)
        elif not outcome.ok:
            self.host.notify(outcome.message, severity="warning", markup=False, timeout=8)
        elif outcome.result is not Result.UNCHANGED:
            self.host.notify(outcome.message, markup=False)
        saved = outcome.result is Result.SAVED
        selected = EventSaved(event_id) if event_id is not None and saved else None
        if outcome.loaded is not None:  # the event is selected once its version is shown
            self.preparer.post(outcome.loaded, "your edit" if saved else "", selected)
        elif selected is not None:
            self.host.post_message(selected)


def _broken(outcome: Outcome) -> bool:
    from tui.core.editing.document import Result

    return outcome.result is Result.BROKEN


def broken_notice(error: CalendarError) -> str:
    """Why editing cannot start while the file on disk does not load, and where to look."""
    first = error.diagnostics[0] if error.diagnostics else error
    return f"Cannot edit: the file on disk has errors, first {first}. w lists them; fix the file."
