"""Writing TOML values the way the file around them is written.

A changed value keeps its old form (literal or basic string, one line or one element a
line); a new one follows the bundled calendar's habits: long text in a multi-line string
whose opening quotes stand alone on their line, and arrays broken when longer than a line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import tomlkit
from tomlkit.items import Array, Item, String, StringType, Table

from tui.core.text import toml_escapes

Changes = Mapping[str, Any]  # key -> new TOML value, or None to remove the key
LINE_WIDTH = 100  # an array longer than this on one line is written one element a line
_BARE_NEWLINE = re.compile(r"(?<!\r)\n")
_NOT_LITERAL = re.compile(r"['\x00-\x08\x0a-\x1f\x7f]")


def set_key(table: Any, key: str, value: Any, *, one_line: bool = False) -> None:
    """Set ``key`` of a tomlkit table in place (None removes it), in the old value's style."""
    if value is None:
        if key in table:
            del table[key]
        return
    old = table.get(key)
    table[key] = styled(key, plain(value), old if isinstance(old, Item) else None, one_line)


def styled(key: str, value: Any, old: Item | None, one_line: bool = False) -> Item:
    """``value`` as a TOML item written the way ``old`` was (or the file's usual way).

    ``one_line`` keeps it on one line, as inside an inline table.
    """
    if isinstance(value, str):
        return _escaped(_styled_string(value, old, one_line))
    item: Item = tomlkit.item(value)
    if not isinstance(item, Table):  # a table's strings are styled one by one
        item = _escaped(item)
    if isinstance(item, Array) and value and not one_line:
        was_multiline = isinstance(old, Array) and "\n" in old.as_string()
        if was_multiline or len(f"{key} = {item.as_string()}") > LINE_WIDTH:
            item.multiline(True)
    return item


def _styled_string(value: str, old: Item | None, one_line: bool) -> Item:
    kind = old.type if isinstance(old, String) else None
    if not one_line and ("\n" in value or kind in (StringType.MLB, StringType.MLL)):
        # As the bundled file writes long text: the opening quotes alone on their line.
        multiline: Item = tomlkit.value('"""\n' + _escape_multiline(value) + '"""')
        return multiline
    if kind is StringType.SLL and not _NOT_LITERAL.search(value) and toml_escapes(value) == value:
        return tomlkit.string(value, literal=True)
    return tomlkit.string(value)


def _escaped(item: Item) -> Item:
    """``item`` with C1, bidi and invisible format characters as ``\\uXXXX`` escapes, by the
    TOML export's rule (``toml_escapes``): TOML allows them raw, but they would reorder or
    hide text in an editor or a terminal showing the file. tomlkit escapes only C0 itself.
    Outside strings TOML is ASCII, so each sits in a basic string, where the escape means
    the same character; the item is read back from its escaped text."""
    text = item.as_string()
    safe = toml_escapes(text)
    return item if safe == text else tomlkit.value(safe)


def _escape_multiline(value: str) -> str:
    """Text for a multi-line basic string: newlines and tabs as they are, the rest escaped.

    A quote is escaped when another quote or the closing quotes follow it, so no run of
    three ever closes the string early.
    """
    out = []
    for position, char in enumerate(value):
        if char == "\\":
            out.append("\\\\")
        elif char == '"' and value[position + 1 : position + 2] in ('"', ""):
            out.append('\\"')
        elif char in "\n\t" or not (ord(char) < 0x20 or char == "\x7f"):
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04x}")
    return "".join(out)


def plain(value: Any) -> Any:
    """Tuples as lists, so a value compares equal to what tomllib reads back."""
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    return value


def applied(table: Mapping[str, Any], changes: Changes) -> dict[str, Any]:
    """The values of ``table`` once ``changes`` are made."""
    result = dict(table)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = plain(value)
    return result


def newline_of(text: str) -> str:
    """The file's line ending, from its first line: CRLF or LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def with_newlines(edited: str, newline: str) -> str:
    """tomlkit ends new lines with LF; in a CRLF file they get CRLF."""
    return edited if newline == "\n" else _BARE_NEWLINE.sub("\r\n", edited)
