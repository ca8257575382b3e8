"""Saving what the event form holds, without ever losing someone else's change.

The edit is made on the text the form was opened on and written against its digest. When
the file changed meanwhile, the edit is re-applied to the new text if the event reads the
same there, and written against the new digest; otherwise both versions go to a
``ConflictModal`` and the user chooses. Nothing here writes unless `check` would accept the
result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.editing.edit_check import validate_text
from tui.core.editing.event_form import Draft, changes, new_values, parse_draft
from tui.core.editing.save import (
    Conflict,
    ConflictError,
    SaveError,
    Snapshot,
    rebase_edit,
    save_calendar,
)
from tui.core.editing.toml_edit import EditError, add_event, update_event
from tui.core.errors import CalendarError, Severity
from tui.core.model import Calendar
from tui.ui.dialogs.conflict_modal import Choice, ConflictModal

ATTEMPTS = 3  # re-applying on a file that keeps changing: give up after this many


@dataclass(frozen=True, slots=True)
class FormResult:
    """What is on disk after the form closed, for the app to reload and to undo.

    ``text``/``digest`` are the file now. ``saved`` says the user's edit is in it; then
    ``before_text`` is the text it was applied to (theirs, when ``rebased``) and
    ``before_id``/``after_id`` name the event, for ``EditHistory.record`` (``before_id``
    is None for a new event). When the user kept their version, ``saved`` is False and
    ``text`` is theirs: the app should reload.
    """

    path: Path
    text: str
    digest: str
    saved: bool
    before_text: str
    before_id: str | None
    after_id: str
    rebased: bool = False


@dataclass(frozen=True, slots=True)
class EditPlan:
    """Where to save, the text the edit is made on, and the event (None: a new one)."""

    path: Path
    snapshot: Snapshot
    event_id: str | None


@dataclass(frozen=True, slots=True)
class PendingConflict:
    """Both versions of the event, waiting for the user's choice."""

    plan: EditPlan
    conflict: Conflict
    their_digest: str
    after_id: str

    def modal(self) -> ConflictModal:
        return ConflictModal(self.conflict)

    def resolved(
        self, done: Callable[[FormResult], None], say: Callable[[str], None]
    ) -> Callable[[Choice | None], None]:
        """What to do with the choice: keep theirs, write mine over theirs, or go back."""

        def choose(choice: Choice | None) -> None:
            theirs = self.conflict.theirs
            if choice is None:
                say("Nothing saved yet: the file changed on disk. ctrl+s to choose again.")
            elif choice == "theirs":
                done(self.result(theirs, self.their_digest, saved=False))
            else:
                outcome = _write(self.plan, theirs, self.conflict.ours, self.their_digest, self)
                if outcome.result is not None:
                    done(outcome.result)
                else:
                    say(outcome.problem or "The file changed again; nothing was saved.")

        return choose

    def result(self, text: str, digest: str, *, saved: bool) -> FormResult:
        path, event_id = self.plan.path, self.plan.event_id
        return FormResult(path, text, digest, saved, self.conflict.theirs, event_id, self.after_id)


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """Saved (``result``), waiting for a choice (``conflict``), or not (``problem``)."""

    result: FormResult | None = None
    conflict: PendingConflict | None = None
    problem: str = ""
    unchanged: bool = False  # an edit that changes nothing: nothing to save


def save_plan(plan: EditPlan, initial: Draft, draft: Draft, calendar: Calendar) -> SaveOutcome:
    """Write the draft's changes to the file, re-applying them to a newer version if need be.

    Raises:
        EditError: the edit cannot be made (no such event any more, a value TOML can't hold).
        CalendarError: the text the form was opened on no longer parses.
    """
    values = parse_draft(draft, calendar).values
    base = plan.snapshot.text
    if plan.event_id is not None:
        edit = changes(initial, draft, values)
        if not edit:
            return SaveOutcome(unchanged=True)
        text = update_event(base, plan.event_id, edit)
        after_id = plan.event_id
        apply = _update(base, plan.event_id, edit)
    else:
        written = new_values(values)
        text = add_event(base, written)
        after_id = written["id"]
        apply = _add(written)
    first = Pending(plan, after_id, apply)
    return _write(plan, base, text, plan.snapshot.digest, first)


Apply = Callable[[str], "str | Conflict"]


@dataclass(frozen=True, slots=True)
class Pending:
    """An edit not yet on disk: how to make it again on someone else's text."""

    plan: EditPlan
    after_id: str
    apply: Apply


def _update(base: str, event_id: str, edit: dict[str, Any]) -> Apply:
    return lambda theirs: rebase_edit(base, theirs, event_id, edit)


def _add(values: dict[str, Any]) -> Apply:
    return lambda theirs: add_event(theirs, values)


def _write(
    plan: EditPlan,
    before: str,
    text: str,
    digest: str,
    pending: Pending | PendingConflict,
    attempts: int = ATTEMPTS,
) -> SaveOutcome:
    """Write ``text`` over ``before`` (whose digest is ``digest``), following later changes."""
    problem = _check(text, plan.path)
    if problem:
        return SaveOutcome(problem=problem)
    try:
        new_digest = save_calendar(plan.path, text, digest)
    except SaveError as error:
        return SaveOutcome(problem=str(error))
    except ConflictError as error:
        if error.their_text is None or error.their_digest is None:
            return SaveOutcome(problem=f"{error}. Your edit is still here.")
        if attempts <= 1 or not isinstance(pending, Pending):
            return SaveOutcome(problem=f"{error}. Your edit is still here; save again.")
        return _rebase(pending, error.their_text, error.their_digest, attempts - 1)
    result = FormResult(
        plan.path, text, new_digest, True, before, plan.event_id, pending.after_id,
        rebased=before != plan.snapshot.text,
    )  # fmt: skip
    return SaveOutcome(result=result)


def _rebase(pending: Pending, theirs: str, digest: str, attempts: int) -> SaveOutcome:
    try:
        again = pending.apply(theirs)
    except CalendarError as error:
        return SaveOutcome(problem=f"The file on disk no longer loads: {error}")
    except EditError as error:
        return SaveOutcome(problem=f"The file on disk changed so that: {error}")
    if isinstance(again, Conflict):
        return SaveOutcome(conflict=PendingConflict(pending.plan, again, digest, pending.after_id))
    return _write(pending.plan, theirs, again, digest, pending, attempts)


def _check(text: str, path: Path) -> str:
    """Why `check` would refuse the text; '' when it accepts it (warnings do not stop it)."""
    found = [d for d in validate_text(text, str(path)) if d.severity is Severity.ERROR]
    return f"Cannot save: {found[0]}" if found else ""
