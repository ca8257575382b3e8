"""An event without an end keeps "no end" through export and import, and diff sees an end
added equal to the start.

A local time a clock change skips (02:30 on 30 March 2025 in Berlin) is read with the
offset before the change, as zoneinfo (fold 0), RFC 5545 and pendulum read it: 03:30
CEST, 01:30 UTC. The export keeps it as written (TZID and 02:30) with DURATION:P0D; the
import's start plus zero is 03:30 on the wall, the same instant, so no end is invented.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli.test_diff_cli import run
from tests.conftest import WriteCalendar
from tui.core.export.ical import OpenEnd, to_icalendar
from tui.core.importing.session import Options, prepare_import, write_prepared
from tui.core.loading.load import load_calendar

CALENDAR = """\
[calendar]
title = "Clock change"
timezone = "Europe/Berlin"

[[events]]
id = "gap"
title = "In the skipped hour"
start = 2025-03-30T02:30:00
"""


def test_the_skipped_time_says_how_it_is_read(write_calendar: WriteCalendar) -> None:
    loaded = load_calendar(write_calendar(CALENDAR))
    (warning,) = loaded.warnings
    assert warning.message.endswith("it is read as 03:30 (UTC+02:00)")
    (event,) = loaded.calendar.events
    assert event.start.astimezone(UTC) == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize("open_end", list(OpenEnd))
def test_no_end_survives_export_and_import(
    write_calendar: WriteCalendar, tmp_path: Path, open_end: OpenEnd
) -> None:
    source = load_calendar(write_calendar(CALENDAR)).calendar
    exported = to_icalendar(source, open_end=open_end)
    assert b"DTSTART;TZID=Europe/Berlin:20250330T023000" in exported
    into = tmp_path / "into.toml"
    prepared = prepare_import(into, [("gap.ics", exported)], Options(zone="Europe/Berlin"))
    outcome = write_prepared(prepared)
    assert outcome.result == "saved", outcome.message
    assert "end =" not in into.read_text(encoding="utf-8")
    (event,) = load_calendar(into).calendar.events
    assert event.open_end
    assert event.start.astimezone(UTC) == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)


def test_diff_sees_an_end_added_equal_to_the_start(write_calendar: WriteCalendar) -> None:
    open_end = CALENDAR.replace("02:30:00", "11:00:00")
    ended = open_end + "end = 2025-03-30T11:00:00\n"
    old, new = write_calendar(open_end, name="old.toml"), write_calendar(ended, name="new.toml")
    code, out, _ = run("diff", str(old), str(new))
    assert (code, out) == (
        1,
        'moved gap "In the skipped hour": end (none) → 2025-03-30 11:00 Europe/Berlin\n',
    )
    code, out, _ = run("diff", str(new), str(old))
    assert code == 1 and out.endswith("end 2025-03-30 11:00 Europe/Berlin → (none)\n")
