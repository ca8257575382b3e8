"""Locating only what problems point at finds exactly what a scan of every key finds.

The reference is the full scan (``scan_positions(text)``, the scanner as it was before it
learned to skip tables): for every path a problem names, and every enclosing path that
``locate`` falls back to, the focused scan must give the same line and column.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import BASE, DATA, ROOT
from tests.core.loading.test_load_errors import CASES
from tests.core.views import test_times
from tui.core.loading.load import bundled_calendar, parse_toml
from tui.core.loading.validate import build_calendar
from tui.core.toml.scanner import Path as KeyPath
from tui.core.toml.source_map import scan_positions
from tui.core.toml.tables import line_end, table_lines, table_sections

sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text


def with_prefixes(paths: list[KeyPath]) -> set[KeyPath]:
    return {path[:length] for path in paths for length in range(len(path) + 1)}


def assert_focused_equals_full(text: str, paths: list[KeyPath]) -> None:
    """The focused scan, of the text and of its UTF-8 bytes (what a load keeps to locate
    warnings), finds what the full scan of the text finds."""
    focused, full = scan_positions(text, paths), scan_positions(text)
    in_bytes = scan_positions(text.encode(), paths)
    for path in with_prefixes(paths):
        assert focused.get(path) == full.get(path), path
        assert in_bytes.get(path) == full.get(path), path


def problem_paths(text: str) -> list[KeyPath]:
    _, fields = build_calendar(parse_toml(text, "cal.toml"))
    return [problem.path for problem in fields.problems]


def is_toml(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


@pytest.mark.parametrize(
    "text", [c[1] for c in CASES if is_toml(c[1])], ids=[c[0] for c in CASES if is_toml(c[1])]
)
def test_every_bad_calendar_fixture(text: str) -> None:
    paths = problem_paths(text)
    assert paths
    assert_focused_equals_full(text, paths)


# The located mistakes of the timing keys, from their own table in tests/core/views/test_times.py.
TIMING_MISTAKES = [
    BASE + test_times.EVENT + extra + "\n"
    for extra, _ in test_times.test_mistakes_in_the_new_keys_are_located.pytestmark[0].args[1]
]


@pytest.mark.parametrize("text", TIMING_MISTAKES)
def test_every_timing_mistake_fixture(text: str) -> None:
    paths = problem_paths(text)
    assert paths
    assert_focused_equals_full(text, paths)


@pytest.mark.parametrize("overlaps", [0.0, 0.3])
def test_generated_calendars_with_warnings(overlaps: float) -> None:
    text = calendar_text(2000, overlaps=overlaps, dst_gaps=5)
    paths = problem_paths(text)
    assert len(paths) >= 5  # the DST gaps at least
    assert_focused_equals_full(text, paths)


# Lines that look like headers but are not (in a multi-line string, in a multi-line array
# after "," or "[", after a comment that hides a ","), headers written in odd ways, dotted
# keys and inline tables: each makes the quick test unsure, so the scanner must decide.
TRICKY = '''\
top = 1
x = 0
[calendar]
title = "T"
description = """
[[events]]
[not.a.header]
"""
literal = \'\'\'
[[events]]\'\'\'
nested = [
  [1, 2],
  ["a"]
]
hidden = ["#", # a comment with a comma,
[3]]
[ countries . "T J" ]
name = "x"
inline = { a = [
[1]], b = "[x]" }

  [[events]]
id = "a"
where.city = "Dushanbe"
people = [
  ["x"],
]
[events.detail]
note = """
  [[events]]
"""
[[events]]
id = "b" # [[events]]
start = 2025-10-09
'''


# TRICKY with text beyond ASCII (two-, three- and four-byte UTF-8) before the places asked.
TRICKY_UNICODE = (
    TRICKY.replace('"T"', '"Саммит ШОС 🇹🇯"')
    .replace("[[events]]\n[not", "[[события]]\n[не.заголовок]\n[not")
    .replace('"T J"', '"Ж Д"')
    .replace('b = "[x]"', 'b = "[χ]", "ключ" = ["é", [1]]')
    .replace("where.city", '"где".city')
)


@pytest.mark.parametrize("text", [TRICKY, TRICKY_UNICODE], ids=["ascii", "unicode"])
def test_header_like_lines_in_strings_and_arrays(text: str) -> None:
    document = tomllib.loads(text)
    assert len(document["events"]) == 2
    where = "где" if text is TRICKY_UNICODE else "where"
    country = "Ж Д" if text is TRICKY_UNICODE else "T J"
    paths: list[KeyPath] = [
        ("events", 0, where, "city"),
        ("events", 0, "people", 0, 0),
        ("events", 0, "detail", "note"),
        ("events", 1, "start"),
        ("calendar", "nested", 1, 0),
        ("calendar", "hidden", 1, 0),
        ("countries", country, "inline", "a", 0, 0),
        ("countries", country, "inline", "ключ", 1, 0),
        ("top",),
        ("x",),  # also the key of the line '  ["x"],' in event "a"
        ("events", 2, "id"),  # no such event: falls back to the enclosing keys
    ]
    assert_focused_equals_full(text, paths)
    # The focused scan did find them (the equality is not between two empty answers).
    focused = scan_positions(text.encode(), paths)
    assert focused.get(("events", 1, "start")) is not None
    assert focused.get(("events", 0, "detail", "note")) is not None
    assert focused.get(("events", 0, where, "city")) is not None


def every_path(text: str) -> list[KeyPath]:
    return list(scan_positions(text)._offsets)


@pytest.mark.parametrize(
    "path", [bundled_calendar(), DATA / "sample.toml"], ids=["bundled", "sample"]
)
def test_every_key_of_the_shipped_calendars(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_focused_equals_full(text, every_path(text))


toml_values = st.recursive(
    st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.dates()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_documents_and_paths(data: st.DataObject) -> None:
    """tomli_w writes long arrays over several lines, nested tables as headers and
    arrays of tables as [[...]]: whatever the layout, the focused scan agrees."""
    document = tomllib.loads(BASE)
    for _ in range(data.draw(st.integers(1, 4))):
        event = data.draw(st.sampled_from(document["events"]))
        event[data.draw(st.text(max_size=6))] = data.draw(toml_values)
    text = tomli_w.dumps(document, multiline_strings=data.draw(st.booleans()))
    everything = every_path(text)
    paths = data.draw(st.lists(st.sampled_from(everything), max_size=6))
    assert_focused_equals_full(text, paths)


# --- table_lines: the editor's table bounds, without reading every key ---------------------
def assert_table_lines_equal_full(text: str) -> None:
    """table_lines gives table_sections' tables, each end at the end of its line."""
    full = [(s.path, s.start, line_end(text, s.end) if s.end else 0) for s in table_sections(text)]
    fast = [(s.path, s.start, s.end) for s in table_lines(text)]
    assert fast == full


COMMENTED = """a = 1 # the root has a key
# and a comment

[calendar]
title = "T" # a trailing comment
# the calendar's last line is a comment

[[events]]
id = "x"
notes = \"\"\"
# looks like a comment, ends the string\"\"\"
# an own comment of the next event
[[events]]
[[events]]
id = "z\""""


# A string closing on a line that starts with "#", inside an array: the next line, which
# starts with "[", is an element of that array, not a header (found in review).
STRING_THEN_ARRAY = (
    '[[events]]\nid = "a"\nnote = [ """\n#""",\n[["events"]]]\n\n[[events]]\nid = "b"\n'
)


@pytest.mark.parametrize(
    "text",
    [
        BASE,
        (DATA / "sample.toml").read_text(encoding="utf-8"),
        TRICKY,
        COMMENTED,
        STRING_THEN_ARRAY,
    ],
    ids=["bundled", "sample", "tricky", "commented", "string-then-array"],
)
def test_table_lines_of_written_calendars(text: str) -> None:
    assert_table_lines_equal_full(text)
    assert_table_lines_equal_full(text.rstrip("\n"))  # no newline at the very end


def test_table_lines_of_a_generated_calendar() -> None:
    assert_table_lines_equal_full(calendar_text(300, overlaps=0.3))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_table_lines_of_random_documents(data: st.DataObject) -> None:
    document = tomllib.loads(BASE)
    for _ in range(data.draw(st.integers(1, 4))):
        event = data.draw(st.sampled_from(document["events"]))
        event[data.draw(st.text(max_size=6))] = data.draw(toml_values)
    text = tomli_w.dumps(document, multiline_strings=data.draw(st.booleans()))
    comment = data.draw(st.sampled_from(["", "# c\n", "\n\n", "  # x\n\n"]))
    assert_table_lines_equal_full(text.replace("\n[", f"\n{comment}["))


def test_a_comment_likeline_ending_a_string_in_an_array_hides_no_header() -> None:
    assert len(tomllib.loads(STRING_THEN_ARRAY)["events"]) == 2
    assert [s.path for s in table_lines(STRING_THEN_ARRAY)] == [(), ("events", 0), ("events", 1)]
    assert_focused_equals_full(STRING_THEN_ARRAY, [("events", 1, "id"), ("events", 0, "note", 1)])
