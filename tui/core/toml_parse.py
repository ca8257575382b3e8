"""TOML text -> document: ``rtoml`` when it is installed and the text is plain TOML 1.0,
``tomllib`` for everything else.

``rtoml`` (Rust) parses a large calendar five to ten times faster than ``tomllib``, but it
reads TOML 1.1, a superset of the TOML 1.0 that ``tomllib`` (and so diplocal) accepts, and it
returns offset date-times with a ``tzinfo`` class of its own that cannot be pickled. So:

- text that could use a TOML 1.1 extension (an inline table, the ``\\e``/``\\x`` escapes, a
  time without seconds) or holds a byte-order mark (rtoml skips it) goes to ``tomllib``.
  The checks are blunt on purpose: a false alarm only costs speed, a missed one would
  accept a file ``tomllib`` rejects;
- ``rtoml``'s offsets become ``datetime.timezone``, as ``tomllib`` gives them;
- whatever ``rtoml`` rejects is parsed again by ``tomllib``, which decides (it accepts integers
  past 64 bits and deeper nesting than ``rtoml``) and gives the line and column of an error.

So the result, or the exception, is always what ``tomllib.loads`` would give. The differential
tests in ``tests/test_toml_parse.py`` hold the two parsers to that.
"""

from __future__ import annotations

import gc
import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

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
        tomllib.TOMLDecodeError: the text is not TOML; the message holds line and column.
        RecursionError: arrays or tables nested too deeply for ``tomllib``.
    """
    fast = fast or FAST
    if fast is None or not _plain_toml_10(text):
        return tomllib.loads(text)
    try:
        with _collector_paused():
            document = fast(text)
    except ValueError:  # rtoml's TomlParsingError; tomllib says where, or that it is fine
        return tomllib.loads(text)
    if _OFFSET.search(text):
        _standard_offsets(document)
    return document


def _plain_toml_10(text: str) -> bool:
    """False when the text might use something TOML 1.1 added (tomllib must judge it)."""
    return (
        "{" not in text
        and "\ufeff" not in text  # rtoml skips a byte-order mark; TOML does not allow one
        and "\\e" not in text
        and "\\x" not in text
        and _SHORT_TIME.search(text) is None
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a parse makes millions of objects and no cycles,
    and the collections it would trigger take about half of rtoml's time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _standard_offsets(node: object) -> None:
    """Give every offset date-time a ``datetime.timezone``, as tomllib does, in place."""
    items: Iterator[tuple[Any, object]]
    if isinstance(node, dict):
        items = iter(node.items())
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in list(items):
        if isinstance(value, datetime) and value.tzinfo is not None:
            offset = value.utcoffset()
            assert offset is not None
            node[key] = value.replace(tzinfo=timezone(offset))
        else:
            _standard_offsets(value)
