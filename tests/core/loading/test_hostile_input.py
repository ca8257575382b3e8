"""Valid or nearly valid input that used to end in a traceback or cost without bound."""

from __future__ import annotations

import io
import os
from datetime import UTC, timedelta
from pathlib import Path

import icalendar
import pytest

from tests.conftest import BASE, WriteCalendar
from tui.cli import main
from tui.core.errors import CalendarError
from tui.core.export.ical import to_icalendar
from tui.core.loading import fields, load
from tui.core.loading.fields import did_you_mean
from tui.core.loading.load import load_calendar
from tui.core.text import BLOCK_LIMIT, DISPLAY_LIMIT, one_line, printable
from tui.core.zones import get_zone

TALKS_TIMES = "start = 2025-10-09T11:00:00\nend = 2025-10-09T13:00:00"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def with_summit_start(value: str) -> str:
    return BASE.replace("start = 2025-10-10", f"start = {value}")


@pytest.mark.parametrize(
    "start",
    [
        "0001-01-01T00:30:00",
        "9999-12-31T23:30:00",
        "9999-12-31",
        "0001-01-01",
        "0002-01-01T00:30:00",
        "9998-12-31",
        "9999-12-31T23:30:00-05:00",
    ],
)
@pytest.mark.parametrize("command", ["check", "agenda", "export"])
def test_the_ends_of_time_are_located_errors(
    start: str, command: str, write_calendar: WriteCalendar
) -> None:
    code, _, err = run(command, str(write_calendar(with_summit_start(start))))
    assert code == 1
    assert err.endswith(f':40:9: error: "start" ({start}) must lie in the years 3 to 9997\n')


@pytest.mark.parametrize("start", ["0003-01-01T00:30:00", "9997-12-31T23:30:00", "9997-12-31"])
@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"])
def test_the_last_years_allowed_work_everywhere(
    start: str, zone: str, write_calendar: WriteCalendar
) -> None:
    text = with_summit_start(start).replace('timezone = "Asia/Dushanbe"', f'timezone = "{zone}"')
    path = str(write_calendar(text))
    for argv in (["check"], ["agenda", "--tz", "Pacific/Kiritimati"], ["export"]):
        code, _, err = run(*argv, path)
        assert (code, err) == (0, "")


def test_updated_at_the_end_of_time_is_an_error(write_calendar: WriteCalendar) -> None:
    text = BASE.replace('timezone = "Asia/Dushanbe"\n', "updated = 9999-12-31T23:00:00-05:00\n", 1)
    text = text.replace("[calendar]\n", '[calendar]\ntimezone = "Asia/Dushanbe"\n')
    code, _, err = run("export", str(write_calendar(text)))
    assert code == 1
    assert '"updated" (9999-12-31T23:00:00-05:00) must lie in the years 3 to 9997' in err


DIGITS = "7" * 5000


@pytest.mark.parametrize(
    ("host_line", "line", "column"),
    [
        (f"host = {DIGITS}", 33, 8),
        # Digits in a string come first and are not the number.
        (f'host = "TJ"\nnotes = "{DIGITS}"\nx = [1, {DIGITS}]', 35, 9),
    ],
)
def test_a_huge_integer_is_a_located_error(
    host_line: str, line: int, column: int, write_calendar: WriteCalendar
) -> None:
    code, _, err = run("check", str(write_calendar(BASE.replace('host = "TJ"', host_line))))
    assert code == 1
    assert err.endswith(f":{line}:{column}: error: a number with more than 4300 digits\n")


def test_files_over_the_size_limit_are_refused(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPLOCAL_MAX_MB", "1")
    path = write_calendar(BASE + "#" * 1_000_000 + "\n")
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    assert str(caught.value) == (
        f"{path}: error: larger than 1 MB, the limit for a calendar file "
        "(set DIPLOCAL_MAX_MB to a number of megabytes to raise it)"
    )
    monkeypatch.setenv("DIPLOCAL_MAX_MB", "2")
    assert len(load_calendar(path).calendar.events) == 2


def test_an_endless_device_is_refused_unread() -> None:
    code, _, err = run("check", "/dev/zero")
    assert code == 1
    assert err == "/dev/zero: error: not a regular file (a device), not a calendar file\n"


def test_a_fifo_as_the_calendar_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "events.toml"
    os.mkfifo(fifo)  # no writer: a plain open would wait for one forever
    for command in ("check", "agenda", "export"):
        code, _, err = run(command, str(fifo))
        assert code == 1
        assert err == f"{fifo}: error: not a regular file (a FIFO), not a calendar file\n"


def test_a_file_growing_past_the_limit_is_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPLOCAL_MAX_MB", "1")
    path = tmp_path / "events.toml"
    path.write_bytes(b"#" * 2_000_000)
    with pytest.raises(CalendarError, match="larger than 1 MB"):
        load_calendar(path)


def test_a_very_long_event_costs_one_row(write_calendar: WriteCalendar) -> None:
    text = BASE.replace(
        "start = 2025-10-10", "start = 1900-01-01\nend = 9000-12-31\nall_day = true"
    )
    code, out, _ = run("agenda", str(write_calendar(text)))
    assert code == 0
    assert out.splitlines() == [
        "Times in each event's venue zone: Asia/Dushanbe",
        "",
        "Monday 1 January 1900",
        "  all day to Wed 31 Dec         Summit · summit · Putin (RU)",
        "",
        "Thursday 9 October 2025",
        "  all day to Wed 31 Dec         Summit · summit · Putin (RU)",
        "  11:00\u201313:00            ⚖ ICC  Talks · bilateral · Putin, Rahmon (RU, TJ)",
    ]


def test_a_short_event_still_shows_on_every_day_with_events(
    write_calendar: WriteCalendar,
) -> None:
    text = BASE.replace(
        "start = 2025-10-10", "start = 2025-10-08\nend = 2025-10-10\nall_day = true"
    )
    _, out, _ = run("agenda", str(write_calendar(text)))
    assert [line for line in out.splitlines() if "Summit" in line] == [
        "  all day to Fri 10 Oct         Summit · summit · Putin (RU)"
    ] * 3  # each day of a short span, as in the day view


def test_huge_text_is_cut_for_display() -> None:
    title = "x" * 10_000_000
    assert one_line(title) == "x" * DISPLAY_LIMIT + "\u2026 (9,998,000 more characters)"
    assert len(printable(title)) < BLOCK_LIMIT + 40
    assert printable(title, limit=None) == title  # whole, on request


def test_a_repeated_local_hour_is_a_warning_naming_the_instant(
    write_calendar: WriteCalendar,
) -> None:
    times = 'start = 2025-10-26T02:30:00\nend = 2025-10-26T04:00:00\ntimezone = "Europe/Berlin"'
    loaded = load_calendar(write_calendar(BASE.replace(TALKS_TIMES, times)))
    (warning,) = loaded.warnings
    assert str(warning).endswith(
        ":31:9: warning: local time 2025-10-26T02:30 in Europe/Berlin happens twice; "
        "the first (UTC+02:00) is used"
    )
    talks = next(e for e in loaded.calendar.events if e.id == "talks")
    assert talks.start.isoformat() == "2025-10-26T02:30:00+02:00"


def test_the_slow_load_note_promises_no_cache_it_cannot_keep(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "SLOW_SIZE", 1)
    monkeypatch.setenv("DIPLOCAL_NO_CACHE", "1")
    said: list[str] = []
    path = write_calendar(BASE.replace('host = "TJ"', 'host = "XX"'))
    with pytest.raises(CalendarError):
        load_calendar(path, on_slow_load=said.append)
    assert said == [f"{path}: reading 0 MB, about 1-1 s"]
    assert load.slow_load_message("big.toml", 46_000_000, cached=True) == (
        "big.toml: reading 46 MB, about 4-9 s; if it is valid, later opens use a cache"
    )


def test_a_zone_used_far_apart_gets_observances_only_near_its_times(
    write_calendar: WriteCalendar,
) -> None:
    times = 'start = 0003-03-01T11:00:00\nend = 9997-10-09T13:00:00\ntimezone = "Europe/Berlin"'
    calendar = load_calendar(write_calendar(BASE.replace(TALKS_TIMES, times))).calendar
    parsed = icalendar.Calendar.from_ical(to_icalendar(calendar))
    (berlin,) = (tz for tz in parsed.walk("VTIMEZONE") if str(tz["TZID"]) == "Europe/Berlin")
    # Two stretches of about three years, not ten thousand years of clock changes.
    assert len(berlin.subcomponents) < 20
    written, zone = berlin.to_tz(lookup_tzid=False), get_zone("Europe/Berlin")
    talks = next(e for e in calendar.events if e.id == "talks")
    for moment in (talks.start, talks.end):
        for hours in range(-24 * 200, 24 * 200, 97):
            instant = moment.astimezone(UTC) + timedelta(hours=hours)
            assert instant.astimezone(written).utcoffset() == instant.astimezone(zone).utcoffset()


def test_a_huge_value_is_never_compared_for_did_you_mean(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """difflib indexes every character of the word first: 10 MB cost seconds and a gigabyte,
    for a suggestion that could never be close."""

    def refuse(*_: object, **__: object) -> list[str]:
        raise AssertionError("compared")

    assert did_you_mean("bilaterl", ["bilateral", "summit"]) == ' (did you mean "bilateral"?)'
    monkeypatch.setattr(fields.difflib, "get_close_matches", refuse)
    assert did_you_mean("b" * 28, ["bilateral", "summit"]) == ""
