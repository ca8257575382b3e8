"""A large calendar whose cached copy reads in a moment is read before the app opens."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import WriteCalendar
from tests.core.loading.test_cache import big_calendar, entry_for
from tui.core.loading.load import load_calendar
from tui.core.loading.quick import load_if_quick


def test_only_a_cached_calendar_is_read_before_the_app(write_calendar: WriteCalendar) -> None:
    path = write_calendar(big_calendar())
    assert load_if_quick(path) is None  # not cached yet: the app's loading screen parses it
    first = load_calendar(path)
    quick = load_if_quick(path)
    assert quick is not None
    assert quick.calendar == first.calendar and quick.warnings == first.warnings


def test_a_long_read_and_a_large_file_stay_with_the_loading_screen(
    write_calendar: WriteCalendar, private_cache: Path
) -> None:
    path = write_calendar(big_calendar())
    load_calendar(path)
    entry = entry_for(path, private_cache).stat().st_size
    file = path.stat().st_size
    assert load_if_quick(path, quick=min(entry, file) - 1) is None
    assert load_if_quick(path, quick=max(entry, file)) is not None


def test_an_untrusted_entry_is_left_for_the_app_to_report(
    write_calendar: WriteCalendar, private_cache: Path
) -> None:
    """Others may write to it: not read here, and not removed (the app's own load says so)."""
    path = write_calendar(big_calendar())
    load_calendar(path)
    entry = entry_for(path, private_cache)
    os.chmod(entry, 0o666)
    assert load_if_quick(path) is None
    assert entry.exists()


def test_a_file_that_cannot_be_read_is_left_for_the_app_to_say(tmp_path: Path) -> None:
    assert load_if_quick(tmp_path / "missing.toml") is None
    os.mkfifo(tmp_path / "fifo.toml")
    assert load_if_quick(tmp_path / "fifo.toml") is None  # refused, never waited on
