"""The index answers filters exactly as a plain scan would, however the user gets there."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.make_calendar import make_calendar
from tests.conftest import BASE, DATA, WriteCalendar
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar, Event
from tui.core.views.filter import Filter, ZoneMode, display_zone, event_days
from tui.core.views.index import CalendarIndex

SAMPLE = load_calendar(DATA / "sample.toml").calendar


def brute_force(calendar: Calendar, view: Filter) -> list[Event]:
    """The obvious, slow answer."""
    people = calendar.participants
    result = []
    for event in calendar.events:
        countries = {people[p].country for p in event.participants} | (
            {event.host} if event.host else set()
        )
        if view.countries and not countries & view.countries:
            continue
        if view.participants and not view.participants & set(event.participants):
            continue
        names = [n for p in event.participants for n in (people[p].name, *people[p].aliases)]
        text = "\n".join([event.title, event.description, event.location, *names]).casefold()
        if all(word in text for word in view.text.casefold().split()):
            result.append(event)
    return result


filters = st.builds(
    Filter,
    countries=st.frozensets(st.sampled_from(sorted(SAMPLE.countries)), max_size=2),
    participants=st.frozensets(st.sampled_from(sorted(SAMPLE.participants)), max_size=1),
    text=st.sampled_from(["", "t", "ta", "talks", "talks d", "summit", "rakh", "x y"]),
)


@settings(max_examples=200, deadline=None)
@given(sequence=st.lists(filters, min_size=1, max_size=6))
def test_any_sequence_of_filters_matches_a_plain_scan(sequence: list[Filter]) -> None:
    index = CalendarIndex(SAMPLE)
    for view in sequence:  # one index, so narrowing from the previous answer is exercised
        assert index.select(view) == brute_force(SAMPLE, view)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Calendar:
    path = tmp_path_factory.mktemp("gen") / "cal.toml"
    path.write_text(tomli_w.dumps(make_calendar(3000)), encoding="utf-8")
    loaded = load_calendar(path)
    assert loaded.warnings == []
    return loaded.calendar


def test_counts_match_a_plain_count(generated: Calendar) -> None:
    index = CalendarIndex(generated)
    view = Filter(countries=frozenset({"TJ", "DE"}), text="a")
    selection = index.matches(view, ZoneMode.UTC, UTC)
    expected = brute_force(generated, view)
    assert selection.events == expected
    days = Counter(day for event in expected for day in event_days(event, UTC))
    assert selection.day_counts == dict(days)
    countries = Counter(code for event in expected for code in index.countries_for(event))
    assert selection.country_counts == dict(countries)


@pytest.mark.parametrize(
    "typed", ["summit 12", "ВСТРЕЧА", "Müller", "алиев water", "x", "tajikistan", "ss"]
)
def test_typed_searches_of_a_large_calendar_match_a_plain_scan(
    generated: Calendar, typed: str
) -> None:
    """Letter by letter, alone and within a country filter: the first letter searches all
    3,000 events at once, the next ones narrow its answer."""
    index = CalendarIndex(generated)
    for countries in (frozenset(), frozenset({"KZ", "DE"})):
        for n in range(1, len(typed) + 1):
            view = Filter(countries=countries, text=typed[:n])
            assert index.select(view) == brute_force(generated, view), view


def test_unfiltered_counts_wait_for_the_index(generated: Calendar) -> None:
    index = CalendarIndex(generated)
    assert index.matches(Filter(), ZoneMode.EVENT, UTC).country_counts is None
    index.build()
    counts = index.matches(Filter(), ZoneMode.EVENT, UTC).country_counts
    assert counts is not None and sum(counts.values()) == sum(
        len(index.countries_for(e)) for e in generated.events
    )


def test_day_fast_path_agrees_with_event_days(generated: Calendar) -> None:
    index = CalendarIndex(generated)
    for mode in ZoneMode:
        days = index.days(mode, UTC)
        for event, touched in zip(generated.events, days.of_event, strict=True):
            assert list(touched) == event_days(event, display_zone(event, mode, UTC))


def test_a_very_long_event_is_listed_only_on_days_shown(write_calendar: WriteCalendar) -> None:

    text = BASE.replace(
        "start = 2025-10-10", "start = 1900-01-01\nend = 9000-12-31\nall_day = true"
    )
    index = CalendarIndex(load_calendar(write_calendar(text)).calendar)
    days = index.by_day(ZoneMode.EVENT, UTC)
    # Its first day, and the one day on which another event begins: not 2.6 million rows.
    assert list(days) == [date(1900, 1, 1), date(2025, 10, 9)]
    assert [e.id for e in days[date(2025, 10, 9)]] == ["summit", "talks"]
