"""The event form as data: Event -> draft -> TOML values -> saved text -> the same Event."""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date, datetime
from typing import Any

import pytest

from tests.conftest import BASE
from tests.core.editing.edit_helpers import only_inside
from tui.core.editing.edit_check import validate_text
from tui.core.editing.event_form import (
    FormField,
    blocking,
    changes,
    check_draft,
    draft_of,
    new_draft,
    new_values,
    parse_draft,
)
from tui.core.editing.toml_edit import add_event, update_event
from tui.core.errors import Severity
from tui.core.loading.load import bundled_calendar, load_bytes
from tui.core.model import Calendar, Event

BUNDLED = bundled_calendar().read_text(encoding="utf-8")
CALENDAR = load_bytes(BUNDLED.encode(), "events.toml").calendar
DOCUMENT = tomllib.loads(BUNDLED)
SMALL = load_bytes(BASE.encode(), "base.toml").calendar

# Timing shapes the bundled file lacks: an offset start with no zone, an overnight end,
# a multi-day all-day event, estimated start and end, a range of parts, a report time.
SHAPES = (
    BASE
    + """
[[events]]
id = "offset"
title = "Offset"
start = 2025-10-09T11:00:00+05:00
end = 2025-10-10T01:30:00+05:00
approximate = true

[[events]]
id = "days"
title = "Days"
start = 2025-10-09
end = 2025-10-10
all_day = true

[[events]]
id = "range"
title = "Range"
start = 2025-10-09
part_of_day = ["afternoon", "evening"]
under_way_at = 2025-10-09T17:05:00
timezone = "Europe/Moscow"

[[events]]
id = "moment"
title = "Moment"
start = 2025-10-09T16:30:00
approximate = ["start"]
"""
)


def event_in(text: str, event_id: str) -> Event:
    events = load_bytes(text.encode(), "x.toml").calendar.events
    return next(e for e in events if e.id == event_id)


def errors(text: str) -> list[str]:
    return [str(d) for d in validate_text(text, "x.toml") if d.severity is Severity.ERROR]


def rewrite_every_key(text: str, calendar: Calendar, event: Event) -> str:
    """Save the event with every key the form writes, as if each field had been changed."""
    values = parse_draft(draft_of(event), calendar).values
    values.pop("id")
    return update_event(text, event.id, values)


@pytest.mark.parametrize("event", CALENDAR.events, ids=lambda e: e.id)
def test_every_bundled_event_round_trips_through_the_form(event: Event) -> None:
    assert parse_draft(draft_of(event), CALENDAR).errors == {}
    saved = rewrite_every_key(BUNDLED, CALENDAR, event)
    assert errors(saved) == []
    assert event_in(saved, event.id) == event
    assert only_inside(BUNDLED, saved, event.id)


@pytest.mark.parametrize("event_id", ["offset", "days", "range", "moment", "talks"])
def test_every_timing_shape_round_trips_through_the_form(event_id: str) -> None:
    calendar = load_bytes(SHAPES.encode(), "x.toml").calendar
    event = event_in(SHAPES, event_id)
    saved = rewrite_every_key(SHAPES, calendar, event)
    assert errors(saved) == []
    assert event_in(saved, event_id) == event


def test_the_draft_reads_as_typed() -> None:
    calendar = load_bytes(SHAPES.encode(), "x.toml").calendar
    drafts = {e.id: draft_of(e) for e in calendar.events}
    assert (drafts["offset"].start, drafts["offset"].end) == (
        "11:00+05:00",
        "2025-10-10 01:30+05:00",
    )
    assert drafts["offset"].zone == ""
    assert (drafts["days"].date, drafts["days"].end, drafts["days"].all_day) == (
        "2025-10-09",
        "2025-10-10",
        True,
    )
    assert drafts["range"].part_of_day == "afternoon\u2013evening"
    assert (drafts["range"].under_way_at, drafts["range"].zone) == ("17:05", "Europe/Moscow")
    assert (drafts["moment"].start, drafts["moment"].end) == ("16:30", "")
    assert (drafts["moment"].start_estimated, drafts["moment"].end_estimated) == (True, False)


# Every field changed, as a user would type it, and the values the file gets.
TYPED: dict[str, Any] = {
    "title": 'Putin and Rahmon: [bold]talks[/] "again"',
    "kind": "summit",
    "date": "2025-10-10",
    "start": "12:00",
    "end": "15:30",
    "start_estimated": True,
    "end_estimated": True,
    "zone": "asia/dushanbe",
    "location": "Kokhi Navruz",
    "host": "russia",
    "participants": ("putin",),
    "status": "tentative",
    "description": "First line.\nSecond line.",
    "sources": " https://example.org/a \n\nhttps://example.org/b\n",
}
WRITTEN: dict[str, Any] = {
    "title": TYPED["title"],
    "kind": "summit",
    "start": datetime(2025, 10, 10, 12, 0),
    "end": datetime(2025, 10, 10, 15, 30),
    "approximate": ["start", "end"],
    "timezone": "Asia/Dushanbe",
    "location": "Kokhi Navruz",
    "host": "RU",
    "participants": ["putin"],
    "status": "tentative",
    "description": "First line.\nSecond line.",
    "sources": ["https://example.org/a", "https://example.org/b"],
}


def test_every_field_typed_becomes_its_toml_value() -> None:
    talks = event_in(BUNDLED, "ru-tj-talks")
    before = draft_of(talks)
    after = dataclasses.replace(before, **TYPED)
    parsed = parse_draft(after, CALENDAR)
    assert parsed.errors == {}
    changed = changes(before, after, parsed.values)
    assert {k: v for k, v in changed.items() if v is not None} == WRITTEN
    saved = update_event(BUNDLED, "ru-tj-talks", changed)
    assert errors(saved) == []
    assert only_inside(BUNDLED, saved, "ru-tj-talks")
    assert tomllib.loads(saved)["events"] == [
        {"id": "ru-tj-talks", **WRITTEN} if e["id"] == "ru-tj-talks" else e
        for e in DOCUMENT["events"]
    ]


def test_an_unchanged_field_writes_nothing_so_the_author_form_stays() -> None:
    text = BASE.replace('kind = "bilateral"', 'kind = "bilateral"\napproximate = true', 1)
    calendar = load_bytes(text.encode(), "x.toml").calendar
    before = draft_of(event_in(text, "talks"))
    after = dataclasses.replace(before, title="Renamed")
    assert changes(before, after, parse_draft(after, calendar).values) == {"title": "Renamed"}


def test_a_changed_time_rewrites_every_timing_key() -> None:
    before = draft_of(event_in(BASE, "talks"))
    after = dataclasses.replace(before, start="", end="", part_of_day="evening")
    changed = changes(before, after, parse_draft(after, SMALL).values)
    assert changed == {
        "start": date(2025, 10, 9),
        "end": None,
        "part_of_day": "evening",
        "all_day": None,
        "under_way_at": None,
        "approximate": None,
    }


def test_a_new_event_on_a_day_in_the_evening_with_both_participants() -> None:
    draft = dataclasses.replace(
        new_draft(CALENDAR, date(2025, 10, 10)),
        title="Putin and Mirziyoyev meet",
        part_of_day="Evening",
        participants=("putin", "mirziyoyev"),
        host="UZ",
    )
    assert check_draft(DOCUMENT, draft, CALENDAR) == {}
    values = new_values(parse_draft(draft, CALENDAR).values, CALENDAR)
    assert values == {
        "id": "putin-and-mirziyoyev-meet",
        "title": "Putin and Mirziyoyev meet",
        "kind": "other",
        "start": date(2025, 10, 10),  # no "timezone": the calendar's goes without saying
        "host": "UZ",
        "participants": ["putin", "mirziyoyev"],
        "part_of_day": "evening",
    }
    saved = add_event(BUNDLED, values)
    assert errors(saved) == []
    assert saved.startswith(BUNDLED.rstrip("\n"))


@pytest.mark.parametrize(("typed", "code"), [("Tajik", "TJ"), ("rus", "RU"), ("tjk", "TJ")])
def test_the_host_takes_a_unique_prefix_as_the_cli_and_the_filter_do(typed: str, code: str) -> None:
    draft = dataclasses.replace(draft_of(event_in(BASE, "talks")), host=typed)
    assert FormField.HOST not in check_draft(tomllib.loads(BASE), draft, SMALL)
    assert parse_draft(draft, SMALL).values["host"] == code


def test_a_host_prefix_of_several_countries_names_them() -> None:
    draft = dataclasses.replace(new_draft(CALENDAR, date(2025, 10, 10)), title="x", host="T")
    message = check_draft(DOCUMENT, draft, CALENDAR)[FormField.HOST].text
    assert "Tajikistan (TJ)" in message and "Turkmenistan (TM)" in message


def test_a_new_event_in_another_zone_keeps_its_zone() -> None:
    draft = dataclasses.replace(
        new_draft(CALENDAR, date(2025, 10, 10)), title="Call", start="09:00", zone="europe/moscow"
    )
    values = new_values(parse_draft(draft, CALENDAR).values, CALENDAR)
    assert values["timezone"] == "Europe/Moscow"


@pytest.mark.parametrize(
    ("start", "end", "under_way_at"),
    [("9:30", "11:00", "9:45"), ("09:30", "11:00", "09:45"), ("9:30", "2025-10-10 11:00", "")],
)
def test_an_hour_may_have_one_digit(start: str, end: str, under_way_at: str) -> None:
    draft = dataclasses.replace(
        new_draft(CALENDAR, date(2025, 10, 10)),
        title="Call",
        start=start,
        end=end,
        under_way_at=under_way_at,
    )
    values = parse_draft(draft, CALENDAR).values
    assert values["start"] == datetime(2025, 10, 10, 9, 30)
    assert values["end"] == datetime(2025, 10, 10, 11, 0)


def test_a_new_id_is_unique() -> None:
    draft = dataclasses.replace(new_draft(SMALL, date(2025, 10, 9)), title="Talks")
    assert parse_draft(draft, SMALL).values["id"] == "talks-2"


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"date": "2025-13-01"}, FormField.DATE, '"2025-13-01" is not a date'),
        ({"date": ""}, FormField.DATE, "is not a date"),
        ({"start": "7pm"}, FormField.START, '"7pm" is not a time: write it on the 24-hour'),
        ({"start": "25:00"}, FormField.START, "the hours go from 0 to 23"),
        ({"start": "9.30"}, FormField.START, "write it as 9:30"),
        ({"start": "noon"}, FormField.START, "write the hours and minutes, as 9:30 or 19:00"),
        ({"end": "10:00"}, FormField.END, "is before"),
        ({"start": "", "end": "13:00"}, FormField.END, "an end time needs a start time"),
        ({"end": "2025-10-10"}, FormField.END, "give the end a time too"),
        ({"zone": "Asia/Dushanbee"}, FormField.ZONE, 'did you mean "Asia/Dushanbe"'),
        ({"zone": "Mars/Olympus"}, FormField.ZONE, 'unknown time zone "Mars/Olympus"'),
        ({"host": "jikistan"}, FormField.HOST, 'did you mean "Tajikistan"'),
        ({"host": "Narnia"}, FormField.HOST, 'no country "Narnia"'),
        ({"title": "  "}, FormField.TITLE, "give the event a title"),
        ({"start": "", "part_of_day": "evning"}, FormField.PART_OF_DAY, 'did you mean "evening"'),
        ({"part_of_day": "evening"}, FormField.PART_OF_DAY, 'give "start" as a date'),
        ({"start": "", "part_of_day": "evening-morning"}, FormField.PART_OF_DAY, "not a part"),
        ({"start": "", "part_of_day": "evening or morning"}, FormField.PART_OF_DAY, "forward"),
        ({"start": "", "part_of_day": "a, b, c"}, FormField.PART_OF_DAY, "or two for a range"),
        ({"all_day": True}, FormField.ALL_DAY, 'needs "start" as a date'),
        (
            {"start": "", "end": "", "under_way_at": "2025-10-10 22:00"},
            FormField.UNDER_WAY_AT,
            "not on",
        ),
        ({"under_way_at": "22:61"}, FormField.UNDER_WAY_AT, "the minutes go from 00 to 59"),
        ({"start": "", "end": "", "end_estimated": True}, FormField.ESTIMATED, "is a date"),
        ({"end": "", "end_estimated": True}, FormField.ESTIMATED, 'no "end" to estimate'),
    ],
)
def test_wrong_text_gets_a_message_beside_its_field(
    typed: dict[str, Any], field: FormField, message: str
) -> None:
    draft = dataclasses.replace(draft_of(event_in(BASE, "talks")), **typed)
    found = check_draft(tomllib.loads(BASE), draft, SMALL)
    assert field in found, found
    assert message in found[field].text
    assert field in blocking(found)


def test_a_valid_draft_has_no_message() -> None:
    draft = draft_of(event_in(BASE, "talks"))
    assert check_draft(tomllib.loads(BASE), draft, SMALL) == {}


def test_a_time_a_clock_change_skips_is_a_warning_not_a_stop() -> None:
    draft = dataclasses.replace(
        draft_of(event_in(BASE, "talks")),
        date="2025-03-30",
        start="02:30",
        end="04:00",
        zone="Europe/Berlin",
    )
    found = check_draft(tomllib.loads(BASE), draft, SMALL)
    assert "does not exist" in found[FormField.START].text
    assert blocking(found) == []
