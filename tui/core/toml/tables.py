"""Where each table of a TOML document starts and ends, for editing one table in place."""

from __future__ import annotations

import bisect

from tui.core.toml.scanner import (
    BLANK_LINES,
    TRIPLE_QUOTE,
    Path,
    Scanner,
    Section,
    headed_tables,
    header_offsets,
)


def table_sections(text: str) -> list[Section]:
    """The tables of valid TOML ``text`` in file order, the root table first (path ``()``)."""
    scanner = Scanner(text)
    scanner.scan()
    return scanner.sections


def table_lines(text: str) -> list[Section]:
    """``table_sections``, each end moved to the end of its line (0 for a root table without
    keys), reading no key of the 100,000 tables of a large calendar.

    Each end is found walking back from the next header over blank and comment lines; a
    table holding a triple quote, where a line that looks like a comment may end a string,
    is read key by key instead.
    """
    headers = header_offsets(text)
    triples = [match.start() for match in TRIPLE_QUOTE.finditer(text)]
    scanner = Scanner(text)
    root: Path = ()
    tables = [(0, root, 0, headers[0] if headers else len(text))]
    tables += headed_tables(scanner, headers)
    sections = []
    for at, table, body, end in tables:
        if bisect.bisect_left(triples, body) != bisect.bisect_left(triples, end):
            scanner.i = body
            last = _last_value(scanner, table, end)
        else:
            last = _last_value_line(text, body, end)
        sections.append(Section(table, at, line_end(text, last) if last else 0))
    return sections


def _last_value(scanner: Scanner, table: Path, end: int) -> int:
    """Read the table's keys up to ``end``: where its last value ends (or its header)."""
    last = scanner.i
    while True:
        scanner.skip(BLANK_LINES)
        if scanner.i >= end:
            return last
        scanner.read_pair(table)
        last = scanner.i


def _last_value_line(text: str, body: int, end: int) -> int:
    """Just past the last line before ``end`` that is neither blank nor a comment, unless
    that is the header's own line (ending at ``body``): then ``body``, as for no key."""
    header_line = text.rfind("\n", 0, body) + 1 if body else -1  # the root has none
    # From the start of the next header's line, or the very end of the text.
    after = end if end == len(text) else text.rfind("\n", 0, end) + 1
    while after > max(header_line, 0):
        start = text.rfind("\n", 0, after - 1) + 1
        line = text[start:after].strip()
        if line and not line.startswith("#"):
            return body if start == header_line else after
        after = start
    return body


def line_end(text: str, offset: int) -> int:
    """Just past the newline of the line holding ``offset - 1`` (the end of the text if none)."""
    newline = text.find("\n", max(offset - 1, 0))
    return len(text) if newline < 0 else newline + 1
