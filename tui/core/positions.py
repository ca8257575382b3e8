"""Where each key and value of a TOML document stands, for located error messages.

``tomllib`` gives values but no positions. This scanner walks text that ``tomllib`` has
already accepted, so it only has to follow valid TOML: tables, arrays of tables, dotted
keys, strings of all four kinds, arrays and inline tables. It runs only when there is
something to report, so a valid calendar without warnings never pays for it. It records
character offsets (regular expressions do the skipping) and turns the few it is asked
about into lines and columns at the end.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

Path = tuple[str | int, ...]

_BLANK = re.compile(r"[ \t]*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_LITERAL = re.compile(r"'[^']*'")
_ML_BASIC = re.compile(r'"""(?:[^\\]|\\.)*?"""(?!")"?"?', re.DOTALL)
_ML_LITERAL = re.compile(r"'''.*?'''(?!')'?'?", re.DOTALL)
_SCALAR = re.compile(r"[^,\]}#\r\n]*[^,\]}#\r\n \t]|")


@dataclass(slots=True)
class Section:
    """A ``[table]`` or ``[[array]]`` header and how far its keys reach, as character offsets.

    ``start`` is where the header's ``[`` stands; ``end`` is just past the last value of the
    table (past the header itself for an empty table), so comments and blank lines after it
    are not part of it.
    """

    path: Path
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column of a key and of its value (the same for array elements)."""

    line: int
    column: int
    value_line: int
    value_column: int


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        # path -> (key offset, value offset)
        self.found: dict[Path, tuple[int, int]] = {}
        self.array_tables: dict[Path, int] = {}
        self.ends: dict[Path, int] = {}  # path -> offset just past its value
        # The root table first: its keys come before any header.
        self.sections: list[Section] = [Section((), 0, 0)]

    def skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.i)
        if match:
            self.i = match.end()

    def peek(self, width: int = 1) -> str:
        return self.text[self.i : self.i + width]

    # --- keys -----------------------------------------------------------------------
    def read_key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip(_BLANK)
            if self.peek() in ('"', "'"):
                parts.append(self.read_string())
            else:
                match = _BARE_KEY.match(self.text, self.i)
                end = match.end() if match else self.i
                parts.append(self.text[self.i : end])
                self.i = end
            self.skip(_BLANK)
            if self.peek() != ".":
                return parts
            self.i += 1

    def resolve(self, keys: list[str]) -> Path:
        """Insert the current index after every prefix that is an array of tables."""
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.array_tables:
                path = (*path, self.array_tables[path] - 1)
        return path

    # --- values ---------------------------------------------------------------------
    def read_string(self) -> str:
        if self.peek(3) == '"""':
            pattern, width = _ML_BASIC, 3
        elif self.peek(3) == "'''":
            pattern, width = _ML_LITERAL, 3
        elif self.peek() == '"':
            pattern, width = _BASIC, 1
        else:
            pattern, width = _LITERAL, 1
        match = pattern.match(self.text, self.i)
        end = match.end() if match else len(self.text)
        value = self.text[self.i + width : end - width]
        self.i = end
        return value

    def read_value(self, path: Path) -> None:
        char = self.peek()
        if char in ('"', "'"):
            self.read_string()
        elif char == "[":
            self.read_array(path)
        elif char == "{":
            self.read_inline_table(path)
        else:
            self.skip(_SCALAR)

    def read_array(self, path: Path) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip(_BLANK_LINES)
            if self.peek() in ("]", ""):
                self.i += 1
                return
            self.found[(*path, index)] = (self.i, self.i)
            self.read_value((*path, index))
            self.ends[(*path, index)] = self.i
            index += 1
            self.skip(_BLANK_LINES)
            if self.peek() == ",":
                self.i += 1

    def read_inline_table(self, path: Path) -> None:
        self.i += 1
        while True:
            self.skip(_BLANK_LINES)
            if self.peek() in ("}", ""):
                self.i += 1
                return
            if self.peek() == ",":
                self.i += 1
                continue
            self.read_pair(path)

    def read_pair(self, table: Path) -> None:
        key_at = self.i
        path = (*table, *self.read_key())
        self.skip(_BLANK)
        self.i += 1  # '='
        self.skip(_BLANK)
        self.found[path] = (key_at, self.i)
        self.read_value(path)
        self.ends[path] = self.i

    # --- document -------------------------------------------------------------------
    def read_header(self) -> Path:
        at = self.i
        is_array = self.peek(2) == "[["
        self.i += 2 if is_array else 1
        keys = self.read_key()
        self.i += 2 if is_array else 1
        if is_array:
            prefix = (*self.resolve(keys[:-1]), keys[-1])
            self.array_tables[prefix] = self.array_tables.get(prefix, 0) + 1
            path: Path = (*prefix, self.array_tables[prefix] - 1)
        else:
            path = self.resolve(keys)
        self.found[path] = (at, at)
        return path

    def scan(self) -> dict[Path, tuple[int, int]]:
        table: Path = ()
        while True:
            self.skip(_BLANK_LINES)
            if self.i >= len(self.text):
                return self.found
            if self.peek() == "[":
                at = self.i
                table = self.read_header()
                self.sections.append(Section(table, at, self.i))
            else:
                self.read_pair(table)
                self.sections[-1].end = self.i


class Positions:
    """Offsets of every key path, turned into lines and columns on demand."""

    def __init__(self, text: str) -> None:
        self._offsets = _Scanner(text).scan()
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def get(self, path: Path) -> Position | None:
        """The position of ``path``, or None when the document has no such key."""
        offsets = self._offsets.get(path)
        if offsets is None:
            return None
        return Position(*self._line_column(offsets[0]), *self._line_column(offsets[1]))

    def __contains__(self, path: Path) -> bool:
        return path in self._offsets


def scan_positions(text: str) -> Positions:
    """Every key path (array indices included) of valid TOML ``text``, with its position."""
    return Positions(text)


def table_sections(text: str) -> list[Section]:
    """The tables of valid TOML ``text`` in file order, the root table first (path ``()``)."""
    scanner = _Scanner(text)
    scanner.scan()
    return scanner.sections


def value_spans(text: str) -> dict[Path, tuple[int, int]]:
    """Where each value of valid TOML ``text`` starts and ends, array elements included."""
    scanner = _Scanner(text)
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
