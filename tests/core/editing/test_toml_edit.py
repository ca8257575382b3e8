"""Editing the TOML text of one event: only its table changes, in the file's own style."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import BASE
from tests.core.editing.edit_helpers import block_lines, only_inside, touched_lines
from tests.core.toml.test_source_map import STRING_THEN_ARRAY
from tui.core.editing.edit_check import validate_text
from tui.core.editing.toml_edit import (
    EditError,
    add_event,
    block_of,
    cancel_event,
    delete_event,
    event_blocks,
    event_text,
    event_texts,
    new_event_id,
    update_event,
)
from tui.core.errors import CalendarError, Severity
from tui.core.loading.load import bundled_calendar, load_bytes

BUNDLED = bundled_calendar().read_text(encoding="utf-8")

# Every key of the format, each set to something new.
EVERY_FIELD: dict[str, Any] = {
    "title": 'Putin and Rahmon: "talks" in Dushanbe, Ҷумҳурии Тоҷикистон',
    "kind": "summit",
    "start": datetime(2025, 10, 9, 12, 0),
    "end": datetime(2025, 10, 9, 15, 30),
    "timezone": "Asia/Dushanbe",
    "location": "Kokhi Navruz, Dushanbe",
    "host": "RU",
    "participants": ["putin"],
    "status": "tentative",
    "approximate": False,
    "description": 'First line.\nSecond line with "quotes" and a backslash \\ here.',
    "sources": ["https://example.org/a", "https://example.org/b"],
}


def events(text: str) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in tomllib.loads(text).get("events", [])}


def errors(text: str) -> list[str]:
    return [str(d) for d in validate_text(text, "x.toml") if d.severity is Severity.ERROR]


def test_every_field_of_a_bundled_event_changes_only_its_table() -> None:
    new = update_event(BUNDLED, "ru-tj-talks", EVERY_FIELD)
    block = block_of(BUNDLED, "ru-tj-talks")
    assert block is not None
    assert new[: block.start] == BUNDLED[: block.start]
    assert new.endswith(BUNDLED[block.end :])
    assert only_inside(BUNDLED, new, "ru-tj-talks")
    assert events(new)["ru-tj-talks"] == {"id": "ru-tj-talks", **EVERY_FIELD}
    assert errors(new) == []
    talks = next(e for e in load_bytes(new.encode(), "x").calendar.events if e.id == "ru-tj-talks")
    assert (talks.title, talks.host, talks.participants) == (
        EVERY_FIELD["title"],
        "RU",
        ("putin",),
    )


def test_a_changed_key_keeps_its_place_and_comment_new_keys_go_last() -> None:
    text = BASE.replace('kind = "bilateral"', 'kind = "bilateral"  # as announced')
    new = update_event(text, "talks", {"kind": "summit", "location": "Dushanbe", "host": None})
    lines = new.splitlines()
    start, _ = block_lines(text, "talks")
    table = lines[start : start + 8]
    assert table == [
        "[[events]]",
        'id = "talks"',
        'title = "Talks"',
        'kind = "summit"  # as announced',
        "start = 2025-10-09T11:00:00",
        "end = 2025-10-09T13:00:00",
        'participants = ["putin", "rahmon"]',
        'location = "Dushanbe"',
    ]
    assert lines[start + 8 : start + 10] == ["", "[[events]]"]


def test_comments_inside_the_table_stay() -> None:
    text = BASE.replace(
        "start = 2025-10-09T11:00:00\n",
        "# announced by the Kremlin\nstart = 2025-10-09T11:00:00  # local time\n",
    )
    new = update_event(text, "talks", {"start": datetime(2025, 10, 9, 12, 0), "host": None})
    assert "# announced by the Kremlin\nstart = 2025-10-09T12:00:00  # local time\n" in new
    assert "host" not in events(new)["talks"]
    assert only_inside(text, new, "talks")


def test_section_comments_before_the_next_event_are_not_part_of_the_table() -> None:
    text = BASE.replace(
        '\n[[events]]\nid = "summit"', '\n# --- Friday ---\n\n[[events]]\nid = "summit"'
    )
    new = update_event(text, "talks", {"description": "Added at the end"})
    assert 'description = "Added at the end"\n\n# --- Friday ---\n\n[[events]]' in new


def test_crlf_file_stays_crlf() -> None:
    text = BASE.replace("\n", "\r\n")
    new = update_event(
        text,
        "talks",
        {"title": "Talks\nin two lines", "location": "Dushanbe", "sources": ["a"], "host": None},
    )
    assert "\n" not in new.replace("\r\n", "")
    assert only_inside(text, new, "talks")
    talks = events(new)["talks"]
    assert (talks["title"], talks["location"], "host" in talks) == (
        "Talks\nin two lines",
        "Dushanbe",
        False,
    )
    added = add_event(new, {"id": "dinner", "title": "Dinner", "start": date(2025, 10, 9)})
    assert "\n" not in added.replace("\r\n", "") and "dinner" in events(added)


def test_quoted_and_dotted_keys_and_sub_tables() -> None:
    text = BASE.replace('title = "Talks"', '"title" = \'Talks\'\nmeta.note = "n"').replace(
        'participants = ["putin", "rahmon"]\n',
        'participants = ["putin", "rahmon"]\n[events.extra]\nnote = "x"\n',
    )
    new = update_event(text, "talks", {"title": "Talks resumed", "location": "Here"})
    assert "\"title\" = 'Talks resumed'" in new  # quoted key and literal string kept
    assert 'meta.note = "n"' in new and '[events.extra]\nnote = "x"' in new
    got = events(new)["talks"]
    assert (got["location"], got["meta"], got["extra"]) == ("Here", {"note": "n"}, {"note": "x"})
    assert only_inside(text, new, "talks")


def test_a_literal_string_that_cannot_stay_literal_becomes_basic() -> None:
    text = BASE.replace('title = "Talks"', "title = 'Talks'")
    new = update_event(text, "talks", {"title": "Rahmon's talks"})
    assert 'title = "Rahmon\'s talks"' in new


INLINE = """\
# events as inline tables, before any table
events = [
    { id = "a", title = "A", start = 2025-10-09 },  # first
    { id = "b", title = "B", start = 2025-10-10 },
]

[calendar]
title = "Inline"
timezone = "UTC"
# the end
"""


def test_events_written_as_inline_tables() -> None:
    new = update_event(INLINE, "b", {"title": "B2", "location": "Here"})
    assert new.startswith(INLINE.split('    { id = "b"')[0])
    assert new.endswith("]\n\n[calendar]" + INLINE.split("[calendar]")[1])
    assert events(new)["b"] == {
        "id": "b",
        "title": "B2",
        "start": date(2025, 10, 10),
        "location": "Here",
    }
    assert events(cancel_event(INLINE, "a"))["a"]["status"] == "cancelled"
    assert list(events(delete_event(INLINE, "a"))) == ["b"]
    added = add_event(INLINE, {"id": "c", "title": "C", "start": date(2025, 10, 11)})
    assert list(events(added)) == ["a", "b", "c"] and errors(added) == []


@settings(max_examples=60, deadline=None)
@given(title=st.text(min_size=1, max_size=40), location=st.text(max_size=40))
def test_any_text_stays_valid_toml_and_reads_back(title: str, location: str) -> None:
    new = update_event(BASE, "talks", {"title": title, "location": location})
    assert events(new)["talks"]["title"] == title
    assert events(new)["talks"]["location"] == location
    assert only_inside(BASE, new, "talks")


def test_multiline_text_keeps_the_opening_quotes_alone_on_their_line() -> None:
    new = update_event(BUNDLED, "putin-arrival", {"description": 'Ends with a quote: "x"'})
    assert 'description = """\nEnds with a quote: "x\\""""\n' in new
    assert events(new)["putin-arrival"]["description"] == 'Ends with a quote: "x"'


def test_arrays_keep_their_layout_and_long_ones_break() -> None:
    new = update_event(BUNDLED, "ru-tj-talks", {"sources": ["https://a.example"]})
    assert 'sources = [\n    "https://a.example",\n]' in new
    long = ["https://example.org/" + "x" * 40, "https://example.org/" + "y" * 40]
    new = update_event(BASE, "talks", {"participants": ["putin"], "sources": long})
    assert 'participants = ["putin"]\n' in new
    assert f'sources = [\n    "{long[0]}",\n    "{long[1]}",\n]' in new


def test_cancel_changes_status_in_place() -> None:
    text = BASE.replace('kind = "summit"', 'kind = "summit"\nstatus = "tentative"')
    new = cancel_event(text, "summit")
    status_line = text.splitlines().index('status = "tentative"')
    assert touched_lines(text, new) == [(status_line, status_line + 1)]
    assert 'status = "cancelled"' in new and errors(new) == []


def test_delete_takes_its_own_comments_and_keeps_section_comments() -> None:
    text = BUNDLED
    new = delete_event(text, "putin-rahmon-dinner")
    assert "putin-rahmon-dinner" not in events(new)
    assert "# Inferred from a RIA report" not in new
    assert "# --- Thursday 9 October" in new
    assert len(events(new)) == len(events(text)) - 1 and errors(new) == []
    own = BASE.replace(
        '\n[[events]]\nid = "summit"', '\n# the summit itself\n[[events]]\nid = "summit"'
    )
    assert delete_event(own, "summit") == BASE.split('\n[[events]]\nid = "summit"')[0]


def test_delete_the_first_event_keeps_the_rest_as_written() -> None:
    new = delete_event(BASE, "talks")
    assert new == BASE.replace(
        BASE[BASE.index('\n[[events]]\nid = "talks"') : BASE.index('\n[[events]]\nid = "summit"')],
        "",
    )


def test_add_follows_the_file_style() -> None:
    text = BUNDLED + "\n# the end\n"
    values = {
        "participants": ["putin", "mirziyoyev"],
        "title": "Putin and Mirziyoyev meet",
        "id": "putin-and-mirziyoyev-meet",
        "start": datetime(2025, 10, 10, 19, 0),
        "approximate": True,
        "kind": "bilateral",
    }
    new = add_event(text, values)
    assert new.endswith(
        "]\n\n[[events]]\n"
        'id = "putin-and-mirziyoyev-meet"\n'
        'title = "Putin and Mirziyoyev meet"\n'
        'kind = "bilateral"\n'
        "start = 2025-10-10T19:00:00\n"
        "approximate = true\n"
        'participants = ["putin", "mirziyoyev"]\n'
        "\n# the end\n"
    )
    assert new.startswith(BUNDLED.rstrip("\n")) and errors(new) == []


def test_add_to_a_calendar_without_events() -> None:
    text = '[calendar]\ntitle = "Empty"\ntimezone = "UTC"'  # no final newline
    new = add_event(text, {"id": "a", "title": "A", "start": date(2025, 1, 1)})
    assert new == text + '\n\n[[events]]\nid = "a"\ntitle = "A"\nstart = 2025-01-01\n'


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: update_event(BASE, "nope", {"title": "x"}), 'no event with id "nope"'),
        (lambda: delete_event(BASE, "nope"), 'no event with id "nope"'),
        (lambda: add_event(BASE, {"title": "x"}), "a new event needs an id"),
        (lambda: add_event(BASE, {"id": "talks"}), 'id "talks" already exists'),
        (
            lambda: update_event(BASE.replace('id = "summit"', 'id = "talks"'), "talks", {}),
            '2 events have the id "talks"',
        ),
    ],
)
def test_edits_that_cannot_be_made(call: Any, message: str) -> None:
    with pytest.raises(EditError, match=message):
        call()


def test_text_that_is_not_toml_gives_a_located_error() -> None:
    with pytest.raises(CalendarError) as caught:
        update_event(BASE + "\nbroken = \n", "talks", {"title": "x"})
    assert caught.value.diagnostics[0].line == BASE.count("\n") + 2


def test_blocks_are_found_for_every_bundled_event() -> None:
    assert [b.index for b in event_blocks(BUNDLED)] == list(range(len(events(BUNDLED))))


@pytest.mark.parametrize(
    ("taken", "title", "expected"),
    [
        ([], "Putin and Mirziyoyev meet", "putin-and-mirziyoyev-meet"),
        (["putin-and-mirziyoyev-meet"], "Putin and Mirziyoyev meet", "putin-and-mirziyoyev-meet-2"),
        (["talks", "talks-2"], "Talks", "talks-3"),
        ([], "Встреча Путина", "event"),
        ([], "Café «Dushanbe»", "cafe-dushanbe"),
        ([], "  ---  ", "event"),
        ([], "A" * 80, "a" * 48),
    ],
)
def test_new_event_id(taken: list[str], title: str, expected: str) -> None:
    assert new_event_id(taken, title) == expected


def test_new_event_id_from_a_calendar() -> None:
    calendar = load_bytes(BASE.encode(), "x").calendar
    assert new_event_id(calendar, "Talks") == "talks-2"


def test_inline_edits_touch_only_that_inline_table() -> None:
    new = update_event(INLINE, "a", {"title": "A2"})
    assert new == INLINE.replace(
        'title = "A", start = 2025-10-09 }', 'title = "A2", start = 2025-10-09 }'
    )
    assert delete_event(INLINE, "a") == INLINE.replace(
        '    { id = "a", title = "A", start = 2025-10-09 },  # first\n', ""
    )


@pytest.mark.parametrize(
    ("array", "expected"),
    [
        ("events = []", 'events = [{id = "c", title = "C"}]'),
        (
            'events = [{id = "a", title = "A"}]',
            'events = [{id = "a", title = "A"}, {id = "c", title = "C"}]',
        ),
        (
            'events = [\n  { id = "a", title = "A" }  # a\n]',
            'events = [\n  { id = "a", title = "A" },  # a\n  { id = "c", title = "C" }\n]',
        ),
        (
            'events = [{ id = "a", title = "A" },\n  { id = "b", title = "B" },\n]',
            'events = [{ id = "a", title = "A" },\n  { id = "b", title = "B" },\n'
            '  { id = "c", title = "C" },\n]',
        ),
    ],
)
def test_add_to_inline_events(array: str, expected: str) -> None:
    tail = '\n\n[calendar]\ntitle = "T"\ntimezone = "UTC"\n'
    assert add_event(array + tail, {"id": "c", "title": "C"}) == expected + tail


@pytest.mark.parametrize(
    ("array", "expected"),
    [
        ('events = [{id = "a"}, {id = "b"}]', 'events = [{id = "b"}]'),
        ('events = [{id = "b"}, {id = "a"}]', 'events = [{id = "b"}]'),
        ('events = [\n  {id = "a"},  # gone\n  {id = "b"},\n]', 'events = [\n  {id = "b"},\n]'),
    ],
)
def test_delete_from_inline_events(array: str, expected: str) -> None:
    assert delete_event(array + "\n", "a") == expected + "\n"


def test_an_array_after_a_comment_like_string_end_is_not_taken_for_an_event() -> None:
    """`#\"\"\",` closes a string inside an array; the `[[...]]` line after it is an element."""
    text = STRING_THEN_ARRAY
    assert event_text(text, "b") == '[[events]]\nid = "b"\n'
    assert delete_event(text, "b") == text.split("\n\n")[0] + "\n"
    cancelled = update_event(text, "b", {"status": "cancelled"})
    assert tomllib.loads(cancelled)["events"][1] == {"id": "b", "status": "cancelled"}
    assert cancelled.startswith(text)


@pytest.mark.parametrize("text", [BUNDLED, INLINE, BASE + '\n[[events]]\nid = "talks"\n'])
def test_event_texts_of_many_events_are_each_ones_event_text(text: str) -> None:
    """The batch look-up (one scan for an import of 10,000 events) says what the one-event
    look-up says: the same table, None for an id that is missing or held twice."""
    ids = [str(e.get("id")) for e in tomllib.loads(text).get("events", [])] + ["missing"]
    assert event_texts(text, ids) == {i: event_text(text, i) for i in ids}


SHAPES = """\
[calendar]
title = "Shapes"

# Monday

[[events]]
id = "a"
description = \"\"\"
# not a comment
[[events]]
\"\"\"
[events.extra]
note = "x"

# its own comment
[[events]]
id = "b"
  # indented, then blank lines


[[ events ]]
id = "c"
[events.meta]
k = 1
[events.meta.deeper]
j = 2
"""


@pytest.mark.parametrize("text", [SHAPES, BUNDLED])
def test_one_events_block_is_found_as_the_whole_scan_finds_it(text: str) -> None:
    """``_block_at`` reads only one event's tables: the same block as ``event_blocks``'s scan
    of every table (sub-tables, own comments, triple quotes, a header spelled apart)."""
    from tui.core.editing import toml_edit

    blocks = event_blocks(text)
    assert len(blocks) >= 3
    for block in blocks:
        toml_edit._block_at.cache_clear()
        assert toml_edit._block_at(text, block.index) == block
