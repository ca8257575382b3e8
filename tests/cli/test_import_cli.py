"""`diplocal import` at the command line: files, standard input, a URL served on 127.0.0.1;
--dry-run writes nothing; bad input is a located error, never a traceback."""

from __future__ import annotations

import functools
import http.server
import io
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BASE, WriteCalendar
from tui.cli import main
from tui.core.loading.load import load_calendar

ICS = Path(__file__).parents[1] / "data" / "ics"
INVITATION = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:talks@test-summit\r
SEQUENCE:3\r
DTSTAMP:20251001T000000Z\r
SUMMARY:Talks, moved\r
DTSTART;TZID=Asia/Dushanbe:20251009T150000\r
DTEND;TZID=Asia/Dushanbe:20251009T170000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:press@mfa.example\r
DTSTAMP:20251001T000000Z\r
SUMMARY:[bold]Press[/] [@click=app.quit]q\r
DTSTART;VALUE=DATE:20251010\r
END:VEVENT\r
END:VCALENDAR\r
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def invitation(tmp_path: Path) -> Path:
    path = tmp_path / "invitation.ics"
    path.write_bytes(INVITATION)
    return path


def test_import_updates_by_uid_and_adds_keeping_comments(
    write_calendar: WriteCalendar, invitation: Path
) -> None:
    commented = "# The organisers' draft.\n" + BASE.replace(
        'kind = "summit"', 'kind = "summit"  # to be confirmed'
    )
    calendar = write_calendar(commented)
    code, out, err = run("import", str(invitation), "--into", str(calendar))
    assert code == 0, err
    assert out.splitlines() == [
        'added press "[bold]Press[/] [@click=app.quit]q": start 2025-10-10',
        'moved talks "Talks, moved": title Talks → Talks, moved; '
        "start 2025-10-09 11:00 Asia/Dushanbe → 2025-10-09 15:00 Asia/Dushanbe; "
        "end 2025-10-09 13:00 Asia/Dushanbe → 2025-10-09 17:00 Asia/Dushanbe",
    ]
    assert err.endswith(f"{calendar}: imported: 1 added, 1 updated, 0 unchanged, 0 not imported\n")
    text = calendar.read_text()
    assert text.startswith("# The organisers' draft.\n")
    assert 'kind = "summit"  # to be confirmed' in text
    events = {e.id: e for e in load_calendar(calendar).calendar.events}
    assert events["talks"].participants == ("putin", "rahmon")  # what the file did not say stays
    assert events["press"].title == "[bold]Press[/] [@click=app.quit]q"
    assert run("import", str(invitation), "--into", str(calendar))[1] == ""  # twice: no-op


def test_dry_run_writes_nothing(write_calendar: WriteCalendar, invitation: Path) -> None:
    calendar = write_calendar()
    code, out, err = run("import", str(invitation), "--into", str(calendar), "--dry-run")
    assert (code, out.count("\n")) == (0, 2)
    assert "dry run, nothing written: 1 added, 1 updated" in err
    assert calendar.read_text() == BASE
    new = calendar.parent / "new.toml"
    assert run("import", str(invitation), "--into", str(new), "--dry-run")[0] == 0
    assert not new.exists()


def test_a_broken_calendar_is_not_imported_into(
    write_calendar: WriteCalendar, invitation: Path
) -> None:
    broken = BASE + "\n[[events]\n"
    calendar = write_calendar(broken)
    code, out, err = run("import", str(invitation), "--into", str(calendar))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{calendar}:43:9: error: TOML syntax: Expected ']]' at the end of an array declaration",
        f"{calendar}: error: the calendar does not load (above): nothing was imported; fix it "
        "first",
    ]
    assert calendar.read_text() == broken


def test_a_calendar_broken_between_reading_and_writing_is_left_alone(
    write_calendar: WriteCalendar, invitation: Path
) -> None:
    """The owner refuses to write over a file that stopped loading since it was read."""
    from tui.cli.import_command import finish_import
    from tui.core.importing.session import Options, prepare_import

    calendar = write_calendar()
    prepared = prepare_import(calendar, [("invitation.ics", INVITATION)], Options())
    broken = BASE.replace('title = "Talks"', 'title = "Talks')
    calendar.write_text(broken)
    out, err = io.StringIO(), io.StringIO()
    assert finish_import(prepared, False, out, err) == 1
    said = err.getvalue()
    assert f"{calendar}:29:15: error: TOML syntax" in said
    assert said.endswith(
        f"{calendar}: error: the calendar on disk no longer loads (errors above); "
        "nothing was written\n"
    )
    assert calendar.read_text() == broken


def test_new_calendar_takes_its_zone_and_title_from_the_file(tmp_path: Path) -> None:
    into = tmp_path / "visit.toml"
    assert run("import", str(ICS / "google.ics"), "--into", str(into))[0] == 0
    calendar = load_calendar(into).calendar
    assert (calendar.title, calendar.timezone) == ("Press office: Dushanbe visit", "Asia/Dushanbe")
    assert len(calendar.events) == 7


def test_standard_input(tmp_path: Path, invitation: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(INVITATION)))
    into = tmp_path / "cal.toml"
    code, out, _ = run("import", "-", "--into", str(into), "--timezone", "Asia/Dushanbe")
    assert (code, out.count("added ")) == (0, 2)
    assert {e.id for e in load_calendar(into).calendar.events} == {"talks", "press"}


@pytest.fixture
def served() -> Iterator[str]:
    """ICS served over HTTP on 127.0.0.1, on a free port, for the test's length."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ICS))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_url(tmp_path: Path, served: str) -> None:
    into = tmp_path / "cal.toml"
    code, out, err = run("import", f"{served}/apple.ics", "--into", str(into))
    assert code == 0, err
    assert out.count("added ") == 2
    missing = f"{served}/no-such.ics"
    code, _, err = run("import", missing, "--into", str(into))
    assert (code, err) == (1, f"{missing}: error: HTTP 404 File not found\n")


@pytest.mark.parametrize(
    ("name", "located"),
    [
        ("broken-truncated.ics", ":4:1: error: BEGIN:VEVENT is never ended"),
        ("broken-html.ics", ":1:1: error: not an iCalendar file"),
        ("broken-dtstart.ics", ":5:1: error: VEVENT DTSTART: Wrong datetime format"),
    ],
)
def test_broken_sources_exit_1_located(tmp_path: Path, name: str, located: str) -> None:
    into = tmp_path / "cal.toml"
    code, out, err = run("import", str(ICS / name), "--into", str(into), "--timezone", "UTC")
    assert (code, out) == (1, "")
    assert err.startswith(str(ICS / name) + located)
    assert "Traceback" not in err
    assert not into.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--timezone", "Mars/Base"], 'unknown time zone "Mars/Base"'),
        (["--from", "2025-10-10", "--to", "2025-10-01"], "--to is before --from"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, argv: list[str], message: str) -> None:
    code, _, err = run("import", str(ICS / "khal.ics"), "--into", str(tmp_path / "c.toml"), *argv)
    assert code == 2
    assert message in err


def test_a_date_that_is_not_one_is_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run("import", str(ICS / "khal.ics"), "--from", "2025-13-01")
    assert code == 2
    assert '"2025-13-01" is not a date (YYYY-MM-DD)' in capsys.readouterr().err


def test_a_new_calendar_needs_a_zone(tmp_path: Path) -> None:
    code, _, err = run("import", str(ICS / "khal.ics"), "--into", str(tmp_path / "c.toml"))
    assert code == 2
    assert "the files name no time zone: give --timezone" in err


def test_skipped_components_are_reported_with_their_line(tmp_path: Path) -> None:
    into = tmp_path / "c.toml"
    code, _, err = run(
        "import", str(ICS / "todo-journal.ics"), "--into", str(into), "--timezone", "UTC"
    )
    assert code == 0
    source = ICS / "todo-journal.ics"
    assert (
        f'{source}:4: warning: VTODO "Book the hotel" not imported: a VTODO is not an event\n'
        in err
    )


@pytest.mark.slow
def test_installed_command_reads_standard_input(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "diplocal"
    into = tmp_path / "cal.toml"
    args = [str(command), "import", "-", "--into", str(into), "--timezone", "Asia/Dushanbe"]
    done = subprocess.run(args, input=INVITATION, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert b"added talks" in done.stdout
    assert into.exists()


OLD_SERIES = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:old-series@test\r
DTSTAMP:20240101T000000Z\r
DTSTART;TZID=Asia/Dushanbe:20240101T090000\r
RRULE:FREQ=WEEKLY;COUNT=3\r
SUMMARY:Old weekly call\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_series_wholly_outside_the_calendar_is_counted_as_not_imported(
    write_calendar: WriteCalendar, tmp_path: Path
) -> None:
    calendar = write_calendar()
    source = tmp_path / "old.ics"
    source.write_bytes(OLD_SERIES)
    code, out, err = run("import", str(source), "--into", str(calendar))
    assert (code, out) == (0, "")
    assert (
        f'{source}:4: warning: VEVENT "Old weekly call" not imported: it repeats from '
        "2024-01-01, but no occurrence falls from 2025-10-09 to 2025-10-10 (the calendar's "
        "span); use --from and --to"
    ) in err
    assert err.endswith("0 added, 0 updated, 0 unchanged, 1 not imported\n")
    assert calendar.read_text() == BASE
