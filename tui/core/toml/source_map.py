"""Where each key and value of a TOML document stands, for located error messages.

``tomllib`` gives values but no positions. This scanner walks text that ``tomllib`` has
already accepted, so it only has to follow valid TOML: tables, arrays of tables, dotted
keys, strings of all four kinds, arrays and inline tables. It runs only when there is
something to report, so a valid calendar without warnings never pays for it, and then it
reads only the tables the problems point at (one pass finds every table header; a few
hundred warnings in 100,000 events no longer mean reading 1,000,000 keys in Python). It
records character offsets (regular expressions do the skipping) and turns the few it is
asked about into lines and columns at the end.

It reads the file's UTF-8 bytes as well as its text: a large calendar keeps only its bytes
for locating the warnings found after the first paint (Cyrillic text makes the decoded
``str`` twice their size). The bytes are read as Latin-1, one character per byte, and
columns are counted in characters at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.system.gc_pause import collector_paused
from tui.core.toml.scanner import BLANK_LINES, Path, Scanner, headed_tables, header_offsets


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column of a key and of its value (the same for array elements)."""

    line: int
    column: int
    value_line: int
    value_column: int


def _scan_wanted(text: str, wanted: Iterable[Path], utf8_view: bool) -> dict[Path, tuple[int, int]]:
    """Scan every header, and inside only the tables whose path leads to a wanted path.

    A key's position is recorded while reading the table whose header path is a prefix of
    the key's path (the top-level table's is empty), so no other table can hold it. Tables
    are visited in file order, as the full scan does, so the result agrees with it.
    """
    prefixes = {path[:length] for path in wanted for length in range(len(path) + 1)}
    scanner = Scanner(text, utf8_view)
    scanner.skippable = {p[:-1] for p in prefixes if p and isinstance(p[-1], int)}
    headers = header_offsets(text)
    _read_table(scanner, (), 0, headers[0] if headers else len(text), prefixes)
    for at, table, body, end in headed_tables(scanner, headers):
        if table in prefixes:
            scanner.found[table] = (at, at)
            _read_table(scanner, table, body, end, prefixes)
    return scanner.found


def _read_table(scanner: Scanner, table: Path, start: int, end: int, prefixes: set[Path]) -> None:
    """Record the keys of the table between ``start`` and ``end`` when it is wanted."""
    if table not in prefixes:
        return
    scanner.i = start
    while True:
        scanner.skip(BLANK_LINES)
        if scanner.i >= end:
            return
        scanner.read_pair(table)


class Positions:
    """Line and column of the key paths that were scanned, looked up by path."""

    def __init__(
        self, text: str, offsets: dict[Path, tuple[int, int]], utf8_view: bool = False
    ) -> None:
        self._offsets = offsets
        wanted = {o for pair in offsets.values() for o in pair}
        self._places = _line_columns(text, wanted, utf8_view)

    def get(self, path: Path) -> Position | None:
        """The position of ``path``, or None when the document has no such key."""
        offsets = self._offsets.get(path)
        if offsets is None:
            return None
        return Position(*self._places[offsets[0]], *self._places[offsets[1]])

    def __contains__(self, path: Path) -> bool:
        return path in self._offsets


def _line_columns(text: str, offsets: set[int], utf8_view: bool) -> dict[int, tuple[int, int]]:
    """1-based line and column of each offset, counting newlines once, left to right; in
    a `utf8_view`, the column counts the characters the line's bytes before it decode to."""
    places: dict[int, tuple[int, int]] = {}
    line, previous, line_start = 1, 0, 0
    for offset in sorted(offsets):
        newlines = text.count("\n", previous, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", previous, offset) + 1
        before = text[line_start:offset]
        if utf8_view and not before.isascii():
            before = before.encode("latin-1").decode("utf-8")
        places[offset] = (line, len(before) + 1)
        previous = offset
    return places


def utf8_view(data: bytes) -> str:
    """UTF-8 ``data`` read one character per byte (Latin-1), without a leading byte-order
    mark (as `load.decode` drops it): half the size of the decoded text when that holds
    characters beyond Latin-1, and the same offsets for every ASCII delimiter."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    return str(memoryview(data)[start:], "latin-1")


def scan_positions(source: str | bytes, wanted: Iterable[Path] | None = None) -> Positions:
    """The positions of key paths (array indices included) in valid TOML ``source``: its
    text, or its UTF-8 bytes (columns are counted in characters either way).

    With ``wanted``, only the tables that can hold those paths (or their enclosing keys)
    are scanned: the paths ``locate`` will ask about are found exactly as a scan of the
    whole document finds them, in a fraction of the time. Without it, every key is scanned.
    """
    view = isinstance(source, bytes)
    text = utf8_view(source) if isinstance(source, bytes) else source
    if wanted is None:
        return Positions(text, Scanner(text, view).scan(), view)
    # A path per table header: no cycles, but enough new objects to set the collector off
    # over the whole calendar, again and again.
    with collector_paused():
        return Positions(text, _scan_wanted(text, wanted, view), view)


def value_spans(text: str) -> dict[Path, tuple[int, int]]:
    """Where each value of valid TOML ``text`` starts and ends, array elements included."""
    scanner = Scanner(text)
    scanner.scan()
    return {path: (scanner.found[path][1], end) for path, end in scanner.ends.items()}


def locate(positions: Positions, path: Path, *, at_key: bool = False) -> tuple[int, int]:
    """The line and column of ``path``, or of its nearest enclosing key that was found."""
    while path:
        position = positions.get(path)
        if position is not None:
            if at_key:
                return position.line, position.column
            return position.value_line, position.value_column
        path = path[:-1]
    return 1, 1
