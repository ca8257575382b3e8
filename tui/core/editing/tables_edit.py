"""Adding and editing a participant's or a country's table in place, the rest left as written.

``[participants.putin]`` and ``[countries.TJ]`` are small tables keyed by an id or an ISO
code. As with an event (``toml_edit``), the table is cut out of the text, edited with
tomlkit on its own and put back, so every other byte of the file stays as it was; the edit
is read back and must hold exactly the values asked for. A new table goes after the last
table of its kind (or before the first event, or at the end), a blank line above it.

Only tables written with their own header can be edited here; one written inline
(``participants = { putin = {...} }``) or as dotted keys is refused with a message.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

import tomlkit

from tui.core.editing.toml_edit import EditError, event_blocks, parse, table_block
from tui.core.toml.scanner import Section
from tui.core.toml.style import Changes, applied, newline_of, plain, set_key, styled, with_newlines
from tui.core.toml.tables import table_lines

SECTIONS = ("participants", "countries")


def table_span(text: str, section: str, key: str) -> tuple[int, int] | None:
    """Where ``[section.key]`` stands: from its own comments to its last value; None if absent.

    Raises:
        EditError: the table is there but not under a header of its own.
    """
    sections = table_lines(text)
    for number, found in enumerate(sections):
        if found.path != (section, key):
            continue
        last: Section = found
        for later in sections[number + 1 :]:
            if later.path[:2] != found.path:  # its sub-tables are part of it
                break
            last = later
        block = table_block(text, 0, sections[number - 1], found, last)
        return block.lead, block.end
    if key in _tables(parse(text), section):
        raise EditError(
            f'[{section}] "{key}" is written inline or as dotted keys; edit it in an editor,'
            f" or write it as a [{section}.{key}] table"
        )
    return None


def table_text(text: str, section: str, key: str) -> str | None:
    """The table's own comments and keys as written; None when there is no such table."""
    try:
        span = table_span(text, section, key)
    except EditError:
        return None
    return None if span is None else text[span[0] : span[1]]


def set_table(text: str, section: str, key: str, changes: Changes) -> str:
    """The text with ``[section.key]`` changed (None removes a key), or added when absent.

    Raises:
        CalendarError: the text is not valid TOML.
        EditError: an unknown section, a table not written under its own header, an empty
            new table, or a value TOML cannot hold.
    """
    if section not in SECTIONS:
        raise EditError(f"cannot edit [{section}]: only {' and '.join(SECTIONS)} tables")
    old = _tables(parse(text), section).get(key)
    expected = applied(old if isinstance(old, Mapping) else {}, changes)
    span = table_span(text, section, key)
    if span is None:
        if not expected:
            raise EditError(f"a new [{section}.{key}] table needs at least one key")
        edited = _added(text, section, key, expected)
    else:
        start = text.find("[", span[0])  # the header, after the table's own comments
        piece = tomlkit.parse(text[start : span[1]])
        table = piece[section][key]
        for name, value in changes.items():
            set_key(table, name, value)
        body = with_newlines(piece.as_string(), newline_of(text))
        edited = text[:start] + body + text[span[1] :]
    _verify(edited, section, key, expected)
    return edited


def remove_table(text: str, section: str, key: str) -> str:
    """The text without ``[section.key]`` and its own comments (for undoing an addition).

    Raises:
        EditError: no such table under a header of its own.
    """
    span = table_span(text, section, key)
    if span is None:
        raise EditError(f"no [{section}.{key}] table")
    start, end = span
    while start > 0 and text[start - 1] == "\n" and (start < 2 or text[start - 2] == "\n"):
        start -= 1  # the blank line that set it apart goes with it
    return text[:start] + text[end:]


def _tables(document: Mapping[str, Any], section: str) -> Mapping[str, Any]:
    found = document.get(section, {})
    return found if isinstance(found, Mapping) else {}


def _added(text: str, section: str, key: str, values: Mapping[str, Any]) -> str:
    piece = tomlkit.document()
    outer = tomlkit.table(is_super_table=True)
    inner = tomlkit.table()
    for name, value in values.items():
        inner.append(name, styled(name, plain(value), None))
    outer.append(key, inner)
    piece.append(section, outer)
    newline = newline_of(text)
    body = with_newlines(piece.as_string(), newline)
    at = _place(text, section)
    before, after = text[:at], text[at:]
    if before and not before.endswith("\n"):
        before += newline
    gap = newline if before.strip() and not before.endswith(newline * 2) else ""
    tail = newline if after.strip() and not after.startswith(("\n", "\r\n")) else ""
    return before + gap + body + tail + after


def _place(text: str, section: str) -> int:
    """After the last table of ``section``; else before the first event; else the end."""
    sections = table_lines(text)
    ours = [s for s in sections if s.path[:1] == (section,)]
    if ours:
        return ours[-1].end
    blocks = event_blocks(text)
    return blocks[0].lead if blocks else len(text)


def _verify(edited: str, section: str, key: str, expected: Mapping[str, Any]) -> None:
    try:
        got = _tables(tomllib.loads(edited), section).get(key)
    except tomllib.TOMLDecodeError as error:
        raise EditError(f"the edit would not be valid TOML: {error}") from None
    if got != expected:
        raise EditError(f"cannot write [{section}.{key}] as asked in TOML")
