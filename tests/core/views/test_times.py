"""Times as they are known: each form through loading, wording, order, agenda and export."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from tests.conftest import BASE, WriteCalendar
from tui.core.errors import CalendarError, Severity
from tui.core.event_order import Section, sections
from tui.core.export.ical import reference_icalendar, to_icalendar
from tui.core.export.toml_calendar import to_toml
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar, Event, PartOfDay
from tui.core.views.agenda_text import agenda_text
from tui.core.views.filter import ZoneMode, display_zone
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import known_times, time_range
from tui.core.zones import get_zone

DUSHANBE = get_zone("Asia/Dushanbe")
BERLIN = get_zone("Europe/Berlin")

# One day with every form, written out of order: the loader must put it in the day's order.
FORMS = """
[[events]]
id = "unknown"
title = "Time not announced"
start = 2025-10-09

[[events]]
id = "evening"
title = "Dinner"
start = 2025-10-09
part_of_day = "evening"

[[events]]
id = "reported"
title = "Reported"
start = 2025-10-09
part_of_day = "evening"
under_way_at = 2025-10-09T22:38:00

[[events]]
id = "late"
title = "Late afternoon or evening"
start = 2025-10-09
part_of_day = ["afternoon", "evening"]

[[events]]
id = "welcome"
title = "Welcome"
start = 2025-10-09T11:00:00
end = 2025-10-09T11:55:00
approximate = ["end"]

[[events]]
id = "open"
title = "Open end"
start = 2025-10-09T16:30:00
approximate = true

[[events]]
id = "morning"
title = "Morning"
start = 2025-10-09
part_of_day = "morning"

[[events]]
id = "holiday"
title = "Holiday"
start = 2025-10-09
all_day = true
"""


def calendar_of(write_calendar: WriteCalendar, extra: str = FORMS) -> Calendar:
    loaded = load_calendar(write_calendar(BASE.split("[[events]]")[0] + extra))
    assert loaded.warnings == []
    return loaded.calendar


@pytest.fixture
def forms(write_calendar: WriteCalendar) -> Calendar:
    return calendar_of(write_calendar)


def by_id(calendar: Calendar) -> dict[str, Event]:
    return {event.id: event for event in calendar.events}


def test_each_form_loads(forms: Calendar) -> None:
    events = by_id(forms)
    assert events["welcome"].start_estimated is False and events["welcome"].end_estimated
    # `approximate = true` marks every time given; the end was not given, so not estimated.
    assert (events["open"].start_estimated, events["open"].end_estimated) == (True, False)
    assert events["open"].open_end and events["open"].end == events["open"].start
    assert events["late"].part_of_day == (PartOfDay.AFTERNOON, PartOfDay.EVENING)
    assert events["reported"].under_way_at == datetime(2025, 10, 9, 22, 38, tzinfo=DUSHANBE)
    assert events["holiday"].all_day and not events["holiday"].time_not_announced
    assert events["unknown"].time_not_announced and not events["unknown"].all_day
    assert events["unknown"].timezone == "Asia/Dushanbe"  # a part of day is meant there


DAY_ORDER = ["holiday", "morning", "welcome", "open", "late", "evening", "reported", "unknown"]


@pytest.mark.parametrize("mode", list(ZoneMode))
def test_the_day_reads_in_order_in_every_zone(forms: Calendar, mode: ZoneMode) -> None:
    days = CalendarIndex(forms).by_day(mode, BERLIN)
    assert [e.id for e in days[date(2025, 10, 9)]] == DAY_ORDER
    assert [e.id for e in forms.events] == DAY_ORDER  # the export's order too


def test_sections_put_unknown_times_last_under_a_heading(forms: Calendar) -> None:
    grouped = sections(list(forms.events))
    assert [place for place, _ in grouped] == list(Section)
    assert [e.id for e in grouped[-1][1]] == ["unknown"]


VENUE_ROWS = {
    "holiday": "all day",
    "morning": "morning",
    "welcome": "11:00\u2013≈11:55",
    "open": "from ≈16:30",
    "late": "afternoon\u2013evening",
    "evening": "evening",
    "reported": "under way at ≈22:38",
    "unknown": "time not announced",
}
UTC_ROWS = {
    **VENUE_ROWS,
    "morning": "morning (Asia/Dushanbe)",
    "welcome": "06:00\u2013≈06:55",
    "open": "from ≈11:30",
    "late": "afternoon\u2013evening (Asia/Dushanbe)",
    "evening": "evening (Asia/Dushanbe)",
    "reported": "under way at ≈17:38",
}


@pytest.mark.parametrize(("mode", "rows"), [(ZoneMode.EVENT, VENUE_ROWS), (ZoneMode.UTC, UTC_ROWS)])
def test_rows_mark_only_what_is_estimated(
    forms: Calendar, mode: ZoneMode, rows: dict[str, str]
) -> None:
    day = date(2025, 10, 9)
    shown = {e.id: time_range(e, display_zone(e, mode, BERLIN), day) for e in forms.events}
    assert shown == rows


@pytest.mark.parametrize(
    ("event_id", "words"),
    [
        ("welcome", "The start at 11:00 was announced; the end at ≈11:55 is an estimate."),
        ("open", "The start at ≈16:30 is an estimate. The end was not announced."),
        ("holiday", "All day."),
        ("unknown", "The time was not announced."),
        (
            "late",
            "The time was not announced. It is in the afternoon or evening, venue time "
            "(Asia/Dushanbe).",
        ),
        (
            "reported",
            "The time was not announced. It is in the evening, venue time (Asia/Dushanbe). "
            "A news report at ≈22:38 (Asia/Dushanbe) says it was already under way: the start "
            "is earlier and not known.",
        ),
    ],
)
def test_details_say_what_is_known_and_estimated(
    forms: Calendar, event_id: str, words: str
) -> None:
    assert known_times(by_id(forms)[event_id], DUSHANBE) == words


def test_old_files_still_load(write_calendar: WriteCalendar) -> None:
    """`approximate = true` means every given time; a date alone means time not announced."""
    old = BASE.replace(
        'participants = ["putin", "rahmon"]',
        'participants = ["putin", "rahmon"]\napproximate = true',
    )
    events = by_id(load_calendar(write_calendar(old)).calendar)
    assert (events["talks"].start_estimated, events["talks"].end_estimated) == (True, True)
    assert time_range(events["talks"], DUSHANBE) == "≈11:00\u2013≈13:00"
    assert events["summit"].time_not_announced


def located(write_calendar: WriteCalendar, extra: str) -> tuple[str, int, int]:
    text = BASE + extra
    with pytest.raises(CalendarError) as caught:
        load_calendar(write_calendar(text))
    (first,) = [d for d in caught.value.diagnostics if d.severity is Severity.ERROR]
    return first.message, first.line, first.column


EVENT = '\n[[events]]\nid = "x"\ntitle = "X"\n'


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ('start = 2025-10-09\npart_of_day = "evning"', '(did you mean "evening"?)'),
        ('start = 2025-10-09\npart_of_day = ["afternon", "evening"]', '"afternoon"?'),
        ('start = 2025-10-09\npart_of_day = ["evening", "morning"]', "goes forward in the day"),
        ('start = 2025-10-09\npart_of_day = ["a", "b", "c"]', "or two for a range"),
        ('start = 2025-10-09T10:00:00\npart_of_day = "evening"', 'give "start" as a date'),
        ('start = 2025-10-09\nend = 2025-10-10\npart_of_day = "evening"', "one-day event"),
        (
            'start = 2025-10-09T10:00:00\nend = 2025-10-09T11:00:00\napproximate = ["ends"]',
            '(did you mean "end"?)',
        ),
        ('start = 2025-10-09T10:00:00\napproximate = ["end"]', 'no "end" to estimate'),
        ('start = 2025-10-09T10:00:00\napproximate = "yes"', "must be true, false or"),
        ("start = 2025-10-09T10:00:00\nall_day = true", 'needs "start" as a date'),
        ('start = 2025-10-09\npart_of_day = "evening"\nall_day = true', "cannot go with"),
        ("start = 2025-10-09\nunder_way_at = 2025-10-10T22:38:00", "not on the event's date"),
        ("start = 2025-10-09T10:00:00\nunder_way_at = 2025-10-09T10:38:00", "start is not known"),
        ("start = 2025-10-09\nunder_way_at = 22:38:00", "must be a date-time"),
        ("start = 2025-10-09\nunder_wey_at = 2025-10-09T22:38:00", '"under_way_at"?'),
    ],
)
def test_mistakes_in_the_new_keys_are_located(
    write_calendar: WriteCalendar, extra: str, words: str
) -> None:
    message, line, column = located(write_calendar, EVENT + extra + "\n")
    assert words in message
    assert line == (BASE + EVENT + extra).count("\n") + 1  # the new key, written last
    assert column >= 1


def test_approximate_on_a_date_is_a_warning(write_calendar: WriteCalendar) -> None:
    text = BASE + EVENT + "start = 2025-10-09\napproximate = true\n"
    (warning,) = load_calendar(write_calendar(text)).warnings
    assert "no time to estimate" in warning.message


def test_no_end_is_invented_across_a_clock_change(write_calendar: WriteCalendar) -> None:
    """01:30 on the night Berlin falls back: a default hour would be 2 h of wall time."""
    extra = (
        '\n[[events]]\nid = "night"\ntitle = "Night"\ntimezone = "Europe/Berlin"\n'
        "start = 2025-10-26T01:30:00\n"
    )
    event = by_id(calendar_of(write_calendar, extra))["night"]
    assert event.end == event.start and event.duration.total_seconds() == 0
    vevent = icalendar.Calendar.from_ical(to_icalendar(calendar_of(write_calendar, extra)))
    (exported,) = vevent.walk("VEVENT")
    # A moment, so that no client invents an hour (khal does for a missing DTEND).
    assert "DTEND" not in exported and exported.decoded("DURATION") == timedelta(0)
    assert "The end was not announced." in str(exported["DESCRIPTION"])


def vevents_of(calendar: Calendar) -> dict[str, icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(to_icalendar(calendar))
    return {str(e["UID"]).split("@")[0]: e for e in parsed.walk("VEVENT")}


def test_each_form_exports_one_honest_mapping(forms: Calendar) -> None:
    vevents = vevents_of(forms)
    for event_id in ("holiday", "morning", "late", "evening", "reported", "unknown"):
        vevent = vevents[event_id]
        assert vevent.decoded("DTSTART") == date(2025, 10, 9), event_id  # VALUE=DATE
        assert vevent.decoded("DTEND") == date(2025, 10, 10), event_id
        assert str(vevent["SUMMARY"]) == by_id(forms)[event_id].title
        assert str(vevent["STATUS"]) == "CONFIRMED"
    described = {key: str(v.get("DESCRIPTION", "")) for key, v in vevents.items()}
    assert described["holiday"] == ""
    assert "in the evening, venue time (Asia/Dushanbe)" in described["evening"]
    assert "afternoon or evening" in described["late"]
    assert "≈22:38 (Asia/Dushanbe)" in described["reported"]
    assert described["unknown"] == "The time was not announced."
    welcome = vevents["welcome"]
    assert welcome.decoded("DTSTART") == datetime(2025, 10, 9, 11, tzinfo=DUSHANBE)
    assert described["welcome"] == "The start was announced; the end is an estimate."
    assert "DTEND" not in vevents["open"] and vevents["open"].decoded("DURATION") == timedelta(0)
    assert described["open"] == "The start is an estimate. The end was not announced."


def test_no_export_says_a_time_is_announced_and_estimated(forms: Calendar) -> None:
    for event_id, text in {
        k: str(v.get("DESCRIPTION", "")) for k, v in vevents_of(forms).items()
    }.items():
        for time in ("start", "end"):
            said = [s for s in text.replace(";", ".").split(".") if f"the {time}" in s.lower()]
            announced = any("announced" in s and "not" not in s for s in said)
            estimated = any("estimate" in s for s in said)
            assert not (announced and estimated), (event_id, text)


def test_both_writers_agree_on_every_form(forms: Calendar) -> None:
    fast = icalendar.Calendar.from_ical(to_icalendar(forms)).walk("VEVENT")
    assert fast == icalendar.Calendar.from_ical(reference_icalendar(forms)).walk("VEVENT")


def test_toml_export_keeps_every_form(forms: Calendar, tmp_path: Path) -> None:
    path = tmp_path / "again.toml"
    path.write_text(to_toml(forms), encoding="utf-8")
    again = load_calendar(path)
    assert again.warnings == []
    assert again.calendar.events == forms.events


def test_the_cache_round_trips_every_form(forms: Calendar) -> None:
    assert pickle.loads(pickle.dumps(forms.events)) == forms.events


def test_agenda_tells_the_day_in_order(forms: Calendar) -> None:
    text = agenda_text(CalendarIndex(forms), forms.events, ZoneMode.LOCAL, UTC)
    lines = text.splitlines()
    assert lines[:3] == ["Times in UTC", "", "Thursday 9 October 2025"]
    width = len("afternoon\u2013evening (Asia/Dushanbe)")
    assert lines[3] == f"  {'all day':<{width}}  Holiday · other"
    assert lines[-2:] == ["  time not announced:", f"  {'':<{width}}  Time not announced · other"]
    titles = [line.split("  ")[-1].split(" · ")[0].strip() for line in lines[3:] if " · " in line]
    assert titles == [by_id(forms)[event_id].title for event_id in DAY_ORDER]
