"""What a file that changed while diplocal was closed reuses of its last load.

The calendar cache (`cache`) is keyed by the file's bytes: after a `git pull` or a
colleague's save, the new bytes miss it and the whole file would be parsed and checked
again. Beside each calendar entry, the load keeps a small *digests entry* for the file's
place: the digest of the text before the events (the head), and, for each event that was
checked without a problem, the digest of its ``[[events]]`` block's text and its id. It
names the calendar entry that holds those events.

A later load of changed bytes finds the digests entry by the file's place, and when the
head is the same, takes each block whose text has the same digest as the event it was,
from that calendar entry: only the blocks whose text changed are parsed and checked again
(`reparse`, and `validate`'s checked events, as a live reload does). Everything that looks
across events (duplicate ids, overlaps, the order) runs in full.

The entry is trusted as the calendar cache is: read through `cache.read_entry` (ours,
private, regular, within the size limit), JSON under a SHA-256 header, every value
checked, the events taken from a calendar entry that was itself checked when read. Any
entry that is not exactly so is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, BinaryIO

from tui.core.loading import cache
from tui.core.loading.cache_format import CacheFormatError, write_under_header
from tui.core.loading.reparse import Parsed
from tui.core.loading.validate import CheckedEvents
from tui.core.model import Event

FORMAT = "diplocal-event-digests/1"
DIGEST_SIZE = 16  # bytes: reparse's blake2b digests
SLICE = 10_000  # digests or ids written at a time


@dataclass(frozen=True, slots=True)
class Reusable:
    """The events of a file's last load, by their block's digest, valid with ``head``."""

    head: bytes
    events: dict[bytes, Event]


def _name(file: str) -> str:
    """The digests entry's name for the file at ``file``: its place and this program."""
    place = os.path.realpath(file)
    return hashlib.sha256(f"{place}|{cache.key_for(b'')}".encode()).hexdigest()


def store(
    file: str, key: str, head: bytes, pairs: list[tuple[bytes, str]], notice: cache.Notice | None
) -> None:
    """Keep, for ``file``, the (block digest, event id) ``pairs`` of the calendar entry
    ``key``, valid while the text before the events has the digest ``head``."""
    write = partial(_write, key=key, head=head, pairs=pairs)
    cache.write_entry(f"{_name(file)}{cache.DIGESTS_SUFFIX}", write, notice)


def _write(stream: BinaryIO, key: str, head: bytes, pairs: list[tuple[bytes, str]]) -> None:
    """The JSON of {"key", "head", "digests", "ids"} under its header, written a slice of
    each list at a time: whole, the text and its lists were 17 MB at 100,000 events."""
    write_under_header(stream, _header, _parts(key, head, pairs))


def _parts(key: str, head: bytes, pairs: list[tuple[bytes, str]]) -> Iterator[bytes]:
    yield _json({"key": key, "head": head.hex()})[:-1]  # the object is not closed yet
    for name, column in (("digests", 0), ("ids", 1)):
        yield f',"{name}":['.encode()
        for n in range(0, len(pairs), SLICE):
            values = [pair[column] for pair in pairs[n : n + SLICE]]
            texts = [v.hex() if isinstance(v, bytes) else v for v in values]
            yield (b"," if n else b"") + _json(texts)[1:-1]  # the items, without brackets
        yield b"]"
    yield b"}"


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _header(digest: hashlib._Hash) -> bytes:
    return f"{FORMAT} {digest.hexdigest()}\n".encode()


def load(file: str, head_now: bytes, notice: cache.Notice | None) -> Reusable | None:
    """What the last load of ``file`` left to reuse now that the text before its events
    has the digest ``head_now`` (`reparse.head_digest`), or None (also when that text
    changed: then nothing is, and nothing more is read)."""
    found = cache.read_entry(f"{_name(file)}{cache.DIGESTS_SUFFIX}", _decoded, notice)
    if found is None:
        return None
    key, head, ids = found
    if head != head_now:
        return None
    cached = cache.load(key, file, notice)  # checked as every calendar entry is
    if cached is None:
        return None
    by_id = {event.id: event for event in cached[0].events}
    try:
        return Reusable(head, {digest: by_id[event_id] for digest, event_id in ids.items()})
    except KeyError:  # an id the calendar entry does not have: not what we wrote
        return None


def _decoded(stream: BinaryIO) -> tuple[str, bytes, dict[bytes, str]]:
    data = stream.read()
    end = data.find(b"\n")
    payload = data[end + 1 :]
    if end < 0 or data[: end + 1] != _header(hashlib.sha256(payload)):
        raise CacheFormatError("another format, or damaged")
    document = json.loads(payload)
    if not isinstance(document, dict) or set(document) != {"key", "head", "digests", "ids"}:
        raise CacheFormatError("not a digests entry")
    key = document["key"]
    if not isinstance(key, str) or not cache.is_key(key):
        raise CacheFormatError("not a cache key")
    head = _digest(document["head"])
    digests, ids = document["digests"], document["ids"]
    if not isinstance(digests, list) or not isinstance(ids, list) or len(digests) != len(ids):
        raise CacheFormatError("digests and ids do not pair")
    if not all(isinstance(event_id, str) for event_id in ids) or len(set(ids)) != len(ids):
        raise CacheFormatError("ids that are not distinct texts")
    paired = dict(zip(map(_digest, digests), ids, strict=True))
    if len(paired) != len(ids):
        raise CacheFormatError("a digest given twice")
    return key, head, paired


def _digest(value: Any) -> bytes:
    if not isinstance(value, str) or len(value) != 2 * DIGEST_SIZE:
        raise CacheFormatError("not a digest")
    return bytes.fromhex(value)


def previous_load(
    head_now: bytes, reusable: Reusable | None
) -> tuple[Parsed | None, CheckedEvents]:
    """What `parse_blocks` and the checker take from the last load of a file whose text
    before its events now has the digest ``head_now``: nothing unless it is the same.

    A reused block's table is an empty stand-in: `validate` takes the checked event kept
    for that very table and never reads it.
    """
    if reusable is None or head_now != reusable.head:
        return None, {}
    stand_ins: dict[bytes, dict[str, Any]] = {digest: {} for digest in reusable.events}
    checked = {id(table): (table, reusable.events[d]) for d, table in stand_ins.items()}
    return Parsed({}, stand_ins, reusable.head), checked


def pairs_of(parsed: Parsed, checked: CheckedEvents) -> list[tuple[bytes, str]]:
    """(block digest, event id) of each event that this load checked without a problem."""
    pairs = []
    for digest, table in parsed.blocks.items():
        known = checked.get(id(table))
        if known is not None and known[0] is table:
            pairs.append((digest, known[1].id))
    return pairs
