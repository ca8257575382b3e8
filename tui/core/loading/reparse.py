"""Parsing a calendar again after an edit, reusing what did not change.

A calendar is a head (``[calendar]``, ``[countries.*]``, ``[participants.*]``) and then one
``[[events]]`` block per event. After one event is edited, every other block has the same
bytes as before, so its parsed table can be reused. The text is cut before each line that
starts with ``[[events]]``; the head and every block are parsed alone (blocks already seen
are looked up by a digest of their text) and put back together.

That is only the document ``tomllib`` would give for the whole text when the pieces are
what they seem, so each piece must prove it:

- the head parsed alone has no ``events`` key;
- each block parsed alone is exactly ``{"events": [one table]}`` (a second ``[[events]]``
  spelled differently, or a table such as ``[countries.XX]`` after the events, fails this);
- a cut inside a multi-line string leaves the piece before it unterminated, so that piece
  fails to parse.

If any piece fails, the whole text is parsed in one go, which also gives the located
error. Pieces are parsed by ``toml_parse.parse``, so each is exactly tomllib's answer.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tui.core.system.gc_pause import collector_paused
from tui.core.toml import parse as toml_parse

BLOCK_START = "\n[[events]]"
HEADER = BLOCK_START[1:]

Digest = bytes


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed document, and the tables of its ``[[events]]`` blocks by their text's digest.

    The block tables are shared with ``document`` and with later parses: nothing may change
    them (validation only reads them).
    """

    document: dict[str, Any]
    blocks: dict[Digest, dict[str, Any]] = field(default_factory=dict)
    # The digest of the text before the first block (b"" when parsed whole): while it is
    # the same, so are the calendar, countries and participants every event is checked with.
    head: Digest = b""


class _NotClean(Exception):
    """A piece is not what it seems: parse the whole text instead."""


def parse_reusing(
    text: str,
    previous: Parsed | None = None,
    parse: Callable[[str], dict[str, Any]] = toml_parse.parse,
) -> Parsed:
    """Parse ``text`` as ``tomllib.loads`` would, reusing ``previous``'s unchanged blocks.

    Raises:
        tomllib.TOMLDecodeError: the text is not TOML; the message holds line and column.
        RecursionError: arrays or tables nested too deeply for ``tomllib``.
    """
    known = previous.blocks if previous is not None else {}
    with collector_paused():
        try:
            return _by_pieces(text, known, parse)
        except (_NotClean, tomllib.TOMLDecodeError, RecursionError):
            pass
    return Parsed(parse(text))


def head_digest(text: str) -> Digest:
    """The digest ``parse_reusing`` gives the text before the first ``[[events]]`` block."""
    return _digest(("\n" + text).split(BLOCK_START, 1)[0][1:])


def _cuts(text: str) -> Iterator[int]:
    """Where each ``[[events]]`` header that the text is cut before starts, then
    ``len(text) + 1``: the cuts of ``("\n" + text).split(BLOCK_START)``, found one at a
    time (a large calendar's pieces, all at once, were a sixth of its load's peak)."""
    at = 0 if text.startswith(HEADER) else _next_header(text, 0)
    while at is not None:
        yield at
        at = _next_header(text, at + len(HEADER))
    yield len(text) + 1


def _next_header(text: str, start: int) -> int | None:
    found = text.find(BLOCK_START, start)
    return None if found < 0 else found + 1


def _by_pieces(
    text: str, known: dict[Digest, dict[str, Any]], parse: Callable[[str], dict[str, Any]]
) -> Parsed:
    # Each piece is parsed as the exact slice of the text it is, with the newline that the
    # cut took from its end (a CRLF file's pieces end in "\r"): never with a newline the
    # text does not have, which would make a final bare "\r" valid.
    cuts = _cuts(text)
    first = next(cuts)
    head = text[: max(first - 1, 0)]
    document = parse(head + "\n" if first <= len(text) else head)
    if "events" in document:
        raise _NotClean
    blocks: dict[Digest, dict[str, Any]] = {}
    events = []
    start = first
    for end in cuts:
        piece = text[start : end - 1] + "\n" if end <= len(text) else text[start:]
        start = end
        digest = _digest(piece)
        table = known.get(digest)
        if table is None:
            table = _one_event(parse(piece))
        blocks[digest] = table
        events.append(table)
    if events:
        document["events"] = events
    return Parsed(document, blocks, _digest(head))


def _one_event(piece: dict[str, Any]) -> dict[str, Any]:
    """The table of a block that holds exactly one event and nothing else."""
    events = piece.get("events")
    if len(piece) != 1 or not isinstance(events, list) or len(events) != 1:
        raise _NotClean
    table = events[0]
    if not isinstance(table, dict):
        raise _NotClean
    return table


def _digest(text: str) -> Digest:
    return hashlib.blake2b(text.encode(), digest_size=16).digest()
