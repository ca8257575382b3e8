"""The calendar cache: used when the bytes are the same, bypassed when anything is off."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BASE, WriteCalendar
from tui.core import cache, load
from tui.core.load import load_calendar

EXTRA = """
[[events]]
id = "e{n}"
title = "Event {n}"
start = 2025-11-{day:02d}T{hour:02d}:00:00
participants = ["rahmon"]
description = "{padding}"
"""


def big_calendar(overlap: bool = False) -> str:
    """A valid calendar over the cache's size threshold."""
    parts = [BASE]
    for n in range(600):
        parts.append(EXTRA.format(n=n, day=n // 20 + 1, hour=n % 20, padding="x" * 400))
    if overlap:
        parts.append(EXTRA.format(n=999, day=1, hour=0, padding="clash"))
    text = "".join(parts)
    assert len(text.encode()) > cache.MIN_SIZE
    return text


def refuse_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(load, "parse_toml", fail)


def test_second_load_comes_from_the_cache(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    path = write_calendar(big_calendar())
    first = load_calendar(path)
    assert len(list((private_cache / "diplocal").glob("*.pickle"))) == 1
    refuse_to_parse(monkeypatch)
    second = load_calendar(path)
    assert second.calendar == first.calendar
    assert second.calendar.events[0].start.tzinfo is first.calendar.events[0].start.tzinfo


def test_warnings_come_back_with_the_current_file_name(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = big_calendar(overlap=True)
    first = load_calendar(write_calendar(text, "a.toml"))
    assert len(first.warnings) == 1
    refuse_to_parse(monkeypatch)
    moved = write_calendar(text, "b.toml")
    (warning,) = load_calendar(moved).warnings
    assert warning.file == str(moved)
    assert (warning.line, warning.column) == (first.warnings[0].line, first.warnings[0].column)


def test_an_edit_misses_the_cache(write_calendar: WriteCalendar) -> None:
    path = write_calendar(big_calendar())
    load_calendar(path)
    path.write_text(big_calendar().replace('"Event 7"', '"Event seven"'))
    titles = [e.title for e in load_calendar(path).calendar.events]
    assert "Event seven" in titles


def test_a_broken_cache_file_is_ignored(write_calendar: WriteCalendar, private_cache: Path) -> None:
    path = write_calendar(big_calendar())
    expected = load_calendar(path).calendar
    (pickled,) = (private_cache / "diplocal").glob("*.pickle")
    pickled.write_bytes(b"not a pickle")
    assert load_calendar(path).calendar == expected


def test_an_unwritable_cache_is_skipped(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(load_calendar(write_calendar(big_calendar())).calendar.events) == 602


def test_small_files_and_the_switch_bypass_it(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    load_calendar(write_calendar())
    monkeypatch.setenv("DIPLOCAL_NO_CACHE", "1")
    load_calendar(write_calendar(big_calendar(), "big.toml"))
    assert not (private_cache / "diplocal").exists()


def test_only_the_newest_are_kept(write_calendar: WriteCalendar, private_cache: Path) -> None:
    for n in range(cache.KEEP + 2):
        load_calendar(write_calendar(big_calendar() + f"\n# version {n}\n", f"c{n}.toml"))
    assert len(list((private_cache / "diplocal").glob("*.pickle"))) == cache.KEEP


def test_errors_are_never_cached(write_calendar: WriteCalendar, private_cache: Path) -> None:
    path = write_calendar(big_calendar().replace('host = "TJ"', 'host = "XX"'))
    with pytest.raises(load.CalendarError):
        load_calendar(path)
    assert not list((private_cache / "diplocal").glob("*.pickle"))


def test_a_slow_first_load_says_so(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "SLOW_SIZE", cache.MIN_SIZE)
    path = write_calendar(big_calendar())
    said: list[str] = []
    load_calendar(path, on_slow_load=said.append)
    assert said == [f"{path}: reading 0 MB, about 0 s; later opens use a cache"]
    load_calendar(path, on_slow_load=said.append)  # from the cache: nothing to say
    assert len(said) == 1
