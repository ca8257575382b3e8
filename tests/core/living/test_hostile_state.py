"""The state folder against planted links, FIFOs, huge files and calendars sharing an id."""

from __future__ import annotations

import io
import os
import stat
import tracemalloc
from pathlib import Path

import icalendar
import pytest

from tests.conftest import BASE, WriteCalendar
from tui.cli import main
from tui.core.living.baseline import (
    baseline_path,
    load_revisions,
    revisions_path,
    save_baseline,
    starting_baseline,
)
from tui.core.loading.load import load_calendar
from tui.core.system.places import state_dir

PRECIOUS = b"someone else's file\n"


def export(path: Path) -> bytes:
    out = io.StringIO()
    assert main(["export", str(path)], out, io.StringIO()) == 0
    return out.getvalue().encode()


def sequences(data: bytes) -> dict[str, int]:
    parsed = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in parsed.walk("VEVENT")}


def precious(tmp_path: Path) -> Path:
    target = tmp_path / "precious.txt"
    target.write_bytes(PRECIOUS)
    target.chmod(0o644)
    return target


def state_of(path: Path) -> tuple[Path, Path]:
    calendar = load_calendar(path).calendar
    kept, revisions = (
        baseline_path(calendar.id, source=path),
        revisions_path(calendar.id, source=path),
    )
    assert kept is not None and revisions is not None
    kept.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return kept, revisions


def test_a_link_planted_as_the_baseline_is_replaced_not_followed(
    tmp_path: Path, write_calendar: WriteCalendar
) -> None:
    path = write_calendar()
    target = precious(tmp_path)
    kept, _ = state_of(path)
    kept.symlink_to(target)
    calendar = load_calendar(path).calendar
    assert starting_baseline(calendar, path) is None  # the link is no baseline
    assert target.read_bytes() == PRECIOUS
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert not kept.is_symlink() and kept.read_bytes() == BASE.encode()


def test_a_link_planted_as_the_revisions_is_replaced_not_followed(
    tmp_path: Path, write_calendar: WriteCalendar
) -> None:
    path = write_calendar()
    target = precious(tmp_path)
    _, revisions = state_of(path)
    revisions.symlink_to(target)
    export(path)
    assert target.read_bytes() == PRECIOUS
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert not revisions.is_symlink()


def test_a_state_folder_that_is_a_link_is_not_used(
    tmp_path: Path, write_calendar: WriteCalendar
) -> None:
    folder = state_dir()
    assert folder is not None
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(elsewhere)
    path = write_calendar()
    assert save_baseline("test-summit", BASE.encode(), source=path) is False
    export(path)
    assert list(elsewhere.iterdir()) == []
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755


def test_a_state_folder_others_may_write_is_not_used(write_calendar: WriteCalendar) -> None:
    folder = state_dir()
    assert folder is not None
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert save_baseline("test-summit", BASE.encode(), source=write_calendar()) is False
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("which", ["baseline", "revisions"])
def test_a_fifo_in_the_state_folder_never_blocks(which: str, write_calendar: WriteCalendar) -> None:
    path = write_calendar()
    kept, revisions = state_of(path)
    os.mkfifo(kept if which == "baseline" else revisions)
    calendar = load_calendar(path).calendar
    starting_baseline(calendar, path)  # a blocking open of the FIFO would wait forever
    assert set(sequences(export(path)).values()) == {0}


def test_a_huge_revisions_file_is_not_read_whole(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPLOCAL_MAX_MB", "1")
    path = write_calendar()
    _, revisions = state_of(path)
    with revisions.open("wb") as stream:
        stream.truncate(20_000_000)  # sparse: no disk, 20 MB if read whole
    tracemalloc.start()
    try:
        assert load_revisions("test-summit", source=path) == {}
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_two_calendars_with_one_id_keep_apart(
    tmp_path: Path, write_calendar: WriteCalendar
) -> None:
    first = write_calendar(name="first.toml")
    second = write_calendar(name="second.toml")
    assert load_calendar(first).calendar.id == load_calendar(second).calendar.id
    assert baseline_path("test-summit", source=first) != baseline_path("test-summit", source=second)
    export(first)
    export(second)
    # Only the first is edited: its SEQUENCE goes up, the second's does not.
    first.write_text(BASE.replace('title = "Talks"', 'title = "Moved talks"'), encoding="utf-8")
    assert sequences(export(first))["talks@test-summit"] == 1
    assert sequences(export(second))["talks@test-summit"] == 0
    # A link to the first is the first: same real path, same state.
    link = tmp_path / "link.toml"
    link.symlink_to(first)
    assert baseline_path("test-summit", source=link) == baseline_path("test-summit", source=first)
