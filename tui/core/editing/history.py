"""Undo for saved edits: each undo is a new save that puts one event back as it was.

An entry keeps the event's text (its own comments and table, as written) before and after
the save, so undoing restores the very bytes, not just the values. Undo touches only that
event: edits made since to other events, by the user or on disk, stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.editing.toml_edit import (
    EditError,
    EventBlock,
    block_of,
    blocks_by_id,
    delete_event,
    event_blocks,
    event_text,
    event_texts,
    parse,
)

# Deleted events put back one by one (each needs the file read again to find its place):
# past this many, a redo of an import over a file changed since is refused, not minutes long.
PUT_BACK_LIMIT = 200


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


def revert_all(current_text: str, edits: Sequence[SavedEdit]) -> str:
    """``revert`` of each edit, the last first, as ONE change: for a batch such as an
    import of 10,000 events, the text is read once, not once per event.

    Raises:
        UndoError: an event is no longer as the edits left it (nothing is reverted).
    """
    taken_out = sum(1 for edit in edits if edit.after_id is None)
    if taken_out > PUT_BACK_LIMIT:
        raise UndoError(
            f"the file changed since, and putting {taken_out} events back one by one, each "
            "where it stood, would take minutes: import the file again instead"
        )
    ids = [str(edit.after_id) for edit in edits]
    blocks = blocks_by_id(current_text, ids) if len(edits) > 1 else {}
    if any(e.after_id is None or blocks.get(str(e.after_id)) is None for e in edits):
        for edit in reversed(edits):  # a deletion, or inline tables: one by one
            current_text = revert(current_text, edit)
        return current_text
    now = event_texts(current_text, ids)
    cuts: list[tuple[int, int, str]] = []
    for edit, event_id in zip(edits, ids, strict=True):
        block = blocks[event_id]
        assert block is not None  # checked above
        if now[event_id] != edit.after:
            raise UndoError(f'"{event_id}" changed since that edit; undo would lose the change')
        if edit.before is None:
            cuts.append((block.cut, block.end, ""))  # as delete_event takes it out
        else:
            cuts.append((block.lead, block.end, edit.before))
    pieces, at = [], 0
    for start, end, put in sorted(cuts):
        pieces += [current_text[at:start], put]
        at = end
    return "".join([*pieces, current_text[at:]])


def record_edits(
    before_text: str, after_text: str, pairs: Sequence[tuple[str | None, str | None]]
) -> tuple[SavedEdit, ...]:
    """``record_edit`` of each event of a batch (an import, or the undo of one): each text
    read once for all of them, not once per event."""
    olds = event_texts(before_text, [old for old, _ in pairs if old])
    news = event_texts(after_text, [new for _, new in pairs if new])
    edits = [
        SavedEdit(old, new, olds[old] if old else None, news[new] if new else None)
        for old, new in pairs
    ]
    gone = [edit for edit in edits if edit.before_id and edit.after_id is None]
    placed = dict(zip(map(id, gone), _deletions(before_text, gone), strict=True))
    return tuple(placed.get(id(edit), edit) for edit in edits)


def _deletion(text: str, event_id: str, edit: SavedEdit) -> SavedEdit:
    return _deletions(text, [edit])[0]


def _deletions(text: str, edits: Sequence[SavedEdit]) -> list[SavedEdit]:
    """Each deleted event's edit with where it stood: what came before and after it."""
    if not edits:
        return []
    events = parse(text).get("events", [])
    ids = [e.get("id") if isinstance(e, dict) else None for e in events]
    blocks = event_blocks(text)
    numbers: dict[object, int] = {}
    for number, block in enumerate(blocks):
        numbers.setdefault(ids[block.index], number)
    return [_placed(text, edit, ids, blocks, numbers.get(edit.before_id)) for edit in edits]


def _placed(
    text: str,
    edit: SavedEdit,
    ids: list[object],
    blocks: list[EventBlock],
    number: int | None,
) -> SavedEdit:
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
        previous_id=_text_id(ids[previous.index]) if previous else None,
        gap_before=text[previous.end : block.cut] if previous else "",
        next_id=_text_id(ids[following.index]) if following else None,
        gap_after=text[block.end : following.lead] if following else "",
    )


def _text_id(value: object) -> str | None:
    return value if isinstance(value, str) else None


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
