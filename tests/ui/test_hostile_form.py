"""The event form against hostile text: every control, C1, bidi, invisible character, line
separator and CRLF shows as a visible escape, and a field the user did not touch is written
back exactly as it was, whatever the text widget made of it.

The fuzz test goes through the form's core model (`tui.core.editing.event_form`) and the
field helpers the form uses, with Textual's own `Document` standing in for the TextArea
(it is what rewrites line ends and splits on U+2028), so it runs without Pilot.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual.document._document import Document

from tests.conftest import BASE
from tui.core.editing.event_form import Draft, changes, draft_of, parse_draft
from tui.core.editing.toml_edit import update_event
from tui.core.loading.validate import build_calendar
from tui.core.model import Event
from tui.core.text import field_value, from_field, to_field

HOSTILE = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07\x1b]0;T\x07\x9b\u202e\u2066\u200b"
# What a field's text must never hold raw (newline and tab allowed in multi-line ones).
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]"
)
TEXT_FIELDS = ("title", "location", "description", "sources")
MULTILINE = {"description", "sources"}

# Every kind of character a hostile file may hold, mixed with plain text.
NASTY = st.sampled_from(
    [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + list("\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e")
    + list("\u2060\u2066\u2067\u2068\u2069\ufeff\\")
    + ["\r\n", "\\x1b", "\\u202e", "\\\\", "\\n"]
)
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=3)), min_size=1, max_size=12).map("".join)


def shown_by_widget(field: str, value: str) -> str:
    """What the form's widget holds for ``value`` once it has made it its own."""
    text = to_field(value, multiline=field in MULTILINE)
    return Document(text).text if field in MULTILINE else text


def event_with(values: dict[str, Any]) -> tuple[str, Event]:
    document = tomllib.loads(BASE)
    talks = document["events"][0]
    talks.update(values)
    text = tomli_w.dumps(document)
    calendar, fields = build_calendar(tomllib.loads(text))
    assert calendar is not None, fields.problems
    return text, next(e for e in calendar.events if e.id == "talks")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=TEXT.filter(str.strip),
    location=TEXT,
    description=TEXT,
    sources=st.lists(TEXT.filter(lambda s: "\n" not in s and s.strip() == s and s), max_size=3),
    edited=st.sampled_from(TEXT_FIELDS),
    typed=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=8),
)
@example(  # the issue's cases: CRLF, U+2028 in a source, raw C1/bidi/ZWSP
    title=HOSTILE,
    location="a\u2028b",
    description="one\r\ntwo\r\n",
    sources=["https://a.example/\u2028x", "\x9b\u202e\u2066\u200b"],
    edited="title",
    typed="New",
)
@example(title="\x00", location="\x00", description="\x00", sources=[], edited="title", typed=" ")
def test_untouched_fields_come_back_exactly_after_a_save(
    title: str,
    location: str,
    description: str,
    sources: list[str],
    edited: str,
    typed: str,
) -> None:
    values = {"title": title, "location": location, "description": description}
    values["sources"] = sources
    text, event = event_with(values)
    initial = draft_of(event)
    # The form as the user leaves it: one field typed into, the rest as the widgets hold them.
    after: dict[str, Any] = {}
    for field in TEXT_FIELDS:
        original = getattr(initial, field)
        shown = shown_by_widget(field, original)
        assert not RAW.search(
            shown.replace("\n", "").replace("\t", "") if field in MULTILINE else shown
        )
        if field == edited:
            shown = typed
        after[field] = field_value(original, shown, field in MULTILINE)
    draft: Draft = replace(initial, **after)
    calendar, _ = build_calendar(tomllib.loads(text))
    assert calendar is not None
    edit = changes(initial, draft, parse_draft(draft, calendar).values)
    assert set(edit) <= {edited}
    saved, _ = build_calendar(tomllib.loads(update_event(text, "talks", edit)))
    if edited == "title" and not typed.strip():  # a blank title is refused by the check
        assert saved is None
        return
    assert saved is not None
    again = next(e for e in saved.events if e.id == "talks")
    for field in TEXT_FIELDS:
        if field != edited:
            assert getattr(again, field) == getattr(event, field), field


@given(value=st.text(), multiline=st.booleans())
def test_field_escapes_read_back_exactly(value: str, multiline: bool) -> None:
    assert from_field(to_field(value, multiline=multiline), multiline=multiline) == value


def test_the_issue_payloads_show_as_escapes() -> None:
    assert to_field(HOSTILE) == (
        "\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\x07\\x1b]0;T\\x07\\x9b\\u202e\\u2066\\u200b"
    )
    assert to_field("one\r\ntwo\u2028three\x85", multiline=True) == (
        "one\\x0d\ntwo\\u2028three\\x85"
    )
    assert from_field("typed \\u202e here") == "typed \u202e here"


@pytest.mark.parametrize(
    "typed",
    [
        "C:\\new\\folder",
        "Line\\none \\ttab",
        "\\\\server\\share",
        "back\\u0041slash \\x41 \\\\ end",
    ],
)
def test_what_the_user_types_is_kept_as_typed(typed: str) -> None:
    """Only an escape of a character the form itself escapes is read back: a Windows path,
    a '\\n' in a title or an escape of a plain letter stay text."""
    assert from_field(typed) == typed
    assert to_field(typed) == typed


def test_a_source_with_a_line_separator_stays_one_source() -> None:
    text, event = event_with({"sources": ["https://a.example/\u2028x"]})
    draft = replace(draft_of(event), sources=from_field(to_field("https://a.example/\u2028x")))
    calendar, _ = build_calendar(tomllib.loads(text))
    assert calendar is not None
    assert parse_draft(draft, calendar).values["sources"] == ["https://a.example/\u2028x"]
