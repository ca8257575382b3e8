"""Undo and redo for the calendar file's owner: each step can be taken back, then again.

A ``Step`` is one saved change (an edit, or a batch such as an import) and how to take it
back. While the file is exactly as the step left it, taking it back swaps the changed
stretch of text for the old one (``Splice``), so undo then redo gives back the very bytes.
When the file changed since (on disk, by someone else), each event the step touched is put
back on its own (``history.revert``), and so is each participant's or country's table,
and nothing else in the file moves; when one of them changed since, undo says so.

The step keeps only the changed text and each event's own text, never the whole file, so
the history survives a reload and costs little at 100,000 events. Undoing a step makes
the step that redoes it (``Step.inverse`` of the texts the undo produced), and back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.editing.history import (
    SavedEdit,
    UndoError,
    record_edit,
    record_edits,
    revert_all,
)
from tui.core.editing.tables_edit import remove_table, table_span, table_text
from tui.core.editing.toml_edit import EditError, block_of
from tui.core.errors import CalendarError

EventIds = tuple[str | None, str | None]  # an event's id before and after; None: absent
TableKey = tuple[str, str]  # ("participants", id) or ("countries", code)


def digest(text: str) -> str:
    """A digest of the text (not of the file's bytes: a byte-order mark is no change)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Splice:
    """``before`` became ``after`` between ``prefix`` and ``suffix`` characters kept as they
    were; ``after_digest`` is the digest of the whole text after the change."""

    prefix: int
    suffix: int
    before: str
    after: str
    after_digest: str

    def revert(self, text: str) -> str | None:
        """``text`` as it was before the change, if ``text`` is exactly as it left it."""
        if digest(text) != self.after_digest:
            return None
        return text[: self.prefix] + self.before + text[len(text) - self.suffix :]


def splice_of(before: str, after: str) -> Splice:
    """The smallest stretch that differs between two texts."""
    prefix = _common(before, after, len(before), len(after), 1)
    room = min(len(before), len(after)) - prefix
    suffix = _common(before, after, len(before), len(after), -1, room)
    return Splice(
        prefix,
        suffix,
        before[prefix : len(before) - suffix],
        after[prefix : len(after) - suffix],
        digest(after),
    )


_CHUNK = 1 << 16


def _common(a: str, b: str, size_a: int, size_b: int, way: int, room: int | None = None) -> int:
    """How many characters ``a`` and ``b`` share at their start (way 1) or end (way -1).

    Compared a chunk at a time in C, then halving within the first chunk that differs, so
    a 30 MB calendar costs a few milliseconds, not a character-by-character loop.
    """
    limit = min(size_a, size_b) if room is None else room

    def same(length: int, at: int = 0) -> bool:
        if way == 1:
            return a[at:length] == b[at:length]
        return a[size_a - length : size_a - at] == b[size_b - length : size_b - at]

    done = 0
    while done < limit and same(min(done + _CHUNK, limit), done):
        done = min(done + _CHUNK, limit)
    low, high = done, min(done + _CHUNK, limit)
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle, low):
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True, slots=True)
class Step:
    """One saved change: its description, and what undoing it needs.

    ``events`` holds each touched event's text before and after (for undoing it alone);
    ``tables`` the participants' and countries' tables it touched, ``table_texts`` each
    one's text before and after (None: not there).
    """

    description: str
    splice: Splice
    events: tuple[SavedEdit, ...] = ()
    tables: tuple[TableKey, ...] = ()
    ids: tuple[EventIds, ...] = field(default=())
    table_texts: tuple[tuple[str | None, str | None], ...] = ()

    def undone(self, text: str) -> str:
        """``text`` with this step taken back.

        Raises:
            UndoError: the file changed since in a way that undoing would overwrite.
        """
        exact = self.splice.revert(text)
        if exact is not None:
            return exact
        for key, (before, after) in zip(self.tables, self.table_texts, strict=True):
            text = _revert_table(text, key, before, after)
        return revert_all(text, self.events)

    def inverse(self, before: str, after: str, description: str) -> Step:
        """The step that takes back the undo which turned ``before`` into ``after``."""
        swapped = tuple((new, old) for old, new in self.ids)
        return make_step(description, before, after, swapped, self.tables)


def make_step(
    description: str,
    before: str,
    after: str,
    ids: Sequence[EventIds],
    tables: Sequence[TableKey] = (),
) -> Step:
    """The step for a save that turned ``before`` into ``after``, touching events ``ids``
    and the participants' or countries' ``tables``."""
    splice = splice_of(before, after)
    if len(ids) > 1:  # a batch (an import): each text read once, not once per event
        events = record_edits(before, after, ids)
    else:
        events = tuple(_recorded(before, after, splice, old, new) for old, new in ids)
    texts = tuple((table_text(before, *key), table_text(after, *key)) for key in tables)
    return Step(description, splice, events, tuple(tables), tuple(ids), texts)


def _revert_table(text: str, key: TableKey, before: str | None, after: str | None) -> str:
    """``text`` with one participant's or country's table put back as it was."""
    section, name = key
    if table_text(text, section, name) != after:
        raise UndoError(f"[{section}.{name}] changed since that edit; undo would lose the change")
    if before is None:
        return remove_table(text, section, name)
    span = table_span(text, section, name)
    if span is None:  # it was added back by hand meanwhile: the check above saw it as absent
        raise UndoError(f"[{section}.{name}] is not where that edit left it")
    return text[: span[0]] + before + text[span[1] :]


def _recorded(
    before: str, after: str, splice: Splice, old: str | None, new: str | None
) -> SavedEdit:
    """``record_edit``, with a changed event's new text read off the splice when the change
    lies within its table: that spares a parse and a scan of the whole new text."""
    if old is not None and new is not None:
        try:
            block = block_of(before, old)
        except (EditError, CalendarError):
            block = None
        end = len(before) - splice.suffix
        if block is not None and block.lead <= splice.prefix and end <= block.end:
            now = before[block.lead : splice.prefix] + splice.after + before[end : block.end]
            return SavedEdit(old, new, before[block.lead : block.end], now)
    return record_edit(before, after, old, new)


class Steps:
    """The undo and redo stacks: a new change empties the redo stack, as editors do."""

    def __init__(self, depth: int = 100) -> None:
        self.depth = depth
        self.undo: list[Step] = []
        self.redo: list[Step] = []

    def done(self, step: Step) -> None:
        """A new change was saved."""
        self.undo = [*self.undo[-(self.depth - 1) :], step]
        self.redo = []
