"""Undo of saved edits, one step at a time: each undo puts one event back as it was written.
(The stack of steps, undo and redo, is the owner's: tests/core/editing/test_document.py.)"""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from tests.conftest import BASE
from tui.core.editing.history import UndoError, record_edit, revert
from tui.core.editing.toml_edit import add_event, cancel_event, delete_event, update_event
from tui.core.loading.load import bundled_calendar

BUNDLED = bundled_calendar().read_text(encoding="utf-8")


def undone(before: str, after: str, before_id: str | None, after_id: str | None, now: str) -> str:
    """``now`` with the save that turned ``before`` into ``after`` taken back."""
    return revert(now, record_edit(before, after, before_id, after_id))


def test_undo_an_edit_restores_the_bytes() -> None:
    after = update_event(BUNDLED, "putin-rahmon-dinner", {"title": "Dinner", "approximate": None})
    assert undone(BUNDLED, after, "putin-rahmon-dinner", "putin-rahmon-dinner", after) == BUNDLED


def test_undo_keeps_later_changes_to_other_events() -> None:
    after = cancel_event(BASE, "talks")
    later = update_event(after, "summit", {"title": "Their summit"})  # on disk, by someone
    expected = update_event(BASE, "summit", {"title": "Their summit"})
    assert undone(BASE, after, "talks", "talks", later) == expected


def test_undo_an_id_change() -> None:
    after = update_event(BASE, "talks", {"id": "ru-tj-talks"})
    assert undone(BASE, after, "talks", "ru-tj-talks", after) == BASE


def test_undo_an_addition_deletes_it() -> None:
    after = add_event(BASE, {"id": "dinner", "title": "Dinner", "start": date(2025, 10, 9)})
    assert undone(BASE, after, None, "dinner", after) == BASE


@pytest.mark.parametrize(
    "event_id", ["putin-arrival", "putin-rahmon-dinner", "official-welcome", "cis-summit"]
)
def test_undo_a_deletion_puts_it_back_where_it_was(event_id: str) -> None:
    if event_id == "cis-summit":  # the last event of the file
        event_id = BUNDLED.rsplit('[[events]]\nid = "', 1)[1].split('"')[0]
    after = delete_event(BUNDLED, event_id)
    assert undone(BUNDLED, after, event_id, None, after) == BUNDLED


def test_undo_refuses_when_the_event_changed_since() -> None:
    after = update_event(BASE, "talks", {"title": "Ours"})
    theirs = update_event(after, "talks", {"location": "Theirs"})
    with pytest.raises(UndoError, match='"talks" changed since'):
        undone(BASE, after, "talks", "talks", theirs)


def test_undo_a_deletion_when_the_event_before_is_gone_too() -> None:
    after = delete_event(BUNDLED, "somoni-wreath")
    later = delete_event(after, "putin-arrival")  # the one before it, deleted elsewhere
    restored = undone(BUNDLED, after, "somoni-wreath", None, later)
    assert restored == delete_event(BUNDLED, "putin-arrival")


@pytest.mark.parametrize("calendar", [BASE, BUNDLED])
def test_a_batch_is_reverted_at_once_as_one_by_one_would(calendar: str) -> None:
    """An import's undo after a change on disk elsewhere: every event put back in one pass
    over the text (not one parse per event), exactly as reverting each in turn would."""
    from tui.core.editing.history import record_edit, revert, revert_all
    from tui.core.editing.toml_edit import event_blocks

    first = tomllib.loads(calendar)["events"][0]["id"]
    after = update_event(calendar, first, {"title": "Moved", "location": "Elsewhere"})
    for number in range(3):
        after = add_event(after, {"id": f"new-{number}", "title": f"New {number}",
                                  "start": date(2025, 10, 9 + number)})  # fmt: skip
    ids = [(first, first), (None, "new-0"), (None, "new-1"), (None, "new-2")]
    edits = [record_edit(calendar, after, old, new) for old, new in ids]
    later = after.replace("[calendar]", "# a colleague's note\n[calendar]", 1)  # meanwhile
    one_by_one = later
    for edit in reversed(edits):
        one_by_one = revert(one_by_one, edit)
    assert revert_all(later, edits) == one_by_one
    assert one_by_one == calendar.replace("[calendar]", "# a colleague's note\n[calendar]", 1)
    assert len(event_blocks(one_by_one)) == len(event_blocks(calendar))
    changed = update_event(later, "new-1", {"title": "Theirs"})
    with pytest.raises(UndoError, match='"new-1" changed since that edit'):
        revert_all(changed, edits)


def test_putting_back_a_whole_import_over_a_changed_file_is_refused_not_minutes_long() -> None:
    """Each deleted event put back alone reads the file again: past PUT_BACK_LIMIT, the redo
    of an import over a file changed since says to import again (the same by UID)."""
    from tui.core.editing.history import PUT_BACK_LIMIT, SavedEdit, revert_all

    edits = [SavedEdit(f"e{n}", None, "[[events]]\n", None) for n in range(PUT_BACK_LIMIT + 1)]
    with pytest.raises(UndoError, match=f"putting {PUT_BACK_LIMIT + 1} events back"):
        revert_all(BASE, edits)
