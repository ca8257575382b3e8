"""Typed reads from parsed TOML tables that record problems instead of raising.

Problems are kept with the key path they concern; the loader turns paths into lines and
columns only when there is something to report.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TypeVar

from tui.core.errors import Severity
from tui.core.loading.limits import MAX_ITEMS
from tui.core.toml.scanner import Path

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
COUNTRY_PATTERN = re.compile(r"[A-Z]{2}")

T = TypeVar("T")
_ABSENT = object()  # a key not in the table (None is no TOML value, but be exact)

_TYPE_NAMES: dict[type, str] = {
    str: "a string",
    bool: "true or false",
    int: "an integer",
    float: "a number",
    list: "an array",
    dict: "a table",
    datetime: "a date-time",
    date: "a date",
    time: "a time of day",
}


def type_name(value: object) -> str:
    """How a TOML value's type reads in a message."""
    if isinstance(value, datetime):
        return "a date-time"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def describe_path(path: Path) -> str:
    """'[calendar]', 'event #3', 'countries.TJ' or 'the top level', for messages."""
    if not path:
        return "the top level"
    if path[0] == "events" and len(path) > 1 and isinstance(path[1], int):
        return f"event #{path[1] + 1}"
    if len(path) == 1:
        return f"[{path[0]}]"
    return ".".join(str(p) for p in path)


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """A ' (did you mean "x"?)' suffix when a close choice exists, else ''."""
    lowered = {choice.lower(): choice for choice in choices}
    # A match needs a similarity of 0.6, out of reach for a word over 2.33 times the longest
    # choice; difflib would first index every character of a 10 MB value.
    if not lowered or len(word) > 3 * max(map(len, lowered)):
        return ""
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f' (did you mean "{lowered[close[0]]}"?)' if close else ""


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem at a key path; ``at_key`` points at the key rather than its value."""

    path: Path
    message: str
    severity: Severity = Severity.ERROR
    at_key: bool = False


@dataclass
class Fields:
    """Collects problems while reading typed values out of tables."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, path: Path, message: str, *, at_key: bool = False) -> None:
        self.problems.append(Problem(path, message, Severity.ERROR, at_key))

    def warning(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message, Severity.WARNING))

    def known_keys(self, table: Mapping[str, Any], path: Path, allowed: Collection[str]) -> None:
        """Report every key of ``table`` that is not in ``allowed``."""
        for key in table:
            if key not in allowed:
                where = describe_path(path)
                hint = did_you_mean(key, allowed)
                self.error((*path, key), f'unknown key "{key}" in {where}{hint}', at_key=True)

    def typed(
        self,
        table: Mapping[str, Any],
        path: Path,
        key: str,
        kind: type[T],
        *,
        required: bool = False,
    ) -> T | None:
        """The value at ``key`` if it has type ``kind``; None (and a problem) otherwise."""
        value = table.get(key, _ABSENT)
        if type(value) is kind:  # the usual case, first: one lookup, one comparison
            return value
        if value is _ABSENT:
            if required:
                self.error(path, f'missing required key "{key}"', at_key=True)
            return None
        # bool is an int in Python, but not in TOML.
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        self.error((*path, key), f'"{key}" must be {_TYPE_NAMES[kind]}, not {type_name(value)}')
        return None

    def text(
        self, table: Mapping[str, Any], path: Path, key: str, *, required: bool = False
    ) -> str | None:
        """A string value; required strings must not be blank."""
        value = self.typed(table, path, key, str, required=required)
        if value is not None and required and not value.strip():
            self.error((*path, key), f'"{key}" must not be empty')
            return None
        return value

    def flag(self, table: Mapping[str, Any], path: Path, key: str) -> bool | None:
        """A boolean value, None when absent or wrong."""
        return self.typed(table, path, key, bool)

    def texts(
        self,
        table: Mapping[str, Any],
        path: Path,
        key: str,
        limit: int = MAX_ITEMS,
        unique: bool = False,
    ) -> tuple[str, ...]:
        """An array of strings; wrong elements are reported and left out. One longer than
        ``limit`` is an error, found before any element is looked at; ``unique`` refuses
        a string given twice."""
        values = self.typed(table, path, key, list)
        if values is None:
            return ()
        if len(values) > limit:
            message = f'"{key}" holds {len(values):,} items; at most {limit:,} are allowed'
            self.error((*path, key), message)
            return ()
        kept: list[str] = []
        first: dict[str, int] = {}
        for index, value in enumerate(values):
            if isinstance(value, str) and unique and first.setdefault(value, index) != index:
                where = f"first as item {first[value] + 1}"
                self.error((*path, key, index), f'"{value}" is given twice in "{key}" ({where})')
            elif isinstance(value, str):
                kept.append(value)
            else:
                message = f'"{key}" must hold strings, not {type_name(value)}'
                self.error((*path, key, index), message)
        return tuple(kept)

    def choice(
        self, table: Mapping[str, Any], path: Path, key: str, choices: Collection[str], default: str
    ) -> str:
        """One of ``choices``; the default when absent or wrong."""
        value = self.text(table, path, key)
        if value is None:
            return default
        if value not in choices:
            options = " | ".join(choices)
            hint = did_you_mean(value, choices)
            self.error((*path, key), f'"{key}" must be one of {options}, not "{value}"{hint}')
            return default
        return value

    def shaped(self, value: str, path: Path, pattern: re.Pattern[str], what: str) -> bool:
        """Whether ``value`` matches ``pattern``; reports it otherwise."""
        if pattern.fullmatch(value):
            return True
        self.error(path, f'{what} "{value}" has the wrong shape ({pattern.pattern})', at_key=True)
        return False

    def tables(self, document: Mapping[str, Any], key: str) -> dict[str, Any]:
        """A top-level table of tables, such as [countries] or [participants]."""
        value = document.get(key, {})
        if not isinstance(value, dict):
            self.error((key,), f'"{key}" must be a table, not {type_name(value)}')
            return {}
        good: dict[str, Any] = {}
        for name, entry in value.items():
            if isinstance(entry, dict):
                good[name] = entry
            else:
                self.error((key, name), f'"{key}.{name}" must be a table, not {type_name(entry)}')
        return good
