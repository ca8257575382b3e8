"""Editing from the main screen: add, edit, cancel, delete and undo, saved into the file.

The edits themselves are core code (``tui.core.editing.toml_edit``, ``save``, ``history``): only the
event's own table changes, saves are atomic and refused when the file changed on disk
since it was read. After a save the new version is shown at once, as a reload would show
it, so the user's own edits appear in the changes view too.

``Editor`` knows the file and the app, not the screen: it is given what an intent needs
(the event, the day, the calendar) and posts what came of it to its host (``VersionLoaded``
for the text written, ``EventSaved`` for the event to select). The screen's editing keys
are a few one-line methods that call it, so a core owner of the file can replace the save
logic here without touching the screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from tui.core.errors import CalendarError
from tui.core.loading.load import load_bytes
from tui.core.model import Calendar, Event
from tui.core.present.state import Browse, SelectionKind
from tui.core.views.index import CalendarIndex
from tui.ui.main.background import Follower, VersionLoaded

if TYPE_CHECKING:
    from tui.core.editing.history import EditHistory
    from tui.core.editing.save import Snapshot
    from tui.ui.form.form_save import FormResult

READ_ONLY = "This calendar cannot be edited here: it was not opened from a file you can write."
SHOWN_READ_ONLY = "Read-only: this calendar is shown here to be read, not edited."


class EventSaved(Message):
    """An edit was saved (or the form closed after a save): select ``event_id``."""

    def __init__(self, event_id: str) -> None:
        self.event_id = event_id
        super().__init__()


class Editor:
    """The editing intents on ``path``; ``host`` receives what came of them."""

    def __init__(self, host: Widget, path: Path | None, follower: Follower | None) -> None:
        self.host = host
        self.path = path
        self.follower = follower  # asked to reload when a save finds the file changed
        self._history: EditHistory | None = None

    @property
    def history(self) -> EditHistory:
        """The saved edits ctrl+z can undo (made when first needed: tomlkit loads late)."""
        if self._history is None:
            from tui.core.editing.history import EditHistory

            self._history = EditHistory()
        return self._history

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

    def _snapshot(self) -> Snapshot | None:
        """The file as it is now, to edit and to save against; None (and a message) if it
        cannot be edited."""
        why = self.refusal()
        if why is not None or self.path is None:
            self.host.notify(why or READ_ONLY, severity="warning")
            return None
        from tui.core.editing.save import read_snapshot  # tomlkit loads on the first edit

        try:
            return read_snapshot(self.path)
        except CalendarError as error:
            self.host.notify(str(error), severity="error", markup=False)
            return None

    def open_form(self, calendar: Calendar, event: Event | None, day: date | None) -> None:
        """The event form: a new event on ``day``, or ``event`` to edit."""
        from tui.ui.form.event_form_modal import EventFormModal

        snapshot = self._snapshot()
        if snapshot is None or self.path is None:
            return
        form = EventFormModal(self.path, snapshot, calendar, event=event, day=day)
        self.host.app.push_screen(form, self._form_closed)

    def _form_closed(self, result: FormResult | None) -> None:
        if result is None:
            return
        if result.saved:
            self.history.record(result.before_text, result.text, result.before_id, result.after_id)
        self._show_text(result.text, "your edit" if result.saved else "")
        self.host.post_message(EventSaved(result.after_id))

    def ask_then_edit(self, event: Event, *, delete: bool) -> None:
        """`d` cancels ``event`` (it stays, marked cancelled); `D` deletes it."""
        from tui.ui.dialogs.confirm_modal import ConfirmModal, cancel_question, delete_question

        why = self.refusal()
        if why is not None:
            self.host.notify(why, severity="warning")
            return
        from tui.core.editing.toml_edit import (  # tomlkit loads on the first edit
            cancel_event,
            delete_event,
        )

        question = delete_question(event) if delete else cancel_question(event)
        edit = delete_event if delete else cancel_event

        def answered(yes: bool | None) -> None:
            if yes:
                self._save_edit(lambda text: edit(text, event.id), event.id, deleted=delete)

        self.host.app.push_screen(ConfirmModal(question), answered)

    def undo(self) -> None:
        """ctrl+z: a new save that puts the last edited event back as it was."""
        if getattr(self.host.app, "read_only", False):
            self.host.notify(SHOWN_READ_ONLY, severity="warning")
            return
        if not len(self.history):
            self.host.notify("Nothing to undo.", severity="warning")
            return
        from tui.core.editing.history import UndoError

        snapshot = self._snapshot()
        if snapshot is None:
            return
        try:
            text = self.history.undo(snapshot.text)
        except UndoError as error:
            self.host.notify(f"Cannot undo: {error}", severity="warning", markup=False)
            return
        self._write(snapshot, text, "undone")

    def _save_edit(self, edit: Callable[[str], str], event_id: str, *, deleted: bool) -> None:
        snapshot = self._snapshot()
        if snapshot is None:
            return
        text = edit(snapshot.text)
        if self._write(snapshot, text, "your edit"):
            self.history.record(snapshot.text, text, event_id, None if deleted else event_id)

    def _write(self, snapshot: Snapshot, text: str, note: str) -> bool:
        """Save ``text`` against the snapshot it came from; never over someone else's change."""
        assert self.path is not None
        from tui.core.editing.save import ConflictError, SaveError, save_calendar

        try:
            save_calendar(self.path, text, snapshot.digest)
        except ConflictError:
            self.host.notify(
                "The file changed on disk meanwhile; nothing was saved. It is reloaded: try again.",
                severity="warning",
                timeout=8,
            )
            if self.follower is not None:
                self.follower.reload_now()
            return False
        except SaveError as error:
            self.host.notify(str(error), severity="error", markup=False)
            return False
        self._show_text(text, note)
        return True

    def _show_text(self, text: str, note: str) -> None:
        """Show the version just written without waiting for the file watcher."""
        assert self.path is not None
        try:
            result = load_bytes(text.encode("utf-8"), str(self.path))
        except CalendarError as error:
            self.host.post_message(VersionLoaded(error, note))
            return
        self.host.post_message(VersionLoaded(result, note))
