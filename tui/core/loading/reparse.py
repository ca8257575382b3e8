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

The cuts are made in the file's bytes and each piece is decoded alone (`parse_blocks`), so
a large calendar's whole text is never held (86.5 MB at 100,000 events with Cyrillic
titles, twice its bytes): ``\n[[events]]`` is ASCII, so a cut never splits a UTF-8
character, and a piece's bytes are its text's UTF-8, so its digest is that of its text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tui.core.system.gc_pause import collector_paused
from tui.core.toml import parse as toml_parse

BLOCK_START = b"\n[[events]]"
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
    # "surrogatepass": a text no file can hold fails its pieces' decoding, and goes whole.
    parsed = parse_blocks(text.encode("utf-8", "surrogatepass"), previous, parse)
    return parsed if parsed is not None else Parsed(parse(text))


def parse_blocks(
    data: bytes,
    previous: Parsed | None = None,
    parse: Callable[[str], dict[str, Any]] = toml_parse.parse,
    start: int = 0,
) -> Parsed | None:
    """The document of the UTF-8 text ``data[start:]``, parsed piece by piece from the
    bytes (each piece decoded alone), reusing ``previous``'s unchanged blocks; None when a
    piece is not UTF-8, not TOML, or not what it seems: the whole text must then be parsed,
    which gives its document or its located error."""
    with collector_paused():
        streamed = stream_blocks(data, previous, parse, start)
        if streamed is None:
            return None
        document, blocks = streamed
        try:
            events = list(blocks)
        except BlocksNotClean:
            return None
    if events:
        document["events"] = events
    return Parsed(
        document, dict(zip(blocks.digests, events, strict=True)), head_digest(data, start)
    )


class BlocksNotClean(Exception):
    """A block of `EventBlocks` is not UTF-8, not TOML, or not one event: the whole text
    must be parsed, which gives its document or its located error."""


class EventBlocks:
    """The tables of a file's ``[[events]]`` blocks, each parsed from the bytes when it is
    reached and held by no one once the next is: a cold load checks them as they come, so
    that rtoml's whole document (1.6 kB an event) is never held. Iterated once.

    Raises (while iterated):
        BlocksNotClean: as `parse_blocks` returns None.
    """

    def __init__(
        self,
        data: bytes,
        start: int,
        known: dict[Digest, dict[str, Any]],
        parse: Callable[[str], dict[str, Any]],
    ) -> None:
        self._data, self._start, self._known, self._parse = data, start, known, parse
        self._count = data.count(BLOCK_START, start) + data.startswith(HEADER, start)
        self.digests: list[Digest] = []  # of the blocks reached so far, in order

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        view = memoryview(self._data)
        cuts = _cuts(self._data, self._start)
        at = next(cuts)
        for end in cuts:
            # Each piece is parsed as the exact slice of the text it is, with the newline
            # that the cut took from its end (a CRLF file's pieces end in "\r\n"): never
            # with a newline the text does not have, which would make a final bare "\r"
            # valid. The last piece ends where the text does.
            piece = view[at:end]
            at = end
            digest = _digest(piece)
            table = self._known.get(digest)
            if table is None:
                try:
                    table = _one_event(self._parse(str(piece, "utf-8")))
                except (_NotClean, ValueError, RecursionError):  # as in `parse_blocks`
                    raise BlocksNotClean from None
            self.digests.append(digest)
            yield table


def stream_blocks(
    data: bytes,
    previous: Parsed | None = None,
    parse: Callable[[str], dict[str, Any]] = toml_parse.parse,
    start: int = 0,
) -> tuple[dict[str, Any], EventBlocks] | None:
    """The document of the text before the first block, with its ``events`` (when there is
    a block) the `EventBlocks` still to parse, and those blocks; None when that text is not
    UTF-8, not TOML, or holds events (as `parse_blocks`)."""
    view = memoryview(data)
    first = next(_cuts(data, start))
    # Parsed with the newline the cut took ("\n" alone when the text starts with a block);
    # its digest (`head_digest`) is of its text without it.
    try:
        document = parse(str(view[start:first], "utf-8") if first > start else "\n")
    except (ValueError, RecursionError):
        return None
    if "events" in document:
        return None
    blocks = EventBlocks(data, start, previous.blocks if previous is not None else {}, parse)
    if len(blocks):
        document["events"] = blocks
    return document, blocks


def holds_blocks(data: bytes, start: int = 0) -> bool:
    """Whether ``data[start:]`` has an ``[[events]]`` line to cut before."""
    return next(_cuts(data, start)) <= len(data)


def head_digest(data: bytes, start: int = 0) -> Digest:
    """The digest `parse_blocks` gives the text before the first ``[[events]]`` block."""
    first = next(_cuts(data, start))
    return _digest(memoryview(data)[start : max(first - 1, start)])


def _cuts(data: bytes, start: int) -> Iterator[int]:
    """Where each ``[[events]]`` header that ``data[start:]`` is cut before starts, then
    ``len(data) + 1``: the cuts of ``(b"\n" + data[start:]).split(BLOCK_START)``, found
    one at a time (a large calendar's pieces, all at once, were a sixth of its load's
    peak)."""
    at = start if data.startswith(HEADER, start) else _next_header(data, start)
    while at is not None:
        yield at
        at = _next_header(data, at + len(HEADER))
    yield len(data) + 1


def _next_header(data: bytes, start: int) -> int | None:
    found = data.find(BLOCK_START, start)
    return None if found < 0 else found + 1


def _one_event(piece: dict[str, Any]) -> dict[str, Any]:
    """The table of a block that holds exactly one event and nothing else."""
    events = piece.get("events")
    if len(piece) != 1 or not isinstance(events, list) or len(events) != 1:
        raise _NotClean
    table = events[0]
    if not isinstance(table, dict):
        raise _NotClean
    return table


def _digest(data: bytes | memoryview) -> Digest:
    """The digest of a piece by its bytes: that of its text's UTF-8, as ever (entries kept
    by earlier versions still match)."""
    return hashlib.blake2b(data, digest_size=16).digest()
