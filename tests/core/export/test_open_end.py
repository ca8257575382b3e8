"""A timed event without an end: DURATION:P0D by default, or no end at all (--open-end omit),
which calcurse keeps where it drops any zero duration (bench/open_end_interop.py measures
every client; the table is in the README)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest

from tui.core.export.ical import OpenEnd, reference_icalendar, to_icalendar
from tui.core.loading.load import bundled_calendar, load_calendar

CALCURSE = shutil.which("calcurse")
OPEN = "putin-aliyev"  # 16:30, no end announced


def vevent(data: bytes, event_id: str) -> icalendar.Event:
    parsed = icalendar.Calendar.from_ical(data)
    return next(e for e in parsed.walk("VEVENT") if str(e["UID"]).startswith(event_id + "@"))


@pytest.mark.parametrize("open_end", list(OpenEnd))
def test_both_writers_write_the_same_form(open_end: OpenEnd) -> None:
    calendar = load_calendar(bundled_calendar()).calendar
    fast = icalendar.Calendar.from_ical(to_icalendar(calendar, open_end=open_end))
    reference = icalendar.Calendar.from_ical(reference_icalendar(calendar, open_end=open_end))
    assert fast.walk("VEVENT") == reference.walk("VEVENT")


def test_each_form_says_no_end_its_own_way() -> None:
    calendar = load_calendar(bundled_calendar()).calendar
    default = vevent(to_icalendar(calendar), OPEN)
    omitted = vevent(to_icalendar(calendar, open_end=OpenEnd.OMIT), OPEN)
    assert (default.get("DTEND"), default.decoded("DURATION").total_seconds()) == (None, 0)
    assert (omitted.get("DTEND"), omitted.get("DURATION")) == (None, None)
    assert omitted.end == omitted.start  # RFC 5545: it ends when it starts
    ended = vevent(to_icalendar(calendar, open_end=OpenEnd.OMIT), "official-welcome")
    assert ended.get("DTEND") is not None  # only open ends change


@pytest.mark.skipif(CALCURSE is None, reason="calcurse is not installed (make test installs it)")
@pytest.mark.parametrize(("open_end", "kept"), [(OpenEnd.OMIT, True), (OpenEnd.DURATION, False)])
def test_calcurse_keeps_the_event_only_without_a_zero_duration(
    tmp_path: Path, open_end: OpenEnd, kept: bool
) -> None:
    assert CALCURSE is not None
    calendar = load_calendar(bundled_calendar()).calendar
    chosen = [e for e in calendar.events if e.id == OPEN]
    exported = tmp_path / "open.ics"
    exported.write_bytes(to_icalendar(calendar, chosen, open_end=open_end))
    env = {**os.environ, "TZ": "Asia/Dushanbe", "TMPDIR": str(tmp_path)}
    subprocess.run(
        [CALCURSE, "-D", str(tmp_path), "-i", str(exported), "-q"],
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )
    apts = tmp_path / "apts"
    stored = apts.read_text() if apts.exists() else ""
    assert ("10/09/2025 @ 16:30 -> 10/09/2025 @ 16:30" in stored) is kept


def test_the_command_line_option(capfd: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    assert main(["export", str(bundled_calendar()), "--open-end", "omit"]) == 0
    written = capfd.readouterr().out
    assert "DURATION:P0D" not in written
    assert "DTSTART;TZID=Asia/Dushanbe:20251009T163000" in written
