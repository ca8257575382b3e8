"""`diplocal pull` against a real Radicale on 127.0.0.1 (tests/core/sharing/servers.py):
a collection filled by another client, with plain PUTs, merged through the import."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import icalendar
import pytest

from tests.core.sharing.reading import ADMIN, put
from tests.core.sharing.servers import free_port, silent_server
from tui.cli import main
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Calendar

BUNDLED = bundled_calendar()


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def resources() -> dict[str, bytes]:
    """The bundled calendar's export, one event per resource, each with the calendar's
    properties (its countries and participants) and VTIMEZONEs, as another CalDAV client
    that keeps what it is given would store it."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", str(BUNDLED), "-o", "-"], stdout=out, stderr=err) == 0, err.getvalue()
    whole = icalendar.Calendar.from_ical(out.getvalue())
    zones = list(whole.walk("VTIMEZONE"))
    found = {}
    for event in whole.walk("VEVENT"):
        one = icalendar.Calendar()
        for key, value in whole.items():
            one[key] = value
        one["PRODID"] = icalendar.vText("-//another client//EN")
        for zone in zones:
            one.add_component(zone)
        one.add_component(event)
        found[f"{event['UID']}.ics"] = one.to_ical()
    assert len(found) == len(load_calendar(BUNDLED).calendar.events)
    return found


def filled(collection: str) -> dict[str, bytes]:
    response = httpx.request("MKCALENDAR", collection, auth=ADMIN, timeout=30)
    assert response.status_code == 201, response.text
    data = resources()
    for name, body in data.items():
        put(collection + name, body)
    return data


def events(calendar: Calendar) -> list[tuple[object, ...]]:
    return sorted(
        (e.id, e.title, e.start, e.end, e.location, e.description) for e in calendar.events
    )


def test_pull_gives_the_same_events_as_importing_the_export(
    collection: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = filled(collection)
    pulled, imported = tmp_path / "pulled.toml", tmp_path / "imported.toml"
    code, out, err = run("pull", collection, "--into", str(pulled))
    assert code == 0, err
    assert f"read {len(data)} resources (2 requests)" in err
    assert f"imported: {len(data)} added, 0 updated, 0 unchanged, 0 not imported" in err
    export = tmp_path / "export.ics"
    export.write_bytes(b"".join(data[name] for name in sorted(data)))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "other-state"))  # its own records
    code, out_import, err = run("import", str(export), "--into", str(imported))
    assert code == 0, err
    assert out == out_import  # the same changes, in the same words
    mine = load_calendar(pulled).calendar
    assert events(mine) == events(load_calendar(imported).calendar)
    assert len(mine.events) == len(data)
    bundled = load_calendar(BUNDLED).calendar
    assert {(e.title, e.start, e.end) for e in mine.events} == {
        (e.title, e.start, e.end) for e in bundled.events
    }
    timed = [e.start for e in mine.events if isinstance(e.start, datetime)]
    assert timed
    assert all(isinstance(start.tzinfo, ZoneInfo) for start in timed)  # an IANA zone each


def test_dry_run_prints_what_import_prints_and_writes_nothing(
    collection: str, tmp_path: Path
) -> None:
    data = filled(collection)
    into = tmp_path / "visit.toml"
    code, out, err = run("pull", collection, "--into", str(into), "--dry-run")
    assert code == 0, err
    assert not into.exists()
    export = tmp_path / "export.ics"
    export.write_bytes(b"".join(data[name] for name in sorted(data)))
    code, out_import, err_import = run("import", str(export), "--into", str(into), "--dry-run")
    assert (code, out) == (0, out_import)
    assert out.count("\n") >= len(data)
    assert f"dry run, nothing written: {len(data)} added" in err
    assert err.splitlines()[-1] == err_import.splitlines()[-1]


def test_pulling_twice_changes_nothing(collection: str, tmp_path: Path) -> None:
    filled(collection)
    into = tmp_path / "visit.toml"
    assert run("pull", collection, "--into", str(into))[0] == 0
    before = into.read_bytes()
    code, out, err = run("pull", collection, "--into", str(into))
    assert (code, out) == (0, "")
    assert "already up to date: 0 added, 0 updated, 17 unchanged" in err
    assert into.read_bytes() == before


def _retitled(data: bytes, title: str, sequence: int) -> bytes:
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    old = str(event["SUMMARY"])
    event["SUMMARY"] = icalendar.vText(title)
    event.pop("SEQUENCE", None)
    event.add("SEQUENCE", sequence)
    assert old != title
    result: bytes = calendar.to_ical()
    return result


def test_a_higher_sequence_on_the_server_updates_the_event(collection: str, tmp_path: Path) -> None:
    data = filled(collection)
    into = tmp_path / "visit.toml"
    assert run("pull", collection, "--into", str(into))[0] == 0
    name = sorted(data)[0]
    put(collection + name, _retitled(data[name], "Moved [bold]briefing[/]", 5))
    code, out, err = run("pull", collection, "--into", str(into))
    assert code == 0, err
    assert "0 added, 1 updated, 16 unchanged" in err
    assert "Moved [bold]briefing[/]" in out
    titles = [e.title for e in load_calendar(into).calendar.events]
    assert titles.count("Moved [bold]briefing[/]") == 1
    assert len(titles) == len(data)  # updated in place, no duplicate


def test_an_event_deleted_on_the_server_is_kept(collection: str, tmp_path: Path) -> None:
    data = filled(collection)
    into = tmp_path / "visit.toml"
    assert run("pull", collection, "--into", str(into))[0] == 0
    before = into.read_bytes()
    name = sorted(data)[0]
    assert httpx.delete(collection + name, auth=ADMIN, timeout=30).status_code in (200, 204)
    code, out, err = run("pull", collection, "--into", str(into))
    assert (code, out) == (0, "")
    assert f"read {len(data) - 1} resources" in err
    assert into.read_bytes() == before  # pull never deletes
    assert len(load_calendar(into).calendar.events) == len(data)


def _one_failure(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("diplocal: error: ")
    assert lines[0].endswith("nothing was written")


def test_a_wrong_password_is_one_line(
    collection: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled(collection)
    monkeypatch.setenv("DIPLOCAL_CALDAV_PASSWORD", "wrong")
    into = tmp_path / "visit.toml"
    code, out, err = run("pull", collection, "--into", str(into))
    assert (code, out) == (1, "")
    _one_failure(err)
    assert "refused the user name or password (401)" in err
    assert not into.exists()


def test_a_missing_collection_is_one_line(collection: str, tmp_path: Path) -> None:
    into = tmp_path / "visit.toml"
    into.write_bytes(BUNDLED.read_bytes())
    code, out, err = run("pull", collection, "--into", str(into))
    assert (code, out) == (1, "")
    _one_failure(err)
    assert "no calendar collection here (404 Not Found)" in err
    assert into.read_bytes() == BUNDLED.read_bytes()


def test_a_stopped_server_is_one_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/admin/cal/"
    code, out, err = run("pull", url, "--into", str(tmp_path / "v.toml"), "--timeout", "5")
    assert (code, out) == (1, "")
    _one_failure(err)
    assert "cannot connect" in err


def test_a_server_that_never_answers_times_out(tmp_path: Path) -> None:
    with silent_server() as url:
        code, out, err = run("pull", url, "--into", str(tmp_path / "v.toml"), "--timeout", "0.5")
    assert (code, out) == (1, "")
    _one_failure(err)
    assert "timed out" in err
    assert not (tmp_path / "v.toml").exists()
