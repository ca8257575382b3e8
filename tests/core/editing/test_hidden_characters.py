"""Edits write C1 controls, bidi controls and invisible format characters as ``\\uXXXX``
escapes, as the TOML export does: TOML allows them raw, but raw they reorder or hide the
file's text in an editor or a terminal ("Trojan Source"). The values read back the same,
and the rest of the file keeps its bytes."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import BASE
from tests.core.editing.edit_helpers import only_inside
from tui.core.editing.new_calendar import new_calendar_text
from tui.core.editing.tables_edit import set_table
from tui.core.editing.toml_edit import add_event, update_event

# RLO (bidi override), a zero-width space, a C1 control (CSI), a word joiner, ESC (C0).
HIDDEN = "Talks \u202eesrever\u202c\u200b\x9b\u2060 \x1b[31m"
RAW = ("\u202e", "\u202c", "\u200b", "\x9b", "\u2060", "\x1b")


def hidden_raw(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in RAW if c in text]


def strings(value: object) -> list[str]:
    """Every string in a parsed document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda v: update_event(BASE, "talks", {"title": v}), id="basic"),
        pytest.param(
            lambda v: update_event(
                BASE.replace('title = "Talks"', "title = 'Talks'"), "talks", {"title": v}
            ),
            id="was-literal",
        ),
        pytest.param(lambda v: update_event(BASE, "talks", {"title": v + "\nmore"}), id="multi"),
        pytest.param(lambda v: update_event(BASE, "talks", {"sources": [v, "b"]}), id="array"),
        pytest.param(
            lambda v: add_event(BASE, {"id": "new", "title": v, "start": "x"}), id="added"
        ),
    ],
)
def test_an_edit_escapes_what_would_hide_text(write: object) -> None:
    assert callable(write)
    edited: str = write(HIDDEN)
    assert hidden_raw(edited) == []
    assert "\\u202e" in edited and "\\u001b" in edited and "\\u009b" in edited
    assert any(HIDDEN in text for text in strings(tomllib.loads(edited)))  # reads back


def test_the_rest_of_the_file_keeps_its_bytes() -> None:
    text = BASE.replace("[[events]]", "# a comment with a raw \u202e mark\n[[events]]", 1)
    edited = update_event(text, "summit", {"title": HIDDEN})
    assert only_inside(text, edited, "summit")
    assert "# a comment with a raw \u202e mark\n" in edited  # not ours to rewrite


def test_a_new_participant_and_a_new_calendar_escape_them() -> None:
    edited = set_table(BASE, "participants", "x", {"name": HIDDEN, "country": "TJ"})
    assert hidden_raw(edited) == []
    assert tomllib.loads(edited)["participants"]["x"]["name"] == HIDDEN
    created = new_calendar_text(HIDDEN, "UTC", "c")
    assert hidden_raw(created) == []
    assert tomllib.loads(created)["calendar"]["title"] == HIDDEN
