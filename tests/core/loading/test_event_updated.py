"""An event's own `updated` stamp: read, checked, cached, exported as LAST-MODIFIED."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import icalendar
import pytest

from tests.conftest import BASE
from tui.core.errors import CalendarError
from tui.core.export.ical import to_icalendar
from tui.core.export.toml_calendar import to_toml
from tui.core.loading import cache_format
from tui.core.loading.load import load_bytes, parse_toml
from tui.core.loading.validate import build_calendar

STAMPED = BASE.replace(
    'participants = ["putin", "rahmon"]\n',
    'participants = ["putin", "rahmon"]\nupdated = 2026-11-28T10:15:00+03:00\n',
    1,
)
WHEN = datetime(2026, 11, 28, 7, 15, tzinfo=UTC)


def test_the_stamp_is_read_as_an_aware_datetime() -> None:
    assert STAMPED != BASE
    talks = load_bytes(STAMPED.encode(), "cal.toml").calendar.events
    stamped = next(e for e in talks if e.id == "talks")
    assert stamped.updated == WHEN
    assert stamped.updated is not None and stamped.updated.utcoffset() == timedelta(hours=3)
    assert all(e.updated is None for e in talks if e.id != "talks")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-11-28T10:15:00", '"updated" must be an offset date-time'),
        ("2026-11-28", '"updated" must be an offset date-time'),
        ('"yesterday"', '"updated" must be an offset date-time'),
        ("9999-12-31T23:00:00Z", "must lie in the years 3 to 9997"),
    ],
)
def test_a_bad_stamp_is_a_located_error(value: str, message: str) -> None:
    text = STAMPED.replace("2026-11-28T10:15:00+03:00", value)
    with pytest.raises(CalendarError) as caught:
        load_bytes(text.encode(), "cal.toml")
    [problem] = caught.value.diagnostics
    line = text.splitlines().index(f"updated = {value}") + 1
    assert (problem.line, problem.column) == (line, len("updated = ") + 1)  # at the value
    assert message in problem.message


def test_the_fast_path_and_the_full_check_agree_on_the_stamp() -> None:
    document = parse_toml(STAMPED, "cal.toml")
    calendar, _ = build_calendar(document)
    assert calendar is not None
    from tui.core.loading.validate import _Builder  # the full check, event by event

    builder = _Builder(document, None)
    builder.calendar_header()
    countries = builder.countries()
    people = builder.participants(countries)
    raw = document["events"][0]
    full = builder.full_event(raw, ("events", 0), countries, people)
    assert full == next(e for e in calendar.events if e.id == "talks")
    assert full is not None and full.updated == WHEN


def test_the_cache_keeps_the_stamp() -> None:
    loaded = load_bytes(STAMPED.encode(), "cal.toml")
    data = cache_format.encode(loaded.calendar, [])
    calendar, _ = cache_format.decode(data, "cal.toml")
    assert calendar == loaded.calendar
    assert next(e for e in calendar.events if e.id == "talks").updated == WHEN


def test_the_toml_export_keeps_the_stamp() -> None:
    calendar = load_bytes(STAMPED.encode(), "cal.toml").calendar
    again = load_bytes(to_toml(calendar).encode(), "again.toml").calendar
    assert next(e for e in again.events if e.id == "talks").updated == WHEN


def test_last_modified_is_the_events_own_stamp() -> None:
    calendar = load_bytes(STAMPED.encode(), "cal.toml").calendar
    noticed = datetime(2026, 12, 5, tzinfo=timezone(timedelta(hours=5)))
    data = to_icalendar(calendar, revisions={"talks": (2, noticed), "summit": (1, noticed)})
    events = {
        str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    assert events["talks"].decoded("LAST-MODIFIED") == WHEN
    assert events["talks"].decoded("SEQUENCE") == 2
    assert events["summit"].decoded("LAST-MODIFIED") == noticed  # no stamp: when noticed
