"""Where each key and value of a TOML document stands, for located error messages.

``tomllib`` gives values but no positions. This scanner walks text that ``tomllib`` has
already accepted, so it only has to follow valid TOML: tables, arrays of tables, dotted
keys, strings of all four kinds, arrays and inline tables. It runs only when there is
something to report, so a valid calendar never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]

_BARE_KEY_END = " \t=.]\r\n"
_SCALAR_END = ",]}#\r\n"


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
        self.line = 1
        self.line_start = 0
        self.found: dict[Path, Position] = {}
        self.array_tables: dict[Path, int] = {}

    # --- cursor ---------------------------------------------------------------------
    def here(self) -> tuple[int, int]:
        return self.line, self.i - self.line_start + 1

    def advance(self, count: int = 1) -> None:
        for _ in range(count):
            if self.text[self.i] == "\n":
                self.line += 1
                self.line_start = self.i + 1
            self.i += 1

    def peek(self, width: int = 1) -> str:
        return self.text[self.i : self.i + width]

    def skip_blank(self, newlines: bool) -> None:
        """Skip spaces, and comments and newlines where ``newlines`` allows them."""
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in " \t" or (newlines and char in "\r\n"):
                self.advance()
            elif newlines and char == "#":
                self.skip_to_line_end()
            else:
                return

    def skip_to_line_end(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end

    # --- keys -----------------------------------------------------------------------
    def read_key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            if self.peek() in ('"', "'"):
                parts.append(self.read_string())
            else:
                start = self.i
                while self.i < len(self.text) and self.text[self.i] not in _BARE_KEY_END:
                    self.i += 1
                parts.append(self.text[start : self.i])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return parts
            self.advance()

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
        quote = self.peek()
        if self.peek(3) == quote * 3:
            self.advance(3)
            end = self.text.find(quote * 3, self.i) if quote == "'" else self.find_basic_end(3)
            # A multi-line string may end with up to two extra quotes.
            while self.text[end + 3 : end + 4] == quote:
                end += 1
            value = self.text[self.i : end]
            self.advance(end + 3 - self.i)
            return value
        self.advance()
        end = self.text.find(quote, self.i) if quote == "'" else self.find_basic_end(1)
        value = self.text[self.i : end]
        self.i = end + 1
        return value

    def find_basic_end(self, width: int) -> int:
        j = self.i
        closing = '"' * width
        while True:
            if self.text[j] == "\\":
                j += 2
            elif self.text.startswith(closing, j):
                return j
            else:
                j += 1

    def read_value(self, path: Path) -> None:
        char = self.peek()
        if char in ('"', "'"):
            self.read_string()
        elif char == "[":
            self.read_array(path)
        elif char == "{":
            self.read_inline_table(path)
        else:
            start = self.i
            while self.i < len(self.text) and self.text[self.i] not in _SCALAR_END:
                self.i += 1
            # A trailing space before a comment is not part of the value.
            while self.i > start and self.text[self.i - 1] in " \t":
                self.i -= 1

    def read_array(self, path: Path) -> None:
        self.advance()
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.advance()
                return
            line, column = self.here()
            self.found[(*path, index)] = Position(line, column, line, column)
            self.read_value((*path, index))
            index += 1
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()

    def read_inline_table(self, path: Path) -> None:
        self.advance()
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "}":
                self.advance()
                return
            if self.peek() == ",":
                self.advance()
                continue
            self.read_pair(path)

    def read_pair(self, table: Path) -> None:
        key_line, key_column = self.here()
        path = (*table, *self.read_key())
        self.skip_blank(newlines=False)
        self.advance()  # '='
        self.skip_blank(newlines=False)
        line, column = self.here()
        self.found[path] = Position(key_line, key_column, line, column)
        self.read_value(path)

    # --- document -------------------------------------------------------------------
    def read_header(self) -> Path:
        line, column = self.here()
        is_array = self.peek(2) == "[["
        self.advance(2 if is_array else 1)
        keys = self.read_key()
        self.advance(2 if is_array else 1)
        if is_array:
            prefix = (*self.resolve(keys[:-1]), keys[-1])
            self.array_tables[prefix] = self.array_tables.get(prefix, 0) + 1
            path: Path = (*prefix, self.array_tables[prefix] - 1)
        else:
            path = self.resolve(keys)
        self.found[path] = Position(line, column, line, column)
        return path

    def scan(self) -> dict[Path, Position]:
        table: Path = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return self.found
            if self.peek() == "[":
                table = self.read_header()
            else:
                self.read_pair(table)


def scan_positions(text: str) -> dict[Path, Position]:
    """Map every key path (array indices included) of valid TOML ``text`` to its position."""
    return _Scanner(text).scan()


def locate(positions: dict[Path, Position], path: Path, *, at_key: bool = False) -> tuple[int, int]:
    """The line and column of ``path``, or of its nearest enclosing key that was found."""
    while path:
        position = positions.get(path)
        if position is not None:
            if at_key:
                return position.line, position.column
            return position.value_line, position.value_column
        path = path[:-1]
    return 1, 1
