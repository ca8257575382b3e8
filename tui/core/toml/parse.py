"""TOML text -> document: ``rtoml`` when it is installed and the text is plain TOML 1.0,
``tomllib`` for everything else.

``rtoml`` (Rust) parses a large calendar five to ten times faster than ``tomllib``, but it
reads TOML 1.1, a superset of the TOML 1.0 that ``tomllib`` (and so diplocal) accepts, and it
returns offset date-times with a ``tzinfo`` class of its own that cannot be pickled. So:

- text that could use a TOML 1.1 extension (an inline table, the ``\\e``/``\\x`` escapes, a
  time without seconds), holds a byte-order mark (rtoml skips it) or has CRLF line ends
  and a multi-line string (rtoml keeps the CR in the string) goes to ``tomllib``.
  The checks are blunt on purpose: a false alarm only costs speed, a missed one would
  accept a file ``tomllib`` rejects;
- ``rtoml``'s offsets become ``datetime.timezone``, as ``tomllib`` gives them;
- whatever ``rtoml`` rejects is parsed again by ``tomllib``, which decides (it accepts integers
  past 64 bits and deeper nesting than ``rtoml``) and gives the line and column of an error.

So the result, or the exception, is always what ``tomllib.loads`` would give, but for one
thing: a dotted key or table header of more than `MAX_KEY_PARTS` parts is refused, with its
place, before tomllib pays for it (its cost grows with their square). The differential
tests in ``tests/test_toml_parse.py`` hold the two parsers to that.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import Any

from tui.core.system.gc_pause import collector_paused

Parse = Callable[[str], dict[str, Any]]

try:
    import rtoml
except ImportError:  # an optional speed-up: diplocal is complete without it
    rtoml = None  # type: ignore[assignment]

# hh:mm without seconds, not an offset: a TOML 1.1 time (or "at 11:00" in a text: harmless).
# Both patterns start at a colon, so the regex engine can skip from one colon to the next.
_SHORT_TIME = re.compile(r":(?<=[^:\d+-]\d\d:)\d\d(?!:\d)")
# An offset date-time ends in Z or +hh:mm / -hh:mm right after its seconds.
_OFFSET = re.compile(r":\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)")


MAX_KEY_PARTS = 64  # parts of one dotted key or table header: far past any real calendar
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_LONG_KEY = re.compile(
    rf"(^|[{{,])[ \t]*\[{{0,2}}[ \t]*(?:{_KEY_PART}[ \t]*\.[ \t]*){{{MAX_KEY_PARTS}}}{_KEY_PART}",
)


def _rtoml_loads(text: str) -> dict[str, Any]:
    assert rtoml is not None
    return rtoml.loads(text)


FAST: Parse | None = _rtoml_loads if rtoml is not None else None


def parser_name() -> str:
    """The parser a plain TOML 1.0 document goes to: "rtoml" or "tomllib"."""
    return "rtoml" if FAST is not None else "tomllib"


def parse(text: str, fast: Parse | None = None) -> dict[str, Any]:
    """Parse TOML 1.0 text exactly as ``tomllib.loads`` does, faster when it can.

    ``fast`` replaces the fast parser (tests pass one to force or refuse it).

    Raises:
        tomllib.TOMLDecodeError: the text is not TOML, or holds a key or table header of
            more than `MAX_KEY_PARTS` parts; the message holds line and column.
        RecursionError: arrays or tables nested too deeply for ``tomllib``.
    """
    fast = fast or FAST
    if fast is None or not _plain_toml_10(text):
        return _tomllib_loads(text)
    try:
        with collector_paused():
            document = fast(text)
    except ValueError:  # rtoml's TomlParsingError; tomllib says where, or that it is fine
        return _tomllib_loads(text)
    # Every offset date-time matches _OFFSET (a string may too): once as many were
    # replaced as there are matches, the rest of the document needs no visit.
    found = len(_OFFSET.findall(text))
    if found:
        _standard_offsets(document, found)
    return document


def _tomllib_loads(text: str) -> dict[str, Any]:
    """``tomllib.loads``, once no key makes it pay quadratically (rtoml is linear)."""
    _check_key_parts(text)
    return tomllib.loads(text)


def _check_key_parts(text: str) -> None:
    """Refuse a dotted key or table header of more than `MAX_KEY_PARTS` parts before
    tomllib pays for it (its cost grows with the square of the parts: 50,000 took a
    minute and 15 GB). Keys stand at a line's start, or after ``{`` or ``,`` in an inline
    table; the check is blunt, and a string holding such a run of dotted words after a
    comma would be refused too, with its place, which no real calendar does."""
    if text.count(".") < MAX_KEY_PARTS:
        return
    # Line by line (a key never spans lines): a pattern tried at every offset of a large
    # text costs seconds; counting dots first leaves the pattern a few lines at most.
    for line, content in enumerate(text.split("\n"), start=1):
        if content.count(".") < MAX_KEY_PARTS:
            continue
        found = _LONG_KEY.search(content)
        if found is not None:
            column = found.start() + len(found.group(1)) + 1
            raise tomllib.TOMLDecodeError(
                f"a key or table header of more than {MAX_KEY_PARTS} dotted parts "
                f"(at line {line}, column {column})"
            )


def _plain_toml_10(text: str) -> bool:
    """False when the text might use something TOML 1.1 added (tomllib must judge it)."""
    return (
        "{" not in text
        and "\ufeff" not in text  # rtoml skips a byte-order mark; TOML does not allow one
        and "\\e" not in text
        and "\\x" not in text
        and _SHORT_TIME.search(text) is None
        # rtoml keeps a CRLF inside a multi-line string; tomllib reads it as "\n"
        and not ("\r" in text and ('"""' in text or "'''" in text))
    )


def _standard_offsets(node: dict[str, Any] | list[Any], budget: int) -> int:
    """Give offset date-times a ``datetime.timezone``, as tomllib does, in place, until
    ``budget`` of them were replaced; returns what is left of the budget."""
    # Replacing a value (never a key) while iterating is safe for dicts and lists.
    items: Iterable[tuple[Any, Any]] = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        kind = type(value)  # rtoml gives plain dict, list and datetime, never subclasses
        if kind is dict or kind is list:
            budget = _standard_offsets(value, budget)
        elif kind is datetime and value.tzinfo is not None:
            node[key] = value.replace(tzinfo=timezone(value.utcoffset()))
            budget -= 1
        if not budget:
            break
    return budget
