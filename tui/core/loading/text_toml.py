"""A calendar file's bytes as text, and its text as TOML: every failure a located error."""

from __future__ import annotations

import codecs
import re
import sys
import tomllib
from typing import Any

from tui.core.errors import CalendarError
from tui.core.loading.overflow import deepest_point, long_number
from tui.core.toml import parse as toml_parse
from tui.core.toml.time_hints import time_hint

_TOML_LOCATION = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def decode(data: bytes, name: str) -> str:
    """UTF-8 text, or an error pointing at the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        msg = f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise CalendarError.single(name, line, column, msg) from None
    # Editors on Windows may add a byte-order mark; TOML does not allow one, users do.
    return text.removeprefix("\ufeff")


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text, turning syntax errors into a located error."""
    try:
        return toml_parse.parse(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_LOCATION.search(message)
        if match and match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
        else:
            line = text.count("\n") + 1
            column = len(text) - text.rfind("\n")
        detail = _TOML_LOCATION.sub("", message).strip()
        hint = time_hint(text, line, column, detail)
        if hint is not None:  # a date or time written almost right: say what to fix
            column, detail = hint
        else:
            detail = f"TOML syntax: {detail}"
        raise CalendarError.single(name, line, column, detail) from None
    except ValueError as error:  # Python's own limit, hit by tomllib converting a number
        if "digits" not in str(error):
            raise
        line, column = long_number(text)
        message = f"a number with more than {sys.get_int_max_str_digits()} digits"
        raise CalendarError.single(name, line, column, message) from None
    except RecursionError:
        line, column = deepest_point(text)
        raise CalendarError.single(
            name, line, column, "arrays or tables nested too deeply"
        ) from None


def text_start(data: bytes) -> int:
    """Where the text starts: after a byte-order mark, which `decode` drops."""
    return len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0


# TOML's whitespace is only space and tab, and its line ends LF or CRLF: a file of only
# these is empty; one that Python's str.strip() would call blank may be invalid TOML.
_TOML_BLANK = re.compile(r"(?:[ \t]|\r?\n)*")
_NOT_BLANK = {
    "\f": "a form feed (U+000C)",
    "\v": "a vertical tab (U+000B)",
    "\r": "a carriage return (U+000D) without a line feed",
}


def calendar_text(data: bytes, name: str) -> str:
    """The file's text (see ``decode``), refused with a located error when it is empty or
    blank only to Python (a form feed is not TOML whitespace)."""
    text = decode(data, name)
    blank = _TOML_BLANK.match(text)
    at = blank.end() if blank else 0
    if at == len(text):
        raise CalendarError.single(name, 1, 1, "the file is empty: a calendar needs [calendar]")
    if text.isspace():  # blank to Python, not to TOML (as strip() would say, without a copy)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        what = _NOT_BLANK.get(text[at], f"the character U+{ord(text[at]):04X}")
        message = f"TOML syntax: {what} is not whitespace in TOML (only space and tab are)"
        raise CalendarError.single(name, line, column, message)
    return text
