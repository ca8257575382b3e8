"""The file owner's conflict rule and its messages (``document.py`` uses them).

One rule for every intent: when the file changed on disk since it was read, the edit is
made again on the new text if the tables it touches read the same there (however the rest
changed); otherwise the result is a ``Conflict`` holding exactly what each choice writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from tui.core.editing.intents import Edit, TableKey
from tui.core.editing.save import Snapshot, digest_of, read_snapshot
from tui.core.editing.tables_edit import table_text
from tui.core.editing.toml_edit import EditError, event_text, parse
from tui.core.errors import CalendarError
from tui.core.loading.load import Loaded


class Result(StrEnum):
    """How an intent ended."""

    SAVED = "saved"  # written; ``loaded`` is the new version
    RELOADED = "reloaded"  # nothing written; ``loaded`` is the version on disk
    UNCHANGED = "unchanged"  # nothing to write
    REFUSED = "refused"  # not written: ``message`` says why
    BROKEN = "broken"  # not written: the file on disk does not load (see ``errors``)
    CONFLICT = "conflict"  # not written: the user chooses (see ``conflict``)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an intent did: a one-line ``message`` for the user, and what changed."""

    result: Result
    message: str
    changed: tuple[TableKey, ...] = ()
    loaded: Loaded | None = None
    conflict: Conflict | None = None

    @property
    def ok(self) -> bool:
        """Whether the file now holds what was asked (or needed no change)."""
        return self.result in (Result.SAVED, Result.UNCHANGED, Result.RELOADED)


@dataclass(frozen=True, slots=True)
class Conflict:
    """The tables an edit touches were changed on disk too: what each choice writes.

    Keeping theirs writes nothing: the file stays ``theirs``. Applying mine writes
    ``mine`` exactly: the edit made on their text, so their other changes stay (and, for
    an event, their values of the keys the user did not change). ``mine`` is None when the
    edit cannot be made on their text (``why_not_mine`` says why, such as the event being
    deleted there). ``their_tables`` and ``my_tables`` are each touched table as written
    in ``theirs`` and in ``mine`` (None: not there), to show side by side.
    """

    edit: Edit
    theirs: str
    digest: str
    mine: str | None
    why_not_mine: str
    their_tables: tuple[str | None, ...]
    my_tables: tuple[str | None, ...]

    @property
    def keys(self) -> tuple[TableKey, ...]:
        return self.edit.keys

    @property
    def summary(self) -> str:
        """One line: what changed on disk."""
        names = ", ".join(_name(key) for key in self.keys)
        return f"{names} changed on disk since it was read"


def _name(key: TableKey) -> str:
    section, name = key
    return f'event "{name}"' if section == "events" else f"[{section}.{name}]"


def fresh(path: Path) -> Snapshot | CalendarError:
    """The file's text and digest as it is now, or why it cannot be read."""
    try:
        return read_snapshot(path)
    except CalendarError as error:
        return error


def disk_digest(path: Path) -> str | None:
    """The digest of the file's bytes, whatever they hold; None when it cannot be read."""
    try:
        return digest_of(path.read_bytes())
    except OSError:
        return None


def table_of(text: str, key: TableKey) -> str | None:
    """A touched table as written in ``text`` (None: not there)."""
    section, name = key
    if section == "events":
        return event_text(text, name)
    return table_text(text, section, name)


def _values(document: Mapping[str, Any], key: TableKey) -> Any:
    section, name = key
    found = document.get(section)
    if section == "events":
        events = found if isinstance(found, list) else []
        same = [e for e in events if isinstance(e, dict) and e.get("id") == name]
        return same if len(same) != 1 else same[0]
    return found.get(name) if isinstance(found, Mapping) else None


def touched_same(ours: str, theirs: str, keys: tuple[TableKey, ...]) -> bool:
    """Whether every table ``keys`` names has the same values in both texts."""
    try:
        mine, other = parse(ours), parse(theirs)
    except CalendarError:
        return False
    return all(_values(mine, key) == _values(other, key) for key in keys)


def conflict_of(
    edit: Edit, theirs: str, digest: str, load: Callable[[str], Loaded | CalendarError]
) -> Conflict:
    """Both choices for ``edit`` over ``theirs``, each exactly as it would be written."""
    mine: str | None
    why = ""
    try:
        mine = edit.make(theirs)
    except (EditError, CalendarError) as error:
        mine, why = None, str(error).splitlines()[0]
    if mine is not None:
        loaded = load(mine)
        if isinstance(loaded, CalendarError):
            why = str(loaded.diagnostics[0]) if loaded.diagnostics else str(loaded)
            mine = None
    return Conflict(
        edit,
        theirs,
        digest,
        mine,
        why,
        tuple(table_of(theirs, key) for key in edit.keys),
        tuple(table_of(mine, key) if mine is not None else None for key in edit.keys),
    )


def broken_message(path: Path, error: CalendarError) -> str:
    """Why an edit was refused while the file on disk does not load, and how to go on."""
    count = len(error.diagnostics)
    first = str(error.diagnostics[0]) if error.diagnostics else str(error)
    more = f" (and {count - 1} more)" if count > 1 else ""
    return (
        f"Not saved: {path.name} on disk has errors{more}, first {first}. Fix the file "
        "(w lists the errors) and try again, or save anyway to replace the broken file "
        "with the last good version plus your change."
    )


def first_line(error: Exception) -> str:
    if isinstance(error, CalendarError) and error.diagnostics:
        return str(error.diagnostics[0])
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def keeps_changing() -> Outcome:
    return Outcome(
        Result.REFUSED, "Not saved: the file keeps changing on disk. Try again in a moment."
    )
