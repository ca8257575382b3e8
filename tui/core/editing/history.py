"""Undo for saved edits: each undo is a new save that puts one event back as it was.

An entry keeps the event's text (its own comments and table, as written) before and after
the save, so undoing restores the very bytes, not just the values. Undo touches only that
event: edits made since to other events, by the user or on disk, stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.editing.toml_edit import (
    EditError,
    EventBlock,
    block_of,
    delete_event,
    event_blocks,
    event_text,
    parse,
)


class UndoError(Exception):
    """The event changed since the edit (on disk, or by a later edit): undo would lose that."""


@dataclass(frozen=True, slots=True)
class SavedEdit:
    """One saved edit of one event.

    ``before_id``/``before`` are None for an added event, ``after_id``/``after`` None for
    a deleted one. For a deletion, ``removed`` is the text taken out (blank lines, own
    comments, table); to put it back, ``previous_id`` and ``gap_before`` say what came
    before it (an event, then such comments as a day's heading), ``next_id`` and
    ``gap_after`` what came after.
    """

    before_id: str | None
    after_id: str | None
    before: str | None
    after: str | None
    removed: str = ""
    previous_id: str | None = None
    gap_before: str = ""
    next_id: str | None = None
    gap_after: str = ""


def record_edit(
    before_text: str, after_text: str, before_id: str | None, after_id: str | None
) -> SavedEdit:
    """What undoing a save that turned ``before_text`` into ``after_text`` needs: the event's
    text before and after (``before_id`` None: added; ``after_id`` None: deleted)."""
    before = event_text(before_text, before_id) if before_id else None
    after = event_text(after_text, after_id) if after_id else None
    edit = SavedEdit(before_id, after_id, before, after)
    if before_id and after_id is None:
        edit = _deletion(before_text, before_id, edit)
    return edit


def revert(current_text: str, edit: SavedEdit) -> str:
    """The text with ``edit``'s event put back as it was before it; only that event changes.

    Raises:
        UndoError: the event is no longer as the edit left it, or was written inline.
    """
    now = event_text(current_text, edit.after_id) if edit.after_id else None
    if now != edit.after:
        what = edit.after_id or edit.before_id
        raise UndoError(f'"{what}" changed since that edit; undo would lose the change')
    if edit.after_id is None:
        if not edit.removed:
            raise UndoError("undo of deleting an event written inline is not supported")
        return _put_back(current_text, edit)
    if edit.before is None:
        return delete_event(current_text, edit.after_id)
    block = block_of(current_text, edit.after_id)
    if block is None:
        raise UndoError("undo of an event written as an inline table is not supported")
    return current_text[: block.lead] + edit.before + current_text[block.end :]


def _deletion(text: str, event_id: str, edit: SavedEdit) -> SavedEdit:
    events = parse(text).get("events", [])
    ids = [e.get("id") if isinstance(e, dict) else None for e in events]
    blocks = event_blocks(text)
    number = next((n for n, b in enumerate(blocks) if ids[b.index] == event_id), None)
    if number is None:  # an inline table: it cannot be put back in place
        return edit
    block = blocks[number]
    previous = blocks[number - 1] if number > 0 else None
    following = blocks[number + 1] if number + 1 < len(blocks) else None
    return SavedEdit(
        edit.before_id,
        None,
        edit.before,
        None,
        removed=text[block.cut : block.end],
        previous_id=ids[previous.index] if previous else None,
        gap_before=text[previous.end : block.cut] if previous else "",
        next_id=ids[following.index] if following else None,
        gap_after=text[block.end : following.lead] if following else "",
    )


def _put_back(text: str, edit: SavedEdit) -> str:
    """Insert the removed text where it was: between the same neighbours and comments."""
    at = _place(text, edit)
    if at is None:  # its neighbours are gone or moved: at the end
        at = len(text)
        if text and not text.endswith("\n"):
            text += "\n"
            at += 1
    return text[:at] + edit.removed + text[at:]


def _place(text: str, edit: SavedEdit) -> int | None:
    if edit.previous_id:
        block = _block(text, edit.previous_id)
        if block is not None and text.startswith(edit.gap_before, block.end):
            return block.end + len(edit.gap_before)
    if edit.next_id:
        block = _block(text, edit.next_id)
        if block is not None and text[: block.lead].endswith(edit.gap_after):
            return block.lead - len(edit.gap_after)
    return None


def _block(text: str, event_id: str) -> EventBlock | None:
    try:
        return block_of(text, event_id)
    except EditError:
        return None
