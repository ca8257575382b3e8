"""Writing a calendar entry as it is made: a chunk's line at a time, the header last, and
still all or nothing (the temporary file is renamed only once it is whole)."""

from __future__ import annotations

import errno
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WriteCalendar
from tests.core.loading.test_cache import big_calendar, calendar_entries
from tui.core.loading import cache, cache_events, cache_format
from tui.core.loading.load import load_bytes, load_calendar
from tui.core.system import files

# The SHA-256 of the entry of `big_calendar(overlap=True)` (one warning) in lines of 97
# events, as format 4 was written when each entry was built whole before being written.
# A change here is a change of format: bump `cache_format.FORMAT` with it.
FORMAT_4_ENTRY = "5640e69c5235c3cc4955cbaf0f75cc32fd4c0ade83c6a1de46347cc75de132c6"


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(files.TEMP_SUFFIX)]


@pytest.fixture
def chunks_of_97(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_format, "CHUNK", 97)


def test_the_streamed_entry_is_byte_for_byte_the_whole_one(
    chunks_of_97: None, write_calendar: WriteCalendar, private_cache: Path
) -> None:
    path = write_calendar(big_calendar(overlap=True))
    load_calendar(path)  # cold: stored
    (entry,) = calendar_entries(private_cache)
    data = entry.read_bytes()
    assert hashlib.sha256(data).hexdigest() == FORMAT_4_ENTRY
    header, rest = data.split(b"\n", 1)
    assert header.decode() == f"{cache_format.FORMAT} {hashlib.sha256(rest).hexdigest()}"


def test_each_chunk_is_written_before_the_next_is_made(
    chunks_of_97: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_bytes(big_calendar().encode(), "cal.toml")
    stream = io.BytesIO()
    lines_written: list[int] = []
    make_columns = cache_format._columns

    def columns(events: Any) -> dict[str, list[Any]]:
        lines_written.append(stream.getvalue().count(b"\n"))
        return make_columns(events)

    monkeypatch.setattr(cache_format, "_columns", columns)
    cache_format.write(stream, loaded.calendar, loaded.warnings)
    # When chunk n is made, the header's stand-in, the head and the n chunks before it
    # are already written (and let go).
    assert lines_written == [2 + n for n in range(len(lines_written))]
    assert len(lines_written) > 2
    assert cache_format.decode(stream.getvalue(), "cal.toml")[0] == loaded.calendar


def test_a_write_cut_short_leaves_no_entry_and_the_last_one_whole(
    chunks_of_97: None,
    write_calendar: WriteCalendar,
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_calendar(big_calendar())
    loaded = load_calendar(path)
    (entry,) = calendar_entries(private_cache)
    before = entry.read_bytes()
    key = entry.name.removesuffix(cache.SUFFIX)
    make_columns = cache_format._columns
    made: list[int] = []

    def full_disk(events: Any) -> dict[str, list[Any]]:
        made.append(len(events))
        if len(made) == 3:  # two chunks are in the temporary file already
            raise OSError(errno.ENOSPC, "no space left on device")
        return make_columns(events)

    monkeypatch.setattr(cache_format, "_columns", full_disk)
    cache.store(key, loaded.calendar, [], None)  # a full disk is no error: skipped
    assert entry.read_bytes() == before
    entry.unlink()
    made.clear()
    cache.store(key, loaded.calendar, [], None)
    assert len(made) == 3
    assert calendar_entries(private_cache) == []
    assert leftovers(private_cache / "diplocal") == []


def test_chunks_that_are_not_the_announced_count_are_refused() -> None:
    with pytest.raises(ValueError, match="1 chunks written, 2 announced"):
        cache_format.write_lines(io.BytesIO(), {}, 2, [{}])


def test_a_writer_that_fails_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_bytes(b"old")

    def failing(stream: Any) -> None:
        stream.write(b"half of it")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        files.write_own(target, failing)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_writer_may_write_its_header_last(tmp_path: Path) -> None:
    target = tmp_path / "entry"
    real = tmp_path / "real"
    real.write_bytes(b"precious")
    target.symlink_to(real)  # planted: replaced, never written through

    def header_last(stream: Any) -> None:
        stream.write(b"....\nbody\n")
        stream.seek(0)
        stream.write(b"head")
        stream.seek(0, io.SEEK_END)

    files.write_own(target, header_last, 0o600)
    assert target.read_bytes() == b"head\nbody\n"
    assert not target.is_symlink() and (target.stat().st_mode & 0o777) == 0o600
    assert real.read_bytes() == b"precious"


@pytest.mark.parametrize("count", [0, 1, 7, 23])
def test_the_digests_entry_is_written_in_slices_as_one_json_document(
    count: int, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_events, "SLICE", 7)
    pairs = [(bytes([n]) * cache_events.DIGEST_SIZE, f"évent-{n}") for n in range(count)]
    key, head = "a" * 64, b"\x01" * cache_events.DIGEST_SIZE
    cache_events.store("cal.toml", key, head, pairs, None)
    (entry,) = (private_cache / "diplocal").glob(f"*{cache.DIGESTS_SUFFIX}")
    document = {
        "key": key,
        "head": head.hex(),
        "digests": [digest.hex() for digest, _ in pairs],
        "ids": [event_id for _, event_id in pairs],
    }
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    header = f"{cache_events.FORMAT} {hashlib.sha256(payload).hexdigest()}\n".encode()
    assert entry.read_bytes() == header + payload
