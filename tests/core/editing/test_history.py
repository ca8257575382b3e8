"""Undo of saved edits, one step at a time: each undo puts one event back as it was written.
(The stack of steps, undo and redo, is the owner's: tests/core/editing/test_document.py.)"""

from __future__ import annotations

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
