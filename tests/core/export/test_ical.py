"""iCalendar export: parsed back with icalendar and compared as instants."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, ROOT
from tui.core.export.ical import fold, reference_icalendar, stamp_time, to_icalendar
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar, Event
from tui.core.text import printable
from tui.core.zones import get_zone

BUNDLED = ROOT / "events.toml"

SAMPLE = DATA / "sample.toml"


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return load_calendar(SAMPLE).calendar


@pytest.fixture(scope="module")
def parsed(calendar: Calendar) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(to_icalendar(calendar))


def vevents(parsed: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in parsed.walk("VEVENT")}


def as_utc(value: datetime) -> datetime:
    assert value.tzinfo is not None, "never floating"
    return value.astimezone(UTC)


def test_every_event_round_trips_as_instants(
    calendar: Calendar, parsed: icalendar.Calendar
) -> None:
    exported = vevents(parsed)
    assert set(exported) == {e.id for e in calendar.events}
    for event in calendar.events:
        vevent = exported[event.id]
        start = vevent.decoded("DTSTART")
        if event.open_end:  # no end is invented
            assert "DTEND" not in vevent and vevent.decoded("DURATION") == timedelta(0)
            assert as_utc(start) == as_utc(event.start)  # type: ignore[arg-type]
            continue
        end = vevent.decoded("DTEND")
        if event.dated:
            assert not isinstance(start, datetime)
            assert (start, end) == (event.start, event.end + timedelta(days=1))
        else:
            assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
            assert (as_utc(start), as_utc(end)) == (as_utc(event.start), as_utc(event.end))


@pytest.mark.parametrize(
    ("event_id", "utc_start"),
    [
        ("talks", datetime(2025, 10, 9, 6, 0, tzinfo=UTC)),  # Dushanbe, UTC+5
        ("berlin-dinner", datetime(2025, 10, 9, 18, 0, tzinfo=UTC)),  # CEST, UTC+2
        ("winter", datetime(2025, 12, 1, 9, 0, tzinfo=UTC)),  # CET, UTC+1
        ("call", datetime(2025, 10, 9, 3, 0, tzinfo=UTC)),  # offset +06:00
    ],
)
def test_known_instants(parsed: icalendar.Calendar, event_id: str, utc_start: datetime) -> None:
    assert as_utc(vevents(parsed)[event_id].decoded("DTSTART")) == utc_start


def test_zones_are_kept_with_a_vtimezone_each(calendar: Calendar) -> None:
    text = to_icalendar(calendar).decode()
    assert "DTSTART;TZID=Asia/Dushanbe:20251009T110000" in text
    assert "DTSTART;TZID=Europe/Berlin:20251009T200000" in text
    # An offset has no IANA zone: it is written in UTC, never as an invented TZID.
    assert "DTSTART:20251009T030000Z" in text
    assert "UTC+06" not in text
    tzids = sorted(str(tz["TZID"]) for tz in icalendar.Calendar.from_ical(text).walk("VTIMEZONE"))
    assert tzids == ["Asia/Dushanbe", "Europe/Berlin"]


def test_all_day_events_are_dates_with_exclusive_end(parsed: icalendar.Calendar) -> None:
    summit = vevents(parsed)["summit"]
    assert summit.decoded("DTSTART") == date(2025, 10, 10)
    assert summit.decoded("DTEND") == date(2025, 10, 12)
    assert "VALUE=DATE" in summit.to_ical().decode()


def test_properties(calendar: Calendar, parsed: icalendar.Calendar) -> None:
    talks = vevents(parsed)["talks"]
    assert str(talks["UID"]) == "talks@test-season"
    assert str(talks["STATUS"]) == "CONFIRMED"
    assert talks["CATEGORIES"].cats == ["bilateral"]
    assert str(talks["LOCATION"]) == "Palace of Nation"
    description = str(talks["DESCRIPTION"])
    assert "Vladimir Putin, President of Russia (Russia)" in description
    assert "https://example.org/talks-2" in description
    assert "The start and the end are estimates, not announced times." in description
    assert str(vevents(parsed)["berlin-dinner"]["STATUS"]) == "TENTATIVE"
    assert str(vevents(parsed)["hostile"]["STATUS"]) == "CANCELLED"
    assert "METHOD" not in parsed


def test_hostile_text_is_escaped_and_round_trips(calendar: Calendar) -> None:
    raw = to_icalendar(calendar)
    assert b"\x1b" not in raw
    hostile = vevents(icalendar.Calendar.from_ical(raw))["hostile"]
    assert str(hostile["SUMMARY"]) == "[bold]x[/] [@click=app.quit]q[/] [red"
    description = str(hostile["DESCRIPTION"])
    assert description.startswith("Line one;\nline two, with commas\\ and \u241b[31mESC\n\n")
    assert b"Line one\\;\\nline two\\, with commas\\\\ and" in raw.replace(b"\r\n ", b"")


def test_lines_are_folded_and_crlf(calendar: Calendar) -> None:
    raw = to_icalendar(calendar)
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    for line in lines:
        line.decode("utf-8")  # no physical line splits a character


@pytest.mark.parametrize("source", [DATA / "sample.toml", BUNDLED], ids=["sample", "bundled"])
def test_export_matches_the_component_api_reference(source: Path) -> None:
    """The fast writer and icalendar's component API give the same calendar when parsed."""
    calendar = load_calendar(source).calendar
    fast = icalendar.Calendar.from_ical(to_icalendar(calendar))
    reference = icalendar.Calendar.from_ical(reference_icalendar(calendar))
    assert fast == reference
    assert fast.walk("VEVENT") == reference.walk("VEVENT")


def test_vtimezones_agree_with_tzdata(calendar: Calendar) -> None:
    """Each VTIMEZONE, read on its own (not looked up by name), gives tzdata's offsets."""
    parsed = icalendar.Calendar.from_ical(to_icalendar(calendar))
    for component in parsed.walk("VTIMEZONE"):
        written = component.to_tz(lookup_tzid=False)
        zone = get_zone(str(component["TZID"]))
        for day in range(0, 780, 3):  # a year before the events to a year after
            instant = datetime(2024, 10, 10, tzinfo=UTC) + timedelta(days=day, hours=day % 24)
            assert instant.astimezone(written).utcoffset() == instant.astimezone(zone).utcoffset()


text_values = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=200
)


@settings(max_examples=60, deadline=None)
@given(title=text_values, location=text_values, description=text_values)
def test_any_text_survives_both_writers_alike(
    calendar: Calendar, title: str, location: str, description: str
) -> None:
    event = replace(calendar.events[1], title=title, location=location, description=description)
    changed = replace(calendar, events=(event,))
    fast = icalendar.Calendar.from_ical(to_icalendar(changed)).walk("VEVENT")[0]
    reference = icalendar.Calendar.from_ical(reference_icalendar(changed)).walk("VEVENT")[0]
    assert fast == reference
    assert str(fast["SUMMARY"]) == printable(title)


@pytest.mark.parametrize(
    "line",
    ["x" * 75, "x" * 76, "é" * 80, "DESCRIPTION:" + "a\\,b\\n" * 30, "日本語" * 40],
)
def test_fold_keeps_characters_and_escapes_whole(line: str) -> None:
    folded = fold(line)
    physical = folded.encode().split(b"\r\n ")
    assert all(len(part) <= 75 for part in physical)
    assert "".join(part.decode() for part in physical) == line


def test_same_input_same_bytes(calendar: Calendar) -> None:
    assert to_icalendar(calendar) == to_icalendar(calendar)
    assert b"DTSTAMP:20251011T000000Z" in to_icalendar(calendar)


def test_dtstamp_falls_back_to_source_date_epoch_then_clock(
    calendar: Calendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    undated = Calendar(title="x", id="x", timezone="UTC", events=calendar.events)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert stamp_time(undated) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    fixed = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert stamp_time(undated, clock=lambda: fixed) == fixed


def test_uid_is_stable_across_edits(calendar: Calendar, tmp_path: Path) -> None:
    edited = tmp_path / "edited.toml"
    edited.write_text(SAMPLE.read_text().replace('title = "Talks in Dushanbe"', 'title = "Talks"'))
    before = vevents(icalendar.Calendar.from_ical(to_icalendar(calendar)))
    after = vevents(icalendar.Calendar.from_ical(to_icalendar(load_calendar(edited).calendar)))
    assert before["talks"]["UID"] == after["talks"]["UID"]


def test_subset_exports_only_those_events(calendar: Calendar) -> None:
    chosen: list[Event] = [e for e in calendar.events if e.id == "winter"]
    parsed = icalendar.Calendar.from_ical(to_icalendar(calendar, chosen))
    assert list(vevents(parsed)) == ["winter"]
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_golden_file(calendar: Calendar) -> None:
    """The whole export, byte for byte: a change here is a change users will see."""
    golden = DATA / "sample.ics"
    assert to_icalendar(calendar) == golden.read_bytes()
