"""Where each table of a TOML document starts and ends, for editing one table in place."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

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
    lines = _TableLines(text)
    tables = list(lines.tables())  # every header opened before any key is read
    return [lines.section(*table) for table in tables]


def array_table_lines(text: str, array: str, index: int) -> list[Section] | None:
    """The ``table_lines`` of element ``index`` of the top-level array of tables ``array``
    (``[[events]]``): the section before its header, its own, then its sub-tables'; None
    when it has no header (an inline table). Only those tables' ends are looked for: an
    edit of one event of 100,000 needs no more."""
    lines = _TableLines(text)
    wanted: Path = (array, index)
    found: list[tuple[int, Path, int, int]] = []
    before = None
    for table in lines.tables():
        if table[1][:2] == wanted:
            found.append(table)
        elif found:
            break
        else:
            before = table
    if not found or before is None:
        return None
    return [lines.section(*table) for table in (before, *found)]


class _TableLines:
    """The table headers of ``text`` and where each table's last line ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.headers = header_offsets(text)
        has_triples = '"""' in text or "'''" in text  # a pass over 100 MB, saved
        self.triples = [m.start() for m in TRIPLE_QUOTE.finditer(text)] if has_triples else []
        self.scanner = Scanner(text)

    def tables(self) -> Iterator[tuple[int, Path, int, int]]:
        """Each table's header offset, path, body start and end (the next header)."""
        first = self.headers[0] if self.headers else len(self.text)
        yield 0, (), 0, first  # the root table
        yield from headed_tables(self.scanner, self.headers)

    def section(self, at: int, table: Path, body: int, end: int) -> Section:
        triples = self.triples
        if triples and bisect.bisect_left(triples, body) != bisect.bisect_left(triples, end):
            self.scanner.i = body
            last = _last_value(self.scanner, table, end)
        else:
            last = _last_value_line(self.text, body, end)
        return Section(table, at, line_end(self.text, last) if last else 0)


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
