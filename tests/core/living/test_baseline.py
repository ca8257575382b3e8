"""The last-seen calendar kept between runs, and SEQUENCE / LAST-MODIFIED for exports."""

from __future__ import annotations

import io
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from tests.conftest import BASE, WriteCalendar
from tui.cli import main
from tui.core.export.ical import to_icalendar
from tui.core.living import baseline
from tui.core.living.baseline import (
    Revision,
    baseline_path,
    export_revisions,
    load_baseline,
    load_revisions,
    revise,
    save_baseline,
)
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar, Event
from tui.core.system.places import state_dir

NOW = datetime(2025, 10, 9, 8, 0, tzinfo=UTC)
LATER = datetime(2025, 10, 9, 9, 0, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


_counter = iter(range(10_000))


def load_calendar_text(text: str, folder: Path) -> Calendar:
    path = folder / f"version-{next(_counter)}.toml"
    path.write_text(text, encoding="utf-8")
    return load_calendar(path).calendar


def test_state_dir_follows_xdg_then_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "xdg" / "diplocal"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "diplocal"


def test_round_trip_private_and_keyed_by_id(write_calendar: WriteCalendar) -> None:
    path = write_calendar()
    calendar = load_calendar(path).calendar
    assert load_baseline(calendar.id) is None
    assert save_baseline(calendar.id, path.read_bytes())
    kept = baseline_path(calendar.id)
    assert kept is not None and kept.name == "test-summit.toml"
    assert (mode(kept.parent), mode(kept)) == (0o700, 0o600)
    assert kept.read_bytes() == path.read_bytes()
    assert load_baseline(calendar.id) == calendar
    assert load_baseline("another-calendar") is None


def test_an_open_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert save_baseline("test-summit", BASE.encode(), folder)
    assert mode(folder) == 0o700


def test_odd_ids_never_name_a_path_outside_the_folder(tmp_path: Path) -> None:
    path = baseline_path("../../etc/passwd", tmp_path)
    assert path is not None and path.parent == tmp_path and ".." not in path.name


def test_a_copy_that_no_longer_loads_is_no_baseline(tmp_path: Path) -> None:
    assert save_baseline("test-summit", b"[calendar\n", tmp_path)
    assert load_baseline("test-summit", tmp_path) is None
    # A copy of another calendar under this name is no baseline either.
    other = BASE.replace('title = "Test summit"', 'title = "Test summit"\nid = "other"')
    assert save_baseline("test-summit", other.encode(), tmp_path)
    assert load_baseline("test-summit", tmp_path) is None


def test_no_home_degrades_silently(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_STATE_HOME")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert state_dir() is None
    assert save_baseline("test-summit", BASE.encode()) is False
    assert load_baseline("test-summit") is None
    assert load_revisions("test-summit") == {}
    calendar = load_calendar_text(BASE, tmp_path)
    assert set(export_revisions(calendar, calendar.events, NOW)) == {"talks", "summit"}


def test_unwritable_state_dir_degrades_silently(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    assert save_baseline("test-summit", BASE.encode()) is False
    assert load_baseline("test-summit") is None
    calendar = load_calendar_text(BASE, tmp_path)
    assert export_revisions(calendar, calendar.events, NOW)["talks"] == (0, NOW)
    assert blocker.read_text() == "not a folder"


def test_a_failed_save_keeps_the_previous_baseline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert save_baseline("test-summit", BASE.encode(), tmp_path)

    def full_disk(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    assert save_baseline("test-summit", b"half", tmp_path) is False
    assert (tmp_path / "test-summit.toml").read_bytes() == BASE.encode()
    assert [p.name for p in tmp_path.iterdir()] == ["test-summit.toml"]


def test_baseline_never_touches_the_calendar_file(write_calendar: WriteCalendar) -> None:
    path = write_calendar()
    before = (path.read_bytes(), path.stat().st_mtime_ns, mode(path))
    calendar = load_calendar(path).calendar
    save_baseline(calendar.id, path.read_bytes())
    load_baseline(calendar.id)
    export_revisions(calendar, calendar.events, NOW)
    assert (path.read_bytes(), path.stat().st_mtime_ns, mode(path)) == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_an_export_that_changes_no_revision_writes_nothing(
    write_calendar: WriteCalendar,
) -> None:
    path = write_calendar()
    calendar = load_calendar(path).calendar
    first = export_revisions(calendar, calendar.events, NOW, source=path)
    kept = baseline.revisions_path(calendar.id, source=path)
    assert kept is not None and kept.is_file()
    before = (kept.read_bytes(), kept.stat().st_ino, kept.stat().st_mtime_ns)
    assert export_revisions(calendar, calendar.events, LATER, source=path) == first
    assert (kept.read_bytes(), kept.stat().st_ino, kept.stat().st_mtime_ns) == before


def test_revising_again_fingerprints_only_changed_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_calendar_text(BASE, tmp_path)
    start = revise(first.events, {}, None, NOW)
    printed: list[str] = []
    real = baseline.fingerprint

    def counted(event: Event) -> str:
        printed.append(event.id)
        return real(event)

    monkeypatch.setattr(baseline, "fingerprint", counted)
    edited = load_calendar_text(BASE.replace('title = "Talks"', 'title = "Talks!"'), tmp_path)
    talks = next(e for e in edited.events if e.id == "talks")
    summit = next(e for e in first.events if e.id == "summit")
    again = revise([talks, summit], start, None, LATER)
    assert printed == ["talks"]
    assert again["talks"].sequence == 1 and again["summit"] == start["summit"]


def test_revise_keeps_unchanged_and_bumps_changed(tmp_path: Path) -> None:
    first = load_calendar_text(BASE, tmp_path)
    start = revise(first.events, {}, None, NOW)
    assert {k: (r.sequence, r.last_modified) for k, r in start.items()} == {
        "talks": (0, NOW),
        "summit": (0, NOW),
    }
    edited = load_calendar_text(BASE.replace('title = "Talks"', 'title = "Talks!"'), tmp_path)
    again = revise(edited.events, start, None, LATER)
    assert (again["talks"].sequence, again["talks"].last_modified) == (1, LATER)
    assert again["summit"] == start["summit"]
    # Revising the same content again bumps nothing.
    assert revise(edited.events, again, None, datetime.now(UTC)) == again


def test_first_revisions_count_from_the_baseline(tmp_path: Path) -> None:
    seen = load_calendar_text(BASE, tmp_path)
    now = load_calendar_text(
        BASE.replace("T11:00:00", "T12:00:00")
        + '\n[[events]]\nid = "new"\ntitle = "New"\nstart = 2025-10-11\n',
        tmp_path,
    )
    revisions = revise(now.events, {}, seen, NOW)
    assert {k: r.sequence for k, r in revisions.items()} == {"talks": 1, "summit": 0, "new": 0}


def test_zone_change_for_the_same_instant_bumps_the_sequence(tmp_path: Path) -> None:
    # The VEVENT's DTSTART;TZID changes, so clients must update it.
    seen = load_calendar_text(BASE, tmp_path)
    moscow = BASE.replace(
        "start = 2025-10-09T11:00:00\nend = 2025-10-09T13:00:00\n",
        'start = 2025-10-09T09:00:00\nend = 2025-10-09T11:00:00\ntimezone = "Europe/Moscow"\n',
    )
    assert revise(load_calendar_text(moscow, tmp_path).events, {}, seen, NOW)["talks"].sequence == 1


def test_revisions_survive_a_filtered_export(tmp_path: Path) -> None:
    calendar = load_calendar_text(BASE, tmp_path)
    export_revisions(calendar, calendar.events, NOW, tmp_path)
    edited = load_calendar_text(BASE.replace('title = "Talks"', 'title = "T"'), tmp_path)
    talks_only = [e for e in edited.events if e.id == "talks"]
    assert export_revisions(edited, talks_only, LATER, tmp_path) == {"talks": (1, LATER)}
    stored = load_revisions(calendar.id, tmp_path)
    assert set(stored) == {"talks", "summit"}
    assert isinstance(stored["summit"], Revision) and stored["summit"].sequence == 0


def test_damaged_revisions_start_afresh(tmp_path: Path) -> None:
    path = baseline.revisions_path("test-summit", tmp_path)
    assert path is not None
    path.write_text('{"events": {"talks": {"sequence": "x"}}}')
    assert load_revisions("test-summit", tmp_path) == {}


def test_ical_writes_sequence_and_last_modified(tmp_path: Path) -> None:
    calendar = load_calendar_text(BASE, tmp_path)
    data = to_icalendar(calendar, revisions={"talks": (3, LATER)}, clock=lambda: NOW)
    parsed = {
        str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    assert parsed["talks"].decoded("SEQUENCE") == 3
    assert parsed["talks"].decoded("LAST-MODIFIED") == LATER
    assert "SEQUENCE" not in parsed["summit"] and "LAST-MODIFIED" not in parsed["summit"]
    assert to_icalendar(calendar, clock=lambda: NOW) == to_icalendar(
        calendar, revisions={}, clock=lambda: NOW
    )


def export(path: Path) -> dict[str, icalendar.Event]:
    out = io.StringIO()
    assert main(["export", str(path)], stdout=out, stderr=io.StringIO()) == 0
    events = icalendar.Calendar.from_ical(out.getvalue()).walk("VEVENT")
    return {str(e["UID"]): e for e in events}


def test_export_after_a_change_bumps_sequence_keeps_uid(write_calendar: WriteCalendar) -> None:
    path = write_calendar(
        BASE.replace("timezone =", "updated = 2025-10-01T00:00:00Z\ntimezone =", 1)
    )
    first = export(path)
    assert {uid: e.decoded("SEQUENCE") for uid, e in first.items()} == {
        "talks@test-summit": 0,
        "summit@test-summit": 0,
    }
    text = path.read_text().replace('kind = "summit"', 'kind = "summit"\nstatus = "cancelled"')
    path.write_text(text.replace("2025-10-01T00", "2025-10-02T00"))
    second = export(path)
    assert set(second) == set(first)
    summit = second["summit@test-summit"]
    assert (summit.decoded("SEQUENCE"), str(summit["STATUS"])) == (1, "CANCELLED")
    assert summit.decoded("LAST-MODIFIED") == datetime(2025, 10, 2, tzinfo=UTC)
    assert second["talks@test-summit"].decoded("SEQUENCE") == 0
    # The same file exported again: no second bump.
    assert export(path)["summit@test-summit"].decoded("SEQUENCE") == 1


def test_the_starting_baseline_is_kept_then_reused_without_a_parse(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_calendar()
    calendar = load_calendar(path).calendar
    assert baseline.starting_baseline(calendar, path) is None  # first start: kept for later
    # Unchanged since: the calendar shown is the baseline, with nothing parsed again.
    with monkeypatch.context() as patched:
        patched.setattr(baseline, "load_bytes", lambda *_: pytest.fail("parsed again"))
        assert baseline.starting_baseline(calendar, path) is calendar
    path.write_text(BASE.replace('title = "Talks"', 'title = "Talks, moved"'), "utf-8")
    changed = load_calendar(path).calendar
    kept = baseline.starting_baseline(changed, path)
    assert kept is not None and kept.events[0].title == "Talks"  # the version seen before
