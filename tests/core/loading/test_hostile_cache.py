"""Cache entries that are not what we wrote: a folder, a link, a FIFO, or well-typed JSON
under a recomputed header that no valid calendar could give. Each is a miss, never a
traceback, a hang or a write elsewhere."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WriteCalendar
from tests.core.loading.test_cache import big_calendar, entry_for
from tui.cli import main
from tui.core.loading import cache_format
from tui.core.loading.load import load_calendar

PRECIOUS = b"someone else's file\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cached(write_calendar: WriteCalendar, private_cache: Path) -> tuple[Path, Path]:
    """A calendar big enough to be cached, and its entry (written by a first load)."""
    path = write_calendar(big_calendar())
    load_calendar(path)
    entry = entry_for(path, private_cache)
    assert entry.is_file()
    return path, entry


def test_a_folder_in_place_of_an_entry_is_a_miss(cached: tuple[Path, Path]) -> None:
    path, entry = cached
    entry.unlink()
    entry.mkdir()
    code, out, err = run("check", str(path))
    assert code == 0, err
    assert "602 events" in out


def test_a_fifo_in_place_of_an_entry_never_blocks(cached: tuple[Path, Path]) -> None:
    path, entry = cached
    entry.unlink()
    os.mkfifo(entry)
    code, out, err = run("check", str(path))
    assert code == 0, err
    assert "602 events" in out


def test_a_link_planted_as_an_entry_is_not_written_through(
    cached: tuple[Path, Path], tmp_path: Path
) -> None:
    path, entry = cached
    target = tmp_path / "precious.txt"
    target.write_bytes(PRECIOUS)
    entry.unlink()
    entry.symlink_to(target)
    code, _, err = run("check", str(path))
    assert code == 0, err
    assert target.read_bytes() == PRECIOUS
    assert not entry.is_symlink()  # replaced by a real entry of ours


def entry_document(entry: Path) -> dict[str, Any]:
    """An entry's lines as one document: its head, with the chunks' event columns joined."""
    _, head, *lines = entry.read_bytes().splitlines()
    document = json.loads(head)
    chunks = [json.loads(line) for line in lines]
    assert len(chunks) == document.pop("chunks") >= 1
    columns = {name: [v for c in chunks for v in c[name]] for name in chunks[0]}
    document["events"] = columns
    return document


def write_document(entry: Path, document: dict[str, Any]) -> None:
    """Write ``document`` (see `entry_document`) as an entry, its header recomputed as
    anyone could."""
    events = document.pop("events")
    with entry.open("wb") as stream:
        cache_format.write_lines(stream, document, 1, [events])


DAMAGE: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown country of a participant": lambda d: d["participants"][0].__setitem__(2, "ZZ"),
    "unknown participant": lambda d: d["events"]["participants"][0].append("nobody"),
    "a participant twice": lambda d: d["events"]["participants"][1].append("putin"),
    "unknown host": lambda d: d["events"]["host"].__setitem__(0, "ZZ"),
    "year 1": lambda d: d["events"]["start"].__setitem__(0, "0001-01-01T00:30:00"),
    "end before start": lambda d: d["events"]["end"].__setitem__(0, "2025-10-09T10:00:00"),
    "unknown zone": lambda d: d["events"]["timezone"].__setitem__(0, "Mars/Olympus"),
    "two events, one id": lambda d: d["events"]["id"].__setitem__(1, "talks"),
    "country under another code": lambda d: d["countries"][0].__setitem__(0, "ZZ"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_an_inconsistent_entry_with_a_good_header_is_a_miss(
    damage: str, cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, entry = cached
    document = entry_document(entry)
    DAMAGE[damage](document)
    write_document(entry, document)
    for command in (["check"], ["agenda", "--tz", "UTC"], ["export"]):
        code, _, err = run(*command, str(path))
        assert code == 0, err
    # What the file says, not what the entry said.
    from_cache_or_file = load_calendar(path).calendar
    monkeypatch.setenv("DIPLOCAL_NO_CACHE", "1")
    assert from_cache_or_file == load_calendar(path).calendar
