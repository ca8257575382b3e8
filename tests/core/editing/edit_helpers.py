"""Helpers for the editing tests: which lines of a text an edit touched."""

from __future__ import annotations

import difflib

from tui.core.editing.toml_edit import block_of


def touched_lines(old: str, new: str) -> list[tuple[int, int]]:
    """The ranges of old lines (0-based, end exclusive) that differ; inserts are empty ranges."""
    matcher = difflib.SequenceMatcher(
        a=old.splitlines(True), b=new.splitlines(True), autojunk=False
    )
    return [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


def block_lines(text: str, event_id: str) -> tuple[int, int]:
    """The event's table as a range of lines: header to the line of its last value."""
    block = block_of(text, event_id)
    assert block is not None
    return text.count("\n", 0, block.start), text.count("\n", 0, block.end)


def only_inside(old: str, new: str, event_id: str) -> bool:
    """Whether every line the edit touched lies within the event's table in ``old``."""
    first, last = block_lines(old, event_id)
    return all(first <= i1 and i2 <= last for i1, i2 in touched_lines(old, new))
