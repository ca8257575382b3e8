"""A reader of valid TOML that records where each key, value and table header stands."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

Path = tuple[str | int, ...]


_BLANK = re.compile(r"[ \t]*")
BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_LITERAL = re.compile(r"'[^']*'")
_ML_BASIC = re.compile(r'"""(?:[^\\]|\\.)*?"""(?!")"?"?', re.DOTALL)
_ML_LITERAL = re.compile(r"'''.*?'''(?!')'?'?", re.DOTALL)
# An array of one-line strings and scalars only (no nested array or table, no multi-line
# string), comments allowed. Its alternatives start with different characters, so a text
# that does not match fails in linear time.
_FLAT_ARRAY = re.compile(
    r"""\[(?:[^\[\]{}"'#]|"(?!"")(?:[^"\\\n]|\\.)*"|'(?!'')[^'\n]*'|#[^\n]*)*\]"""
)
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


class Scanner:
    """Walks valid TOML from ``i``, recording where keys, values and table headers stand."""

    def __init__(self, text: str, utf8_view: bool = False) -> None:
        self.text = text
        # ``text`` is UTF-8 bytes read as Latin-1 (see `source_map.utf8_view`): every TOML
        # delimiter is ASCII, so offsets are byte offsets, and only a key is decoded.
        self.utf8_view = utf8_view
        self.i = 0
        # path -> (key offset, value offset)
        self.found: dict[Path, tuple[int, int]] = {}
        self.array_tables: dict[Path, int] = {}
        self.ends: dict[Path, int] = {}  # path -> offset just past its value
        # The root table first: its keys come before any header.
        self.sections: list[Section] = [Section((), 0, 0)]
        # When set, the arrays whose elements are wanted; any other array of plain values
        # is passed over whole (100,000 sources took seconds one by one).
        self.skippable: set[Path] | None = None

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
                part = self.read_string()
                if self.utf8_view and not part.isascii():
                    part = part.encode("latin-1").decode("utf-8")
                parts.append(part)
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
        if self.skippable is not None and path not in self.skippable:
            flat = _FLAT_ARRAY.match(self.text, self.i)
            if flat is not None:  # no element is wanted: one C-speed match for all
                self.i = flat.end()
                return
        self.i += 1
        index = 0
        while True:
            self.skip(BLANK_LINES)
            if self.peek() in ("]", ""):
                self.i += 1
                return
            self.found[(*path, index)] = (self.i, self.i)
            self.read_value((*path, index))
            self.ends[(*path, index)] = self.i
            index += 1
            self.skip(BLANK_LINES)
            if self.peek() == ",":
                self.i += 1

    def read_inline_table(self, path: Path) -> None:
        self.i += 1
        while True:
            self.skip(BLANK_LINES)
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
        return self.open_table(at, is_array, keys)

    def open_table(self, at: int, is_array: bool, keys: list[str]) -> Path:
        """Record the header at ``at`` and return the path of the table it opens."""
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
            self.skip(BLANK_LINES)
            if self.i >= len(self.text):
                return self.found
            if self.peek() == "[":
                at = self.i
                table = self.read_header()
                self.sections.append(Section(table, at, self.i))
            else:
                self.read_pair(table)
                self.sections[-1].end = self.i


# --- only the tables that problems point at ---------------------------------------------
# A table header is a line whose first non-blank character is "[", unless that line is
# inside a multi-line string or continues a multi-line array. Both are rare in calendars,
# and both are ruled out cheaply: its table holds no triple quote, and the line before it
# (blank and comment lines aside) neither ends in "," or "[" nor holds a "#" that could
# hide one. Where that cannot be ruled out, the scanner reads that one table to find where
# it really ends.
_HEADER_LINE = re.compile(r"\n[ \t]*\[")
_FIRST_LINE_HEADER = re.compile(r"[ \t]*\[")
TRIPLE_QUOTE = re.compile("\"\"\"|'''")
_SIMPLE_HEADER = re.compile(r"(\[\[?)([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)(\]\]?)")


def header_offsets(text: str) -> list[int]:
    """The offset of the "[" of every table header of valid TOML ``text``, in order."""
    # "\n" first: the regex engine jumps from one newline to the next.
    candidates = [match.end() - 1 for match in _HEADER_LINE.finditer(text)]
    first = _FIRST_LINE_HEADER.match(text)
    if first:
        candidates.insert(0, first.end() - 1)
    has_triples = '"""' in text or "'''" in text
    triples = [match.start() for match in TRIPLE_QUOTE.finditer(text)] if has_triples else []
    headers: list[int] = []
    table_start = 0  # the last header found, or 0 before the first
    table_end = -1  # where the scanner found the current table to end, once asked
    for at in candidates:
        if at < table_end:
            continue  # inside a value of the table the scanner read
        if at != table_end and not _surely_header(text, at, table_start, triples):
            table_end = _table_end(text, table_start, bool(headers))
            if at != table_end:
                continue
        headers.append(at)
        table_start = at
    return headers


def _surely_header(text: str, at: int, table_start: int, triples: list[int]) -> bool:
    """Whether the header-like line at ``at`` cannot be inside a string or an array."""
    if bisect.bisect_left(triples, at) > bisect.bisect_left(triples, table_start):
        # A multi-line string in this table: a line of it may look like a comment (and
        # hide the "," of an array around it), so only reading the table can tell.
        return False
    end = text.rfind("\n", 0, at)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and not line.startswith("#"):
            return "#" not in line and not line.endswith((",", "["))
        end = start - 1
    return True


def _table_end(text: str, at: int, is_header: bool) -> int:
    """Where the next table header after the table at ``at`` stands (or the text's end)."""
    scanner = Scanner(text)
    scanner.i = at
    if is_header:
        scanner.read_header()
    while True:
        scanner.skip(BLANK_LINES)
        if scanner.i >= len(text) or scanner.peek() == "[":
            return scanner.i
        scanner.read_pair(())


def headed_tables(scanner: Scanner, headers: list[int]) -> Iterator[tuple[int, Path, int, int]]:
    """Each table header's offset, its table's path, where the header ends and where the
    next one starts, in file order."""
    text = scanner.text
    # The last top-level [[array]] header read: its repeats ([[events]] a hundred thousand
    # times) are only counted, not read again.
    repeated = ""
    counted: Path = ()
    for number, at in enumerate(headers):
        end = headers[number + 1] if number + 1 < len(headers) else len(text)
        if repeated and text.startswith(repeated, at):
            count = scanner.array_tables[counted] = scanner.array_tables[counted] + 1
            yield at, (*counted, count - 1), at + len(repeated), end
            continue
        table = _open_header(scanner, at)
        if len(table) == 2 and isinstance(table[1], int) and text.startswith("[[", at):
            repeated, counted = text[at : scanner.i], table[:1]
        yield at, table, scanner.i, end


def _open_header(scanner: Scanner, at: int) -> Path:
    """Read the header at ``at`` and open its table; the scanner stops just past it."""
    simple = _SIMPLE_HEADER.match(scanner.text, at)
    if simple and len(simple.group(1)) == len(simple.group(3)):
        scanner.i = simple.end()
        return scanner.open_table(at, len(simple.group(1)) == 2, simple.group(2).split("."))
    scanner.i = at
    return scanner.read_header()
