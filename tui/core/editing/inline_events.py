"""Editing events written as inline tables: ``events = [{ id = "a", ... }, ...]``.

Like a ``[[events]]`` table, the inline table is cut out of the text by its offsets, edited
on its own and put back, so the rest of the file keeps its bytes (a tomlkit round trip of
the whole array would respace the other events' braces).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import tomlkit

from tui.core.toml.source_map import value_spans
from tui.core.toml.style import Changes, newline_of, set_key, styled

_CLOSING = re.compile(r"\s*\}\Z")
_REST_OF_LINE = re.compile(r"[ \t]*,?[ \t]*(?:#[^\n]*)?(?:\r?\n|\Z)")


def inline_span(text: str, index: int) -> tuple[int, int]:
    """Where the inline table of event ``index`` starts and ends."""
    return value_spans(text)[("events", index)]


def update_inline(text: str, index: int, changes: Changes) -> str:
    """The text with the inline table of event ``index`` changed."""
    start, end = inline_span(text, index)
    piece = text[start:end]
    table = tomlkit.parse("x = " + piece)["x"]
    for key, value in changes.items():
        set_key(table, key, value, one_line=True)
    rendered: str = table.as_string().rstrip()
    closing = _CLOSING.search(piece)
    if closing is not None:  # tomlkit drops the space before '}'; keep the author's
        rendered = rendered.removesuffix("}").rstrip() + closing.group(0)
    return text[:start] + rendered + text[end:]


def delete_inline(text: str, index: int) -> str:
    """The text without the inline table of event ``index`` and its comma.

    On a line of its own, the line goes, with the comment at its end.
    """
    start, end = inline_span(text, index)
    line_start = text.rfind("\n", 0, start) + 1
    rest = _REST_OF_LINE.match(text, end)
    if not text[line_start:start].strip() and rest is not None:
        return text[:line_start] + text[rest.end() :]
    after = re.compile(r"\s*,\s*").match(text, end)
    if after is not None:
        return text[:start] + text[after.end() :]
    before = re.compile(r",\s*\Z").search(text, 0, start)
    return text[: before.start() if before else start] + text[end:]


def add_inline(text: str, values: Mapping[str, Any], count: int) -> str:
    """The text with a new inline table after the ``count`` events already in the array."""
    spaced = count and text[slice(*inline_span(text, count - 1))].startswith("{ ")
    pairs = ", ".join(
        f"{tomlkit.key(key).as_string()} = {styled(key, value, None, one_line=True).as_string()}"
        for key, value in values.items()
    )
    rendered = f"{{ {pairs} }}" if spaced else f"{{{pairs}}}"
    if not count:
        opening = value_spans(text)[("events",)][0]
        return text[: opening + 1] + rendered + text[opening + 1 :]
    start, end = inline_span(text, count - 1)
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    if indent.strip():  # one line: a, b, c
        return text[:end] + ", " + rendered + text[end:]
    rest = _REST_OF_LINE.match(text, end)
    assert rest is not None  # an element on its own line ends the line, or the array
    line_end = rest.end()
    if text[line_end - 1 : line_end] != "\n":  # '{...}]' closes the array on its line
        return text[:end] + ", " + rendered + text[end:]
    had_comma = re.match(r"[ \t]*,", text[end:]) is not None
    return "".join(
        (
            text[:end],
            "" if had_comma else ",",
            text[end:line_end],
            indent + rendered + ("," if had_comma else ""),
            newline_of(text),
            text[line_end:],
        )
    )
