"""What the screen shows for a given state: the presenter, tested without a terminal."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import BASE, DATA, WriteCalendar
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar
from tui.core.present.details import LineKind
from tui.core.present.screenful import Screenful, present
from tui.core.present.state import Browse, Selection, SelectionKind, nth_day, settle_day, step_day
from tui.core.views.filter import Filter, ZoneMode, display_zone, event_days
from tui.core.views.index import CalendarIndex
from tui.core.zones import get_zone

NEW_YORK = get_zone("America/New_York")
NOW = datetime(2025, 10, 9, 9, 0, tzinfo=UTC)
THU, FRI = date(2025, 10, 9), date(2025, 10, 10)


@pytest.fixture(scope="module")
def sample() -> Calendar:
    return load_calendar(DATA / "sample.toml").calendar


@pytest.fixture(scope="module")
def index(sample: Calendar) -> CalendarIndex:
    built = CalendarIndex(sample)
    built.build()
    return built


def show(index: CalendarIndex, **state: object) -> Screenful:
    return present(index, Browse(**state), NEW_YORK, NOW)  # type: ignore[arg-type]


def ids(screen: Screenful) -> list[str]:
    return [row.id for row in screen.rows]


def details(screen: Screenful) -> list[str]:
    return [f"{line.label}: {line.text}" if line.label else line.text for line in screen.details]


def test_opening_state(index: CalendarIndex) -> None:
    screen = show(index)
    assert screen.header.title == "Test summit season"
    assert screen.header.dates == "Wed 8 Oct to Mon 1 Dec 2025"
    assert (screen.header.filter, screen.header.zone) == ("", "venue time")
    assert [(d.label, d.count) for d in screen.days] == [
        ("Wed 8 Oct", 1),
        ("Thu 9 Oct", 3),
        ("Fri 10 Oct", 3),
        ("Sat 11 Oct", 1),
        ("Mon 1 Dec", 1),
    ]
    assert screen.day == date(2025, 10, 8) and ids(screen) == ["arrival"]
    assert screen.selection == Selection(SelectionKind.EVENT, "arrival")
    assert screen.details[0].kind is LineKind.TITLE and screen.details[0].text == "Arrival"
    assert screen.export_name == "test-season.ics"


@pytest.mark.parametrize(
    ("mode", "times"),
    [
        (
            ZoneMode.EVENT,
            ["09:00\u201309:30", "≈11:00\u2013≈13:30", "20:00\u201301:00 (Fri 10 Oct)"],
        ),
        (ZoneMode.UTC, ["03:00\u201303:30", "≈06:00\u2013≈08:30", "18:00\u201323:00"]),
    ],
)
def test_day_rows_in_each_zone(index: CalendarIndex, mode: ZoneMode, times: list[str]) -> None:
    screen = show(index, day=THU, zone_mode=mode)
    assert ids(screen) == ["call", "talks", "berlin-dinner"]
    assert [row.time for row in screen.rows] == times


def test_row_facts(index: CalendarIndex) -> None:
    rows = {row.id: row for row in show(index, day=FRI).rows}
    assert rows["summit"].icc and rows["summit"].countries == "KZ, RU, TJ"
    hostile = rows["hostile"]
    assert hostile.title == "[bold]x[/] [@click=app.quit]q[/] [red"  # data, kept literal
    assert (hostile.status.value, hostile.icc) == ("cancelled", False)


@pytest.mark.parametrize(
    ("view", "header", "people"),
    [
        (Filter(countries=frozenset({"DE"})), "Germany (2 of 7 events)", ["tokayev", "scholz"]),
        (
            Filter(countries=frozenset({"KZ", "DE"})),
            "Germany or Kazakhstan (5 of 7 events)",
            ["putin", "rahmon", "tokayev", "scholz"],
        ),
        (Filter(text="dinner"), '"dinner" (1 of 7 events)', ["scholz"]),
        (
            Filter(participants=frozenset({"tokayev"})),
            "with Kassym-Jomart Tokayev (4 of 7 events)",
            ["putin", "rahmon", "tokayev", "scholz"],
        ),
    ],
)
def test_filters(index: CalendarIndex, view: Filter, header: str, people: list[str]) -> None:
    screen = show(index, filter=view)
    assert screen.header.filter == header
    assert [p.id for p in screen.people] == people
    assert {row.code for row in screen.countries if row.in_filter} == view.countries


def test_empty_reasons(index: CalendarIndex) -> None:
    nothing = show(index, filter=Filter(text="zzzz"))
    assert nothing.rows == () and nothing.selection is None
    assert nothing.empty_reason.startswith('No events match the filter: "zzzz" (0 of 7 events).')
    assert details(nothing) == ["Nothing selected."]
    other_days = show(index, filter=Filter(countries=frozenset({"DE"})), day=date(2025, 10, 8))
    assert other_days.empty_reason.startswith("No events on this day match the filter.")


def test_settle_moves_to_the_next_day_with_matches(index: CalendarIndex) -> None:
    browse = Browse(filter=Filter(countries=frozenset({"DE"})), day=date(2025, 10, 8))
    assert settle_day(index, browse, NEW_YORK).day == THU
    # Past the last match it goes back to the last day that has one.
    late = replace(browse, filter=Filter(text="arrival"), day=date(2025, 12, 1))
    assert settle_day(index, late, NEW_YORK).day == date(2025, 10, 8)
    # A day that shows something is kept.
    assert settle_day(index, replace(browse, day=FRI), NEW_YORK).day == FRI


def test_day_steps_stop_at_the_ends(index: CalendarIndex) -> None:
    first = Browse(day=date(2025, 10, 8))
    assert step_day(index, first, NEW_YORK, -1).day == date(2025, 10, 8)
    assert step_day(index, first, NEW_YORK, 2).day == FRI
    assert step_day(index, first, NEW_YORK, 99).day == date(2025, 12, 1)
    assert nth_day(index, first, NEW_YORK, 2) == THU
    assert nth_day(index, first, NEW_YORK, 9) is None and nth_day(index, first, NEW_YORK, 0) is None


def test_selection_follows_the_day_unless_reading_about_someone(index: CalendarIndex) -> None:
    kept = show(index, day=THU, selection=Selection(SelectionKind.EVENT, "talks"))
    assert kept.selection == Selection(SelectionKind.EVENT, "talks")
    gone = show(index, day=FRI, selection=Selection(SelectionKind.EVENT, "talks"))
    assert gone.selection == Selection(SelectionKind.EVENT, gone.rows[0].id)
    person = Selection(SelectionKind.PARTICIPANT, "rahmon")
    assert show(index, day=FRI, selection=person).selection == person


def test_event_details(index: CalendarIndex) -> None:
    text = details(show(index, day=THU, selection=Selection(SelectionKind.EVENT, "talks")))
    assert text[0] == "Talks in Dushanbe"
    assert "When: Thursday 9 October 2025, ≈11:00\u2013≈13:30 (3 hours ago)" in text
    assert "Zone: Asia/Dushanbe (UTC+05:00)" in text
    assert "Duration: ≈2 hours 30 minutes" in text  # from estimates: an estimate too
    assert (
        "Times: The start at ≈11:00 and the end at ≈13:30 are estimates, not announced times."
        in text
    )
    assert any("Vladimir Putin is the subject of an ICC arrest warrant" in line for line in text)
    assert "Vladimir Putin, President of Russia (Russia)" in text
    assert text[-2:] == ["https://example.org/talks", "https://example.org/talks-2"]


def test_participant_and_country_details(index: CalendarIndex) -> None:
    person = details(show(index, selection=Selection(SelectionKind.PARTICIPANT, "rahmon")))
    assert person[0] == "Emomali Rahmon, President of Tajikistan (Tajikistan)"
    assert "Also written: Rakhmon" in person
    assert "Thu 9 Oct  ≈11:00\u2013≈13:30: Talks in Dushanbe" in person
    country = details(show(index, selection=Selection(SelectionKind.COUNTRY, "KZ")))
    assert country[0] == "Kazakhstan (KZ)"
    assert "Zone: Asia/Almaty (UTC+05:00 on the calendar's dates)" in country
    assert "Mon 1 Dec: Winter talks" in country


@settings(max_examples=60, deadline=None)
@given(
    countries=st.frozensets(st.sampled_from(["TJ", "RU", "KZ", "DE"])),
    people=st.frozensets(st.sampled_from(["putin", "rahmon", "tokayev", "scholz"]), max_size=2),
    text=st.sampled_from(["", "talks", "dinner", "a", "zz"]),
    mode=st.sampled_from(list(ZoneMode)),
    day_number=st.integers(1, 6),
)
def test_rows_are_exactly_the_matching_events_of_the_day(
    index: CalendarIndex,
    countries: frozenset[str],
    people: frozenset[str],
    text: str,
    mode: ZoneMode,
    day_number: int,
) -> None:
    view = Filter(countries, people, text)
    day = nth_day(index, Browse(zone_mode=mode), NEW_YORK, day_number)
    screen = show(index, filter=view, zone_mode=mode, day=day)
    calendar = index.calendar

    def matches(event_id: str) -> bool:
        event = calendar.events[index.position[event_id]]
        involved = {calendar.participants[p].country for p in event.participants}
        involved |= {event.host} if event.host else set()
        haystack = " ".join([event.title, event.description, event.location]).casefold()
        haystack += " ".join(
            " ".join([calendar.participants[p].name, *calendar.participants[p].aliases])
            for p in event.participants
        ).casefold()
        return (
            (not countries or bool(involved & countries))
            and (not people or bool(set(event.participants) & people))
            and all(word in haystack for word in text.casefold().split())
        )

    on_day = [
        e.id
        for e in index.by_day(mode, NEW_YORK).get(screen.day, [])  # type: ignore[arg-type]
        if screen.day in event_days(e, display_zone(e, mode, NEW_YORK))
    ]
    assert ids(screen) == [i for i in on_day if matches(i)]
    assert sum(d.count for d in screen.days) >= len(screen.rows)
    assert screen.matching == sum(matches(e.id) for e in calendar.events)


def test_a_very_long_description_is_cut_unless_asked_whole(
    write_calendar: WriteCalendar,
) -> None:
    long_text = "word " * 10_000  # 50,000 characters
    text = BASE.replace('kind = "bilateral"', f'kind = "bilateral"\ndescription = "{long_text}"')
    index = CalendarIndex(load_calendar(write_calendar(text)).calendar)
    talks = Selection(SelectionKind.EVENT, "talks")
    cut = present(index, Browse(selection=talks), NEW_YORK, NOW)
    whole = present(index, Browse(selection=talks, whole_text=True), NEW_YORK, NOW)
    (cut_text,) = [line.text for line in cut.details if line.kind is LineKind.TEXT]
    (whole_text,) = [line.text for line in whole.details if line.kind is LineKind.TEXT]
    assert len(cut_text) < 21_000 < len(whole_text) and whole_text.startswith(long_text.strip())


def test_an_empty_calendar_says_how_to_start() -> None:
    """A calendar made by `diplocal new`: how to add an event, a participant, a country."""
    from tui.core.editing.new_calendar import new_calendar_text
    from tui.core.loading.load import load_bytes

    text = new_calendar_text("New visit", "Asia/Dushanbe")
    empty = CalendarIndex(load_bytes(text.encode(), "new.toml").calendar)
    empty.build()
    reason = present(empty, Browse(), NEW_YORK, NOW).empty_reason
    assert reason.startswith("The calendar has no events yet: press n to add one.")
    assert "N adds one" in reason and "Add participant…" in reason and "Add country…" in reason


def test_about_says_when_an_event_was_last_edited(sample: Calendar) -> None:
    """`i` after an edit: the calendar's own `updated` stays, the latest event stamp shows."""
    from tui.core.present.details import about_details

    def lines(calendar: Calendar) -> list[str]:
        return [f"{line.label}: {line.text}" for line in about_details(calendar) if line.label]

    assert not any(line.startswith("Last edit") for line in lines(sample))
    early = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    late = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    events = list(sample.events)
    events[0] = replace(events[0], updated=late)
    events[1] = replace(events[1], updated=early)
    edited = replace(sample, events=tuple(events))
    assert "Last edit: 2026-12-01 09:30 UTC" in lines(edited)
