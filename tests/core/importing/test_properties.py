"""Properties of import: export -> import -> export is a fixed point; importing twice changes
nothing; a newer revision updates and an older one does not; a cancellation cancels."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.export.ical import to_icalendar
from tui.core.importing.session import Options, Prepared, prepare_import, write_prepared
from tui.core.loading.load import load_bytes, load_calendar
from tui.core.model import Calendar, PartOfDay, Status

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
ZONES = ["Asia/Dushanbe", "Europe/Moscow", "Europe/Berlin", "America/New_York"]
PARTS = [p.value for p in PartOfDay]
HEAD = {
    "countries": {
        "RU": {"name": "Russia", "capital": "Moscow", "timezone": "Europe/Moscow"},
        "TJ": {"name": "Tajikistan", "capital": "Dushanbe", "aliases": ["Tojikiston"]},
    },
    "participants": {
        "putin": {
            "name": "Vladimir Putin",
            "country": "RU",
            "title": "President",
            "icc_warrant": True,
        },
        "rahmon": {"name": "Emomali Rahmon", "country": "TJ"},
    },
}
# Text a calendar may hold and iCalendar carries as it is (controls are written as symbols).
text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(str.strip)


@st.composite
def timed(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    start = datetime.combine(
        day, time(draw(st.integers(6, 20)), draw(st.sampled_from([0, 15, 55])))
    )
    table: dict[str, Any] = {"start": start}
    if draw(st.booleans()):
        table["end"] = start + timedelta(minutes=draw(st.integers(1, 600)))
    if draw(st.booleans()):
        table["timezone"] = draw(st.sampled_from(ZONES))
    estimated = draw(st.sampled_from([[], ["start"], ["end"], ["start", "end"]]))
    estimated = [e for e in estimated if e in table]
    if estimated:
        table["approximate"] = estimated
    return table


@st.composite
def dated(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    table: dict[str, Any] = {"start": day}
    if draw(st.booleans()):
        table["timezone"] = draw(st.sampled_from(ZONES))
    shape = draw(st.sampled_from(["all day", "part", "under way", "not announced"]))
    if shape == "all day":
        table["all_day"] = True
        if draw(st.booleans()):
            table["end"] = day + timedelta(days=draw(st.integers(1, 3)))
    elif shape == "part":
        first = draw(st.integers(0, len(PARTS) - 1))
        last = draw(st.integers(first, min(first + 1, len(PARTS) - 1)))
        table["part_of_day"] = PARTS[first] if first == last else PARTS[first : last + 1]
    elif shape == "under way":
        table["under_way_at"] = datetime.combine(day, time(draw(st.integers(8, 20)), 38))
    return table


@st.composite
def calendars(draw: st.DrawFn) -> Calendar:
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    events = []
    for event_id in ids:
        table = {"id": event_id, "title": draw(text), **draw(st.one_of(timed(), dated()))}
        optional = {
            "kind": st.sampled_from(["bilateral", "summit", "ceremony", "travel"]),
            "location": text,
            "description": text,
            "host": st.sampled_from(["RU", "TJ"]),
            "participants": st.sampled_from([["putin"], ["rahmon", "putin"]]),
            "status": st.sampled_from(["tentative", "cancelled"]),
            "sources": st.lists(
                st.from_regex(r"https://example\.org/[a-z0-9,;]{1,10}", fullmatch=True),
                min_size=1,
                max_size=2,
            ),
        }
        for key, strategy in optional.items():
            if draw(st.booleans()):
                table[key] = draw(strategy)
        events.append(table)
    header = {"title": draw(text), "id": "generated", "timezone": draw(st.sampled_from(ZONES))}
    document = {"calendar": header, **HEAD, "events": events}
    return load_bytes(tomli_w.dumps(document).encode(), "generated.toml").calendar


def imported(folder: Path, data: bytes, name: str = "in.ics") -> Prepared:
    return prepare_import(folder / "cal.toml", [(name, data)], Options())


def write(prepared: Prepared) -> None:
    outcome = write_prepared(prepared)
    assert outcome.result == ("saved" if prepared.writes else "unchanged"), outcome.message


def without_stamp(data: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", data)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(calendar=calendars())
def test_export_import_export_is_a_fixed_point(calendar: Calendar) -> None:
    exported = to_icalendar(calendar, clock=lambda: CLOCK)
    with tempfile.TemporaryDirectory() as folder:
        prepared = imported(Path(folder), exported)
        again = to_icalendar(prepared.calendar, clock=lambda: CLOCK)
        assert without_stamp(again) == without_stamp(exported)
        assert [e.id for e in prepared.calendar.events] == [e.id for e in calendar.events]
        write(prepared)
        twice = imported(Path(folder), exported)  # importing it twice changes nothing
        assert (twice.writes, twice.changes) == (False, [])


def vcalendar(sequence: int, stamp: datetime, title: str, method: str = "PUBLISH") -> bytes:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", f"METHOD:{method}",
        "BEGIN:VEVENT", "UID:meeting-42@mfa.example", f"SEQUENCE:{sequence}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}", f"SUMMARY:{title}",
        "DTSTART;TZID=Asia/Dushanbe:20251009T110000", "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n").encode()


revision = st.tuples(
    st.integers(0, 3),
    st.datetimes(datetime(2025, 1, 1), datetime(2025, 1, 3)).map(
        lambda moment: moment.replace(microsecond=0, tzinfo=UTC)
    ),
)


@SETTINGS
@given(first=revision, second=revision)
def test_a_newer_revision_updates_and_an_older_one_does_not(
    first: tuple[int, datetime], second: tuple[int, datetime]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write(
            prepare_import(
                folder / "cal.toml",
                [("a.ics", vcalendar(*first, "First"))],
                Options(zone="Asia/Dushanbe"),
            )
        )
        later = imported(folder, vcalendar(*second, "Second"))
        write(later)
        (event,) = load_calendar(folder / "cal.toml").calendar.events
        assert event.id == "meeting-42"
        if second > first:
            assert event.title == "Second"
        elif second < first:
            assert event.title == "First"
            assert "older than the version imported before" in later.plan.skipped[0].reason
        else:  # the same revision: nothing to tell them apart by; the file's version stands
            assert event.title == "Second"


@SETTINGS
@given(first=revision, bump=st.integers(0, 2))
def test_a_cancellation_cancels(first: tuple[int, datetime], bump: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write(
            prepare_import(
                folder / "cal.toml",
                [("a.ics", vcalendar(*first, "Talks"))],
                Options(zone="Asia/Dushanbe"),
            )
        )
        sequence, stamp = first
        cancel = vcalendar(sequence + bump, stamp + timedelta(hours=1), "Talks", "CANCEL")
        write(imported(folder, cancel))
        (event,) = load_calendar(folder / "cal.toml").calendar.events
        assert (event.status, event.title) == (Status.CANCELLED, "Talks")
