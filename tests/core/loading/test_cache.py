"""The calendar cache: used when the bytes are the same, bypassed when anything is off."""

from __future__ import annotations

import os
import pickle
import stat
import time
from dataclasses import fields, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from random import Random

import pytest

from tests.conftest import BASE, WriteCalendar
from tui.core.loading import cache, cache_format, load
from tui.core.loading.load import load_calendar
from tui.core.zones import get_zone

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


def calendar_entries(private_cache: Path) -> list[Path]:
    """The calendar entries in the cache (not the event digests kept beside them)."""
    folder = private_cache / "diplocal"
    return [p for p in folder.glob("*.json") if not p.name.endswith(cache.DIGESTS_SUFFIX)]


def refuse_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(load, "parse_toml", fail)


def test_second_load_comes_from_the_cache(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    path = write_calendar(big_calendar())
    first = load_calendar(path)
    assert len(calendar_entries(private_cache)) == 1
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
    (entry,) = calendar_entries(private_cache)
    entry.write_bytes(b"not a cache entry")
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
    assert len(calendar_entries(private_cache)) == cache.KEEP
    digests = (private_cache / "diplocal").glob(f"*{cache.DIGESTS_SUFFIX}")
    assert len(list(digests)) == cache.KEEP


def test_errors_are_never_cached(write_calendar: WriteCalendar, private_cache: Path) -> None:
    path = write_calendar(big_calendar().replace('host = "TJ"', 'host = "XX"'))
    with pytest.raises(load.CalendarError):
        load_calendar(path)
    assert not list((private_cache / "diplocal").glob("*.json"))


def test_a_slow_first_load_says_so(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "SLOW_SIZE", cache.MIN_SIZE)
    path = write_calendar(big_calendar())
    said: list[str] = []
    load_calendar(path, on_slow_load=said.append)
    assert said == [f"{path}: reading 0 MB, about 1-1 s; if it is valid, later opens use a cache"]
    load_calendar(path, on_slow_load=said.append)  # from the cache: nothing to say
    assert len(said) == 1


# --- hostile places and damaged entries ----------------------------------------------------
def entry_for(path: Path, private_cache: Path) -> Path:
    return private_cache / "diplocal" / f"{cache.key_for(path.read_bytes())}{cache.SUFFIX}"


@pytest.fixture
def fresh_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sees its own 'reported once'."""
    monkeypatch.setattr(cache, "_reported", set())


def test_folder_and_entries_are_private(write_calendar: WriteCalendar, private_cache: Path) -> None:
    path = write_calendar(big_calendar())
    load_calendar(path)
    assert stat.S_IMODE((private_cache / "diplocal").stat().st_mode) == 0o700
    assert stat.S_IMODE(entry_for(path, private_cache).stat().st_mode) == 0o600


def test_an_old_open_folder_of_ours_is_made_private(
    write_calendar: WriteCalendar, private_cache: Path
) -> None:
    (private_cache / "diplocal").mkdir(mode=0o755)
    (private_cache / "diplocal").chmod(0o755)
    load_calendar(write_calendar(big_calendar()))
    assert stat.S_IMODE((private_cache / "diplocal").stat().st_mode) == 0o700


def test_a_pickle_planted_under_the_key_never_runs(
    write_calendar: WriteCalendar, private_cache: Path, tmp_path: Path
) -> None:
    path = write_calendar(big_calendar())
    proof = tmp_path / "payload-ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {proof}",))

    folder = private_cache / "diplocal"
    folder.mkdir(mode=0o700)
    key = cache.key_for(path.read_bytes())
    for suffix in (".pickle", cache.SUFFIX):
        (folder / f"{key}{suffix}").write_bytes(pickle.dumps(Payload()))
    assert len(load_calendar(path).calendar.events) == 602
    assert len(load_calendar(path).calendar.events) == 602
    assert not proof.exists()


def planted(path: Path, private_cache: Path) -> Path:
    """A valid entry for ``path`` that says something else: believed only if trusted."""
    load_calendar(path)
    entry = entry_for(path, private_cache)
    other = load_calendar(path).calendar
    fake = replace(other, title="PLANTED")
    entry.write_bytes(cache_format.encode(fake, []))
    assert load_calendar(path).calendar.title == "PLANTED"  # trusted while it is ours
    return entry


@pytest.mark.usefixtures("fresh_reports")
def test_an_entry_others_may_write_is_ignored_and_reported_once(
    write_calendar: WriteCalendar, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_calendar(big_calendar())
    entry = planted(path, private_cache)
    entry.chmod(0o666)
    monkeypatch.setattr(cache, "store", lambda *_: None)  # keep the planted entry in place
    first = load_calendar(path)
    assert first.calendar.title == "Test summit"
    (notice,) = first.warnings
    assert notice.file == str(entry)
    assert "not used as a cache: others may write to it (mode 0666)" in str(notice)
    assert load_calendar(path).warnings == []  # said once


@pytest.mark.usefixtures("fresh_reports")
@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_an_entry_of_another_user_is_ignored(
    write_calendar: WriteCalendar, private_cache: Path
) -> None:
    path = write_calendar(big_calendar())
    entry = planted(path, private_cache)
    os.chown(entry, 65534, 65534)
    loaded = load_calendar(path)
    assert loaded.calendar.title == "Test summit"
    assert "owned by user 65534, not by you" in str(loaded.warnings[0])
    # Replaced by our own entry, private and ours.
    assert entry.stat().st_uid == os.geteuid()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


@pytest.mark.usefixtures("fresh_reports")
def test_a_folder_others_may_write_is_not_used(
    write_calendar: WriteCalendar, private_cache: Path
) -> None:
    folder = private_cache / "diplocal"
    folder.mkdir()
    folder.chmod(0o777)
    loaded = load_calendar(write_calendar(big_calendar()))
    assert "others may write to it (mode 0777)" in str(loaded.warnings[0])
    assert list(folder.iterdir()) == []


def test_every_corruption_is_a_miss_and_is_removed(
    write_calendar: WriteCalendar, private_cache: Path
) -> None:
    path = write_calendar(big_calendar())
    expected = load_calendar(path).calendar
    entry = entry_for(path, private_cache)
    good = entry.read_bytes()
    random = Random(14)
    for _ in range(60):
        damaged = bytearray(good)
        for _ in range(random.randint(1, 4)):
            damaged[random.randrange(len(damaged))] = random.randrange(256)
        entry.write_bytes(
            bytes(damaged[: random.choice([len(damaged), random.randrange(len(damaged))])])
        )
        assert cache.load(cache.key_for(path.read_bytes()), str(path)) is None
        assert not entry.exists()
    assert load_calendar(path).calendar == expected


@pytest.mark.parametrize("error", [OverflowError, MemoryError, RecursionError])
def test_any_failure_to_decode_is_a_miss(
    error: type[Exception],
    write_calendar: WriteCalendar,
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_calendar(big_calendar())
    load_calendar(path)

    calls: list[object] = []

    def fail(*_: object) -> None:
        calls.append(_)
        raise error

    monkeypatch.setattr(cache_format, "read", fail)
    assert len(load_calendar(path).calendar.events) == 602
    assert calls  # the entry was read, and refused


def test_no_home_folder_skips_the_cache(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", homeless)
    loaded = load_calendar(write_calendar(big_calendar()))
    assert (len(loaded.calendar.events), loaded.warnings) == (602, [])


def test_stale_temporary_files_and_old_formats_are_swept(
    write_calendar: WriteCalendar, private_cache: Path
) -> None:
    folder = private_cache / "diplocal"
    folder.mkdir(mode=0o700)
    key = "ab" * 32
    stale = folder / f".{key}.json.k3j_x9q2.tmp"
    young = folder / f".{key}.json.a8d7f6g5.tmp"
    other = folder / "notes.tmp"
    old_format = folder / f"{key}.pickle"
    for file in (stale, young, other, old_format):
        file.write_bytes(b"")
    hour_ago = time.time() - 3600
    for file in (stale, other):
        os.utime(file, (hour_ago, hour_ago))
    load_calendar(write_calendar(big_calendar()))
    assert sorted(p.name for p in folder.iterdir() if p.suffix != cache.SUFFIX) == sorted(
        [young.name, other.name]
    )


def test_every_kind_of_time_comes_back_as_it_was(write_calendar: WriteCalendar) -> None:
    """Dates, fixed offsets, wall times in a repeated hour (both folds) and in a skipped one."""
    calendar = load_calendar(write_calendar()).calendar
    berlin = get_zone("Europe/Berlin")
    times = [
        (date(2025, 10, 8), date(2025, 10, 10)),
        (datetime(2025, 10, 9, 11, tzinfo=timezone(timedelta(hours=5))), None),
        (datetime(2025, 10, 26, 2, 30, tzinfo=berlin), None),
        (datetime(2025, 10, 26, 2, 30, tzinfo=berlin, fold=1), None),
        (datetime(2025, 3, 30, 2, 30, tzinfo=berlin), None),  # does not exist: kept as written
    ]
    events = tuple(
        replace(calendar.events[0], id=f"e{n}", start=start, end=end or start + timedelta(hours=1))
        for n, (start, end) in enumerate(times)
    )
    original = replace(calendar, events=events)
    decoded, _ = cache_format.decode(cache_format.encode(original, []), "x")
    assert decoded == original
    for before, after in zip(original.events, decoded.events, strict=True):
        for ours, theirs in ((before.start, after.start), (before.end, after.end)):
            assert (ours.isoformat(), getattr(ours, "fold", 0)) == (
                theirs.isoformat(),
                getattr(theirs, "fold", 0),
            )
            assert getattr(ours, "tzinfo", None) is getattr(theirs, "tzinfo", None) or (
                ours.utcoffset() == theirs.utcoffset()  # type: ignore[union-attr]
            )


@pytest.mark.parametrize("cls", list(cache_format.STORED_FIELDS))
def test_the_format_stores_every_field_of_the_model(cls: type) -> None:
    """A field added to the model must be added to the cache format too."""
    assert cache_format.STORED_FIELDS[cls] == tuple(f.name for f in fields(cls))


def test_every_time_form_survives_the_cache_format() -> None:
    """The bundled calendar has estimated ends, parts of day, reports and unknown times."""
    from tui.core.loading import cache_format
    from tui.core.loading.load import bundled_calendar

    calendar = load_calendar(bundled_calendar()).calendar
    assert any(e.part_of_day for e in calendar.events)
    assert any(e.under_way_at for e in calendar.events)
    assert any(e.end_estimated and not e.start_estimated for e in calendar.events)
    decoded, _ = cache_format.decode(cache_format.encode(calendar, []), "x")
    assert decoded == calendar


def test_a_load_can_leave_its_warnings_and_the_cache_write_for_later(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    path = write_calendar(big_calendar(overlap=True))
    monkeypatch.setenv("DIPLOCAL_NO_CACHE", "1")
    whole = load_calendar(path)  # everything at once, as the command line loads
    monkeypatch.delenv("DIPLOCAL_NO_CACHE")
    later: list[load.Finish] = []
    first = load_calendar(path, finish_later=later.append)
    assert first.calendar == whole.calendar
    assert first.warnings == [] and len(later) == 1
    assert not list((private_cache / "diplocal").glob("*.json"))  # not written yet
    warnings = later[0]()
    assert warnings == whole.warnings
    assert any("at the same time" in w.message for w in warnings)
    refuse_to_parse(monkeypatch)
    cached = load_calendar(path)
    assert cached.calendar == whole.calendar and cached.warnings == whole.warnings


def test_an_entry_of_many_chunks_reads_back_the_same_calendar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Events are written and read a chunk (a line) at a time; the places, zones and people
    they name are still one object each across the chunks."""
    from tui.core.loading.load import bundled_calendar

    calendar = load_calendar(bundled_calendar()).calendar
    monkeypatch.setattr(cache_format, "CHUNK", 7)
    data = cache_format.encode(calendar, [])
    assert data.count(b"\n") == 2 + -(-len(calendar.events) // 7)  # header, head, chunks
    decoded, _ = cache_format.decode(data, "x")
    assert decoded == calendar
    hosts = {id(e.host) for e in decoded.events if e.host == decoded.events[0].host}
    people = {id(p) for e in decoded.events for p in e.participants}
    assert len(hosts) == 1
    assert people <= {id(pid) for pid in decoded.participants}
    for damaged in (data.rsplit(b"\n", 2)[0] + b"\n", data + b"\n"):  # a chunk less, a line more
        with pytest.raises(cache_format.CacheFormatError):
            cache_format.decode(damaged, "x")
