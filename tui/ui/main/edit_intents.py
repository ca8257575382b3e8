"""Editing from the main screen: add, edit, cancel, delete and undo, saved into the file.

The edits themselves are core code (``tui.core.editing.toml_edit``, ``save``, ``history``): only the
event's own table changes, saves are atomic and refused when the file changed on disk
since it was read. After a save the new version is shown at once, as a reload would show
it, so the user's own edits appear in the changes view too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core.errors import CalendarError
from tui.core.loading.load import load_bytes
from tui.core.model import Event
from tui.core.present.state import Selection, SelectionKind

if TYPE_CHECKING:
    from tui.core.editing.save import Snapshot
    from tui.ui.form.form_save import FormResult
    from tui.ui.main.main_screen import MainScreen

READ_ONLY = "This calendar cannot be edited here: it was not opened from a file you can write."
SHOWN_READ_ONLY = "Read-only: this calendar is shown here to be read, not edited."


def refusal(screen: MainScreen) -> str | None:
    """Why the calendar cannot be edited here (the app is read-only, or the file is not
    one this user may write), or None when it can."""
    if getattr(screen.app, "read_only", False):  # `diplocal serve --read-only`
        return SHOWN_READ_ONLY
    if screen.path is None or not os.access(screen.path, os.W_OK):
        return READ_ONLY
    return None


def can_edit(screen: MainScreen) -> bool:
    """Whether editing may start here."""
    return refusal(screen) is None


def _snapshot(screen: MainScreen) -> Snapshot | None:
    """The file as it is now, to edit and to save against; None (and a message) if it
    cannot be edited."""
    why = refusal(screen)
    if why is not None or screen.path is None:
        screen.notify(why or READ_ONLY, severity="warning")
        return None
    from tui.core.editing.save import read_snapshot  # tomlkit loads on the first edit, not at start

    try:
        return read_snapshot(screen.path)
    except CalendarError as error:
        screen.notify(str(error), severity="error", markup=False)
        return None


def selected_event(screen: MainScreen) -> Event | None:
    """The event the details are about, if they are about one."""
    selection = screen.browse.selection
    if selection is None or selection.kind is not SelectionKind.EVENT:
        screen.notify("Choose an event first.", severity="warning")
        return None
    position = screen.index.position.get(selection.key)
    return None if position is None else screen.calendar.events[position]


def open_form(screen: MainScreen, event: Event | None) -> None:
    """The event form: a new event on the day shown, or ``event`` to edit."""
    from tui.ui.form.event_form_modal import EventFormModal

    snapshot = _snapshot(screen)
    if snapshot is None or screen.path is None:
        return
    day = screen.browse.day
    form = EventFormModal(screen.path, snapshot, screen.calendar, event=event, day=day)
    screen.app.push_screen(form, lambda result: _form_closed(screen, result))


def _form_closed(screen: MainScreen, result: FormResult | None) -> None:
    if result is None:
        return
    if result.saved:
        screen.history.record(result.before_text, result.text, result.before_id, result.after_id)
    _show_text(screen, result.text, "your edit" if result.saved else "")
    screen.change(selection=Selection(SelectionKind.EVENT, result.after_id))


def ask_then_edit(screen: MainScreen, delete: bool) -> None:
    """`d` cancels the selected event (it stays, marked cancelled); `D` deletes it."""
    from tui.ui.dialogs.confirm_modal import ConfirmModal, cancel_question, delete_question

    event = selected_event(screen)
    why = refusal(screen)
    if event is None or why is not None:
        if event is not None and why is not None:
            screen.notify(why, severity="warning")
        return
    from tui.core.editing.toml_edit import (  # tomlkit loads on the first edit
        cancel_event,
        delete_event,
    )

    question = delete_question(event) if delete else cancel_question(event)
    edit = delete_event if delete else cancel_event

    def answered(yes: bool | None) -> None:
        if yes:
            _save_edit(screen, lambda text: edit(text, event.id), event.id, deleted=delete)

    screen.app.push_screen(ConfirmModal(question), answered)


def undo(screen: MainScreen) -> None:
    """ctrl+z: a new save that puts the last edited event back as it was."""
    if getattr(screen.app, "read_only", False):
        screen.notify(SHOWN_READ_ONLY, severity="warning")
        return
    if not len(screen.history):
        screen.notify("Nothing to undo.", severity="warning")
        return
    from tui.core.editing.history import UndoError

    snapshot = _snapshot(screen)
    if snapshot is None:
        return
    try:
        text = screen.history.undo(snapshot.text)
    except UndoError as error:
        screen.notify(f"Cannot undo: {error}", severity="warning", markup=False)
        return
    _write(screen, snapshot, text, "undone")


def _save_edit(
    screen: MainScreen, edit: Callable[[str], str], event_id: str, *, deleted: bool
) -> None:
    snapshot = _snapshot(screen)
    if snapshot is None:
        return
    text = edit(snapshot.text)
    if _write(screen, snapshot, text, "your edit"):
        screen.history.record(snapshot.text, text, event_id, None if deleted else event_id)


def _write(screen: MainScreen, snapshot: Snapshot, text: str, note: str) -> bool:
    """Save ``text`` against the snapshot it came from; never over someone else's change."""
    assert screen.path is not None
    from tui.core.editing.save import ConflictError, SaveError, save_calendar  # loaded by _snapshot

    try:
        save_calendar(screen.path, text, snapshot.digest)
    except ConflictError:
        screen.notify(
            "The file changed on disk meanwhile; nothing was saved. It is reloaded: try again.",
            severity="warning",
            timeout=8,
        )
        screen.action_reload()
        return False
    except SaveError as error:
        screen.notify(str(error), severity="error", markup=False)
        return False
    _show_text(screen, text, note)
    return True


def _show_text(screen: MainScreen, text: str, note: str) -> None:
    """Show the version just written without waiting for the file watcher."""
    assert screen.path is not None
    try:
        result = load_bytes(text.encode("utf-8"), str(screen.path))
    except CalendarError as error:
        screen.follower.show(error, note)
        return
    screen.follower.show(result, note)
