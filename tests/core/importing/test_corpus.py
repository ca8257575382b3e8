"""Real-looking .ics files from each client, imported into a new calendar: what each gives.

Each file is imported without a traceback; valid files give exactly the events listed (by
title, start in UTC and the keys that matter), the rest are listed with their reason, and
broken files are errors at the line that breaks them, with nothing written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from tui.core.errors import CalendarError
from tui.core.importing.session import Options, Prepared, prepare_import, write_prepared
from tui.core.loading.load import load_calendar
from tui.core.model import Event, Status

ICS = Path(__file__).parents[2] / "data" / "ics"


def imported(tmp_path: Path, *names: str, zone: str | None = "Asia/Dushanbe") -> Prepared:
    sources = [(str(ICS / name), (ICS / name).read_bytes()) for name in names]
    return prepare_import(tmp_path / "cal.toml", sources, Options(zone=zone))


def write(prepared: Prepared) -> None:
    outcome = write_prepared(prepared)
    assert outcome.result == "saved", outcome.message


def utc(event: Event) -> datetime | date:
    return event.start.astimezone(UTC) if isinstance(event.start, datetime) else event.start


def facts(event: Event) -> dict[str, Any]:
    found: dict[str, Any] = {"title": event.title, "start": utc(event)}
    if event.open_end:
        found["no end"] = True
    elif isinstance(event.end, datetime):
        found["minutes"] = int(event.duration.total_seconds() // 60)
    elif event.end != event.start:
        found["last day"] = event.end
    if event.timezone and not event.dated:
        found["zone"] = event.timezone
    if event.all_day:
        found["all day"] = True
    if event.status is not Status.CONFIRMED:
        found["status"] = event.status.value
    return found


def at(hour: int, minute: int = 0, day: int = 9) -> datetime:
    return datetime(2025, 10, day, hour, minute, tzinfo=UTC)


CORPUS = {
    "google.ics": [  # X-WR-TIMEZONE: UTC times shown in Asia/Dushanbe, as Google shows them
        {
            "title": "Official welcome ceremony",
            "start": at(6),
            "minutes": 55,
            "zone": "Asia/Dushanbe",
        },
        {
            "title": "State visit to Tajikistan",
            "start": date(2025, 10, 8),
            "last day": date(2025, 10, 10),
            "all day": True,
        },
        *[
            {
                "title": "Press briefing",
                "start": at(4, day=day),
                "minutes": 30,
                "zone": "Asia/Dushanbe",
            }
            for day in range(6, 11)
        ],
    ],
    "outlook.ics": [  # "Russian Standard Time" is Europe/Moscow
        {
            "title": "Russia-Tajikistan talks",
            "start": at(6, 55),
            "minutes": 245,
            "zone": "Europe/Moscow",
        },
    ],
    "apple.ics": [
        {
            "title": "CIS Council of Heads of State",
            "start": at(5, day=10),
            "minutes": 240,
            "zone": "Europe/Moscow",
        },
        {"title": "CIS summit day", "start": date(2025, 10, 10), "all day": True},
    ],
    "thunderbird.ics": [  # no DTEND and no DURATION: no end is invented
        {
            "title": "Putin and Tokayev meet",
            "start": at(10, day=10),
            "no end": True,
            "zone": "Asia/Almaty",
            "status": "tentative",
        },
        {
            "title": "Closing press conference",
            "start": at(13, day=10),
            "minutes": 45,
            "zone": "Asia/Almaty",
        },
    ],
    "khal.ics": [  # floating: read in --timezone
        {
            "title": "Wreath-laying at the Somoni monument",
            "start": at(14, day=8),
            "minutes": 30,
            "zone": "Asia/Dushanbe",
        },
    ],
    "calcurse.ics": [
        {
            "title": "Central Asia-Russia summit",
            "start": at(9, 30),
            "minutes": 120,
            "zone": "Asia/Dushanbe",
        },
        {"title": "CIS summit", "start": date(2025, 10, 10), "all day": True},
    ],
    "no-uid.ics": [
        {"title": "Event without UID", "start": at(6), "no end": True, "zone": "Asia/Dushanbe"},
        {"title": "Event without UID", "start": at(7), "no end": True, "zone": "Asia/Dushanbe"},
    ],
    "todo-journal.ics": [{"title": "The one event", "start": date(2025, 10, 9), "all day": True}],
    "unknown-zone.ics": [
        {"title": "Meeting on Earth", "start": at(6), "no end": True, "zone": "Asia/Dushanbe"}
    ],
}
SKIPPED = {
    "calcurse.ics": [(15, "a VTODO is not an event")],
    "todo-journal.ics": [(4, "a VTODO is not an event"), (9, "a VJOURNAL is not an event")],
    "unknown-zone.ics": [(4, 'unknown time zone "Mars/Olympus_Mons"')],
}


def by_start(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def key(item: dict[str, Any]) -> tuple[str, str]:
        return (str(item["start"]), item["title"])

    return sorted(found, key=key)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_file_gives_its_events(tmp_path: Path, name: str) -> None:
    prepared = imported(tmp_path, name)
    assert by_start([facts(e) for e in prepared.calendar.events]) == by_start(CORPUS[name])
    skipped = [(s.line, s.reason) for s in prepared.plan.skipped]
    assert len(skipped) == len(SKIPPED.get(name, []))
    for (line, reason), (want_line, want) in zip(skipped, SKIPPED.get(name, []), strict=True):
        assert line == want_line
        assert reason.startswith(want)
    write(prepared)
    assert load_calendar(tmp_path / "cal.toml").calendar.events == prepared.calendar.events


def test_recurrences_expand_with_exceptions_and_overrides(tmp_path: Path) -> None:
    prepared = imported(tmp_path, "recurrence.ics")
    events = {e.id: e for e in prepared.calendar.events}
    daily = sorted(i for i in events if i.startswith("daily-coordination"))
    # 5 days, one excluded (EXDATE 7th), one moved (RECURRENCE-ID 8th: 15:00, new title).
    assert daily == [
        "daily-coordination-20251006t0900",
        "daily-coordination-20251008t0900",
        "daily-coordination-20251009t0900",
        "daily-coordination-20251010t0900",
    ]
    moved = events["daily-coordination-20251008t0900"]
    assert (moved.title, utc(moved)) == ("Coordination meeting (moved)", at(10, day=8))
    weekly = [i for i in events if i.startswith("weekly-call")]
    assert len(weekly) == 53  # a year from its first occurrence, said in the report
    assert any("later ones are not imported" in note for note in prepared.plan.notes)


def test_recurrences_stay_in_the_window_asked_for(tmp_path: Path) -> None:
    sources = [("r.ics", (ICS / "recurrence.ics").read_bytes())]
    options = Options("Asia/Dushanbe", date(2025, 10, 8), date(2025, 10, 15))
    prepared = prepare_import(tmp_path / "cal.toml", sources, options)
    assert sorted(e.id for e in prepared.calendar.events) == [
        "daily-coordination-20251008t0900",
        "daily-coordination-20251009t0900",
        "daily-coordination-20251010t0900",
        "weekly-call-20251008t1000",
        "weekly-call-20251015t1000",
    ]


def test_invitation_update_and_cancellation(tmp_path: Path) -> None:
    """Outlook's REQUEST, then SEQUENCE 1 moving it, then CANCEL: one event, cancelled."""
    write(imported(tmp_path, "outlook.ics"))
    update = imported(tmp_path, "outlook-update.ics")
    assert [c.kind.value for c in update.changes] == ["moved"]
    write(update)
    stale = imported(tmp_path, "outlook.ics")
    assert not stale.writes
    assert "older than the version imported before (SEQUENCE 0 < 1)" in stale.plan.skipped[0].reason
    cancel = imported(tmp_path, "outlook-cancel.ics")
    write(cancel)
    (event,) = load_calendar(tmp_path / "cal.toml").calendar.events
    assert (event.status, event.title, utc(event)) == (
        Status.CANCELLED,
        "Russia-Tajikistan talks",  # a cancellation changes the status, not the title
        at(7, 30),
    )


@pytest.mark.parametrize("name", [*sorted(CORPUS), "recurrence.ics", "outlook-cancel.ics"])
def test_same_file_twice_changes_nothing(tmp_path: Path, name: str) -> None:
    write(imported(tmp_path, name))
    before = (tmp_path / "cal.toml").read_bytes()
    again = imported(tmp_path, name)
    assert (again.writes, again.changes) == (False, [])
    assert (tmp_path / "cal.toml").read_bytes() == before


def test_files_into_one_calendar_then_all_again_change_nothing(tmp_path: Path) -> None:
    names = sorted(CORPUS)
    write(imported(tmp_path, *names))
    again = imported(tmp_path, *names)
    assert (again.writes, again.changes) == (False, [])


BROKEN = {
    "broken-truncated.ics": (4, "BEGIN:VEVENT is never ended"),
    "broken-html.ics": (1, "not an iCalendar file"),
    "broken-line.ics": (6, 'not a content line "NAME:value": "this line has no colon"'),
    "broken-dtstart.ics": (5, "VEVENT DTSTART: Wrong datetime format"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_are_located_errors(tmp_path: Path, name: str) -> None:
    with pytest.raises(CalendarError) as caught:
        imported(tmp_path, name)
    (diagnostic,) = caught.value.diagnostics
    line, message = BROKEN[name]
    assert (diagnostic.file, diagnostic.line) == (str(ICS / name), line)
    assert diagnostic.message.startswith(message)
    assert not (tmp_path / "cal.toml").exists()
