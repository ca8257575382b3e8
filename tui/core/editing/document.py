"""The one owner of a calendar file: every read and write of it goes through here.

``CalendarDocument`` holds the version shown (the last version of the file that loaded),
the errors of the file on disk when it does not load, the baseline (the version the user
last marked as seen), the undo and redo history, and the path. It offers intents (``add``,
``update``, ``cancel``, ``delete``, ``apply`` a batch, ``commit`` an import's edit,
``set_participant``, ``set_country``, ``undo``, ``redo``, ``reload``), each returning a
plain ``Outcome``: what changed, a one-line message ("Undid: retitled 'X' → 'Y'"), or why
nothing was saved. Nothing escapes as an exception but a bug.

How a UI uses it:

- Open it once (``CalendarDocument.open(path)``, or ``CalendarDocument(path, text,
  digest, loaded)`` with a load the UI made itself) and keep it; show ``loaded``.
- Call an intent from a worker thread (Textual: ``@work(thread=True)``), since a save
  validates and writes the whole file. Intents are serialised by a lock and touch no
  global state; the worker posts the returned ``Outcome`` back in a message, and the
  screen shows ``outcome.message`` (calendar text: plain, never markup) and, when
  ``outcome.loaded`` is set, that version.
- ``Outcome.status`` is ``CONFLICT`` when the file changed on disk since it was read and
  the tables the edit touches changed there too (otherwise the edit is simply made again
  on the new text). ``outcome.conflict`` carries exactly what each choice writes: show
  ``their_tables`` beside ``my_tables`` (the tables as ``mine`` would write them, their
  other changes kept), then call ``resolve(conflict, "mine")`` or ``resolve(conflict,
  "theirs")``. Keep the form open until the outcome is ``ok``: nothing typed is lost.
- ``status`` is ``BROKEN`` when the file on disk does not load: ``errors`` lists why (the
  UI shows them under `w`). The same intent with ``replace_broken=True`` writes the
  change onto the last good version, replacing the broken file: ask the user first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from tui.core.editing import intents
from tui.core.editing.document_parts import (
    Conflict,
    Outcome,
    Result,
    broken_message,
    conflict_of,
    disk_digest,
    first_line,
    fresh,
    keeps_changing,
    touched_same,
)
from tui.core.editing.history import UndoError
from tui.core.editing.intents import Edit
from tui.core.editing.new_calendar import new_calendar_text
from tui.core.editing.save import ConflictError, SaveError, save_calendar
from tui.core.editing.steps import Step, Steps, make_step
from tui.core.editing.toml_edit import EditError, remember
from tui.core.errors import CalendarError, Diagnostic
from tui.core.loading.load import Loaded, Reloadable, load_bytes, reload_bytes
from tui.core.model import Calendar
from tui.core.toml.style import Changes

Clock = Callable[[], datetime]
ATTEMPTS = 3  # a file rewritten again and again while saving: give up after this many
__all__ = ["CalendarDocument", "Conflict", "Outcome", "Result"]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class CalendarDocument:
    """One calendar file, its versions and its history; see the module's docstring."""

    def __init__(
        self,
        path: Path,
        text: str,
        digest: str,
        loaded: Loaded,
        *,
        clock: Clock = _now,
        baseline: Calendar | None = None,
        depth: int = 100,
    ) -> None:
        self.path = path
        self.clock = clock
        self.baseline = baseline
        self._text, self._digest, self._loaded = text, digest, loaded
        self._errors: tuple[Diagnostic, ...] = ()
        self._steps = Steps(depth)
        self._lock = threading.RLock()
        self._reused: Reloadable | None = None

    # --- opening --------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, clock: Clock = _now) -> CalendarDocument:
        """The document of the file at ``path``.

        Raises:
            CalendarError: the file cannot be read or does not load, every problem located.
        """
        snapshot = fresh(path)
        if isinstance(snapshot, CalendarError):
            raise snapshot
        loaded = load_bytes(snapshot.text.encode("utf-8"), str(path))
        return cls(path, snapshot.text, snapshot.digest, loaded, clock=clock)

    @classmethod
    def create(
        cls, path: Path, title: str, zone: str, calendar_id: str | None = None
    ) -> CalendarDocument:
        """A new calendar with no events, written to ``path``, which must not exist.

        Raises:
            UsageError: a blank title, an unknown zone or an id of the wrong shape.
            ConflictError: the file exists. SaveError: it cannot be written.
        """
        return cls.create_holding(path, new_calendar_text(title, zone, calendar_id))

    @classmethod
    def create_holding(cls, path: Path, text: str) -> CalendarDocument:
        """A new calendar file holding ``text`` (checked first), which must not exist: an
        import into a calendar that is not there yet writes it whole, at once.

        Raises:
            CalendarError: the text does not load (nothing is written).
            ConflictError: the file exists. SaveError: it cannot be written.
        """
        loaded = load_bytes(text.encode("utf-8"), str(path))
        digest = save_calendar(path, text, expected_digest=None)
        return cls(path, text, digest, loaded)

    # --- what it holds --------------------------------------------------------------
    @property
    def text(self) -> str:
        """The text of the version shown: the last one that loaded."""
        return self._text

    @property
    def loaded(self) -> Loaded:
        """The version shown, with its warnings."""
        return self._loaded

    @property
    def calendar(self) -> Calendar:
        return self._loaded.calendar

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """Why the file on disk does not load (empty when it does)."""
        return self._errors

    @property
    def undo_description(self) -> str | None:
        """What ``undo`` would take back, or None."""
        return self._steps.undo[-1].description if self._steps.undo else None

    @property
    def redo_description(self) -> str | None:
        """What ``redo`` would make again, or None."""
        return self._steps.redo[-1].description if self._steps.redo else None

    def prime(self) -> None:
        """Check the version shown as a save checks, keeping what it made, so that even the
        first save after opening re-checks only the events it changes (a file opened from
        the cache was never checked here). Seconds at 100,000 events: call it from a
        worker once opened; a save meanwhile waits for it, and it does nothing after one."""
        with self._lock:
            if self._reused is None:
                self._load(self._text)

    def seen(self) -> None:
        """The version shown becomes the baseline (the user has looked at it)."""
        self.baseline = self.calendar

    # --- intents --------------------------------------------------------------------
    def add(self, values: Changes, *, replace_broken: bool = False) -> Outcome:
        """A new event from its keys (``id`` made from the title when not given)."""
        return self._commit(intents.add(self.calendar, values, self.clock()), replace_broken)

    def update(self, event_id: str, changes: Changes, *, replace_broken: bool = False) -> Outcome:
        """Keys of an event changed; None removes a key."""
        edit = intents.update(self._title(event_id), event_id, changes, self.clock())
        return self._commit(edit, replace_broken)

    def cancel(self, event_id: str, *, replace_broken: bool = False) -> Outcome:
        """The event marked cancelled: it stays in the file."""
        edit = intents.cancel(self._title(event_id), event_id, self.clock())
        return self._commit(edit, replace_broken)

    def delete(self, event_id: str, *, replace_broken: bool = False) -> Outcome:
        """The event removed from the file, with its own comments."""
        return self._commit(intents.delete(self._title(event_id), event_id), replace_broken)

    def apply(
        self,
        tables: Sequence[Mapping[str, Any]],
        *,
        what: str = "applied",
        replace_broken: bool = False,
    ) -> Outcome:
        """Event tables added or replaced (by id) as one step: one save, one undo."""
        try:
            edit = intents.batch(tables, self.clock(), what)
        except EditError as error:
            return Outcome(Result.REFUSED, f"Not saved: {error}")
        return self._commit(edit, replace_broken)

    def commit(self, edit: Edit, *, replace_broken: bool = False) -> Outcome:
        """An edit made elsewhere (an import's: ``importing.write.import_edit``), saved as
        one step under the same rules as every intent here: one save, one undo."""
        return self._commit(edit, replace_broken)

    def set_participant(
        self, participant_id: str, changes: Changes, *, replace_broken: bool = False
    ) -> Outcome:
        """``[participants.ID]`` added or changed (id, name, title, country, ...)."""
        known = self.calendar.participants.get(participant_id)
        name = str(changes.get("name") or (known.name if known else ""))
        edit = intents.set_table_edit(
            "participants", participant_id, changes, name, new=known is None
        )
        return self._commit(edit, replace_broken)

    def set_country(self, code: str, changes: Changes, *, replace_broken: bool = False) -> Outcome:
        """``[countries.CODE]`` added or changed (name, capital, timezone, blocs, ...)."""
        known = self.calendar.countries.get(code)
        name = str(changes.get("name") or (known.name if known else ""))
        edit = intents.set_table_edit("countries", code, changes, name, new=known is None)
        return self._commit(edit, replace_broken)

    def undo(self) -> Outcome:
        """The last step taken back; ``message`` says what ("Undid: ...")."""
        return self._step_back(undoing=True)

    def redo(self) -> Outcome:
        """The last undone step made again ("Redid: ...")."""
        return self._step_back(undoing=False)

    def reload(self) -> Outcome:
        """The file read again: its version shown, or its errors kept beside the old one."""
        with self._lock:
            snapshot = fresh(self.path)
            if isinstance(snapshot, CalendarError):
                return self._broken(snapshot)
            if snapshot.digest == self._digest:
                self._errors = ()  # put back as it was shown, errors and all
                return Outcome(Result.UNCHANGED, "The file is as shown.")
            result = self._load(snapshot.text)
            if isinstance(result, CalendarError):
                return self._broken(result)
            self._adopt(snapshot.text, snapshot.digest, result)
            return Outcome(Result.RELOADED, "Reloaded the file.", loaded=result)

    def resolve(self, conflict: Conflict, choice: Literal["mine", "theirs"]) -> Outcome:
        """The user's choice in a conflict: write ``conflict.mine``, or keep theirs."""
        with self._lock:
            if choice == "theirs":
                outcome = self.reload()
                loaded = outcome.loaded or self._loaded
                return Outcome(Result.RELOADED, "Kept the file as it is on disk.", loaded=loaded)
            if conflict.mine is None:
                return Outcome(Result.REFUSED, f"Cannot apply yours: {conflict.why_not_mine}")
            edit = conflict.edit
            return self._write(edit, conflict.theirs, conflict.mine, conflict.digest) or (
                self._commit(edit, replace_broken=False)  # changed again: check afresh
            )

    # --- the one save path ----------------------------------------------------------
    def _commit(self, edit: Edit, replace_broken: bool) -> Outcome:
        with self._lock:
            for _ in range(ATTEMPTS):
                base = self._base(edit, replace_broken)
                if isinstance(base, Outcome):
                    return base
                text, against = base
                try:
                    new = edit.make(text)
                except (EditError, CalendarError) as error:
                    return Outcome(Result.REFUSED, f"Not saved: {first_line(error)}")
                outcome = self._write(edit, text, new, against)
                if outcome is not None:
                    return outcome
            return keeps_changing()

    def _base(self, edit: Edit, replace_broken: bool) -> tuple[str, str | None] | Outcome:
        """The text to make the edit on and the digest to save against, or why not."""
        snapshot = fresh(self.path)
        if not isinstance(snapshot, CalendarError) and snapshot.digest == self._digest:
            self._errors = ()
            return self._text, snapshot.digest
        result = snapshot if isinstance(snapshot, CalendarError) else self._load(snapshot.text)
        if isinstance(result, CalendarError):
            if not replace_broken:
                return self._broken(result)
            # Against the broken file's own bytes, so a change made meanwhile still stops it.
            return self._text, disk_digest(self.path)
        assert not isinstance(snapshot, CalendarError)
        same = touched_same(self._text, snapshot.text, edit.keys)
        self._adopt(snapshot.text, snapshot.digest, result)
        if same:
            return snapshot.text, snapshot.digest
        conflict = conflict_of(edit, snapshot.text, snapshot.digest, self._load)
        message = f"Not saved yet: {conflict.summary}; choose which version to keep."
        return Outcome(Result.CONFLICT, message, edit.keys, result, conflict)

    def _write(self, edit: Edit, base: str, new: str, against: str | None) -> Outcome | None:
        """Save ``new`` (made on ``base``) against ``against``; None when the file changed."""
        told = edit.description_on(base)  # 'retitled X': X as in the file, not as last seen
        if new == base:
            return Outcome(Result.UNCHANGED, f"Nothing to save: {told} changes nothing.")
        loaded = self._load(new)
        if isinstance(loaded, CalendarError):
            return Outcome(Result.REFUSED, f"Not saved: {first_line(loaded)}")
        try:
            digest = save_calendar(self.path, new, against)
        except ConflictError:
            return None
        except SaveError as error:
            return Outcome(Result.REFUSED, str(error))
        self._steps.done(make_step(told, base, new, edit.ids, edit.tables))
        self._adopt(new, digest, loaded)
        return Outcome(Result.SAVED, f"Saved: {told}", edit.keys, loaded)

    def _step_back(self, undoing: bool) -> Outcome:
        with self._lock:
            stack = self._steps.undo if undoing else self._steps.redo
            if not stack:
                return Outcome(Result.REFUSED, f"Nothing to {'undo' if undoing else 'redo'}.")
            step = stack[-1]
            for _ in range(ATTEMPTS):
                snapshot = fresh(self.path)
                if isinstance(snapshot, CalendarError):
                    return self._broken(snapshot)
                if snapshot.digest != self._digest:  # changed on disk: shown once it loads
                    result = self._load(snapshot.text)
                    if isinstance(result, CalendarError):
                        return self._broken(result)
                    self._adopt(snapshot.text, snapshot.digest, result)
                self._errors = ()
                outcome = self._take_back(step, snapshot.text, snapshot.digest, undoing)
                if outcome is not None:
                    return outcome
            return keeps_changing()

    def _take_back(self, step: Step, text: str, against: str, undoing: bool) -> Outcome | None:
        verb, doing = ("Undid", "undo") if undoing else ("Redid", "redo")
        stack, other = (
            (self._steps.undo, self._steps.redo)
            if undoing
            else (self._steps.redo, self._steps.undo)
        )
        try:
            new = step.undone(text)
        except (UndoError, EditError, CalendarError) as error:
            stack.pop()  # it can never be taken back now: let the ones before it through
            return Outcome(Result.REFUSED, f"Cannot {doing} {step.description}: {error}")
        loaded = self._load(new)
        if isinstance(loaded, CalendarError):
            stack.pop()
            return Outcome(Result.REFUSED, f"Cannot {doing}: {first_line(loaded)}")
        try:
            digest = save_calendar(self.path, new, against)
        except ConflictError:
            return None
        except SaveError as error:
            return Outcome(Result.REFUSED, str(error))
        stack.pop()
        other.append(step.inverse(text, new, step.description))
        self._adopt(new, digest, loaded)
        keys = tuple(("events", str(i)) for pair in step.ids for i in pair if i) + step.tables
        return Outcome(Result.SAVED, f"{verb}: {step.description}", keys, loaded)

    # --- helpers --------------------------------------------------------------------
    def _load(self, text: str) -> Loaded | CalendarError:
        """The text checked as `check` would, reusing what the last check made of the
        events it did not change (and skipping the cache: each edit is new content)."""
        try:
            loaded, self._reused = reload_bytes(text.encode("utf-8"), str(self.path), self._reused)
        except CalendarError as error:
            return error
        if not text.startswith("\ufeff"):  # the check reads it without: another text
            remember(text, self._reused.parsed.document)  # the next edit parses it no more
        return loaded

    def _adopt(self, text: str, digest: str, loaded: Loaded) -> None:
        self._text, self._digest, self._loaded = text, digest, loaded
        self._errors = ()

    def _broken(self, error: CalendarError) -> Outcome:
        self._errors = tuple(error.diagnostics)
        return Outcome(Result.BROKEN, broken_message(self.path, error))

    def _title(self, event_id: str) -> str:
        found = [e.title for e in self.calendar.events if e.id == event_id]
        return found[0] if found else event_id
