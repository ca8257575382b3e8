"""Values that many events repeat are one object each in the model, whether it was read
from the cache or from TOML, whose parser makes one per mention: the memory of 100,000
events depends on it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.conftest import BASE, WriteCalendar
from tui.core.loading import cache_format
from tui.core.loading.load import bundled_calendar, load_calendar


def test_the_all_day_events_of_a_day_share_its_date() -> None:
    calendar = load_calendar(bundled_calendar()).calendar
    day = date(2025, 10, 9)
    events = tuple(
        replace(calendar.events[0], id=f"e{n}", start=date.fromordinal(day.toordinal()), end=day)
        for n in range(3)
    )
    decoded, _ = cache_format.decode(cache_format.encode(replace(calendar, events=events), []), "x")
    assert decoded.events == events
    assert len({id(e.start) for e in decoded.events}) == 1
    assert len({id(e.end) for e in decoded.events}) == 1


def test_events_read_from_toml_share_their_place(write_calendar: WriteCalendar) -> None:
    """The parser gives each mention of a place a string of its own; the model keeps one."""
    text = BASE.replace('kind = "bilateral"', 'kind = "bilateral"\nlocation = "Dushanbe"')
    text = text.replace('kind = "summit"', 'kind = "summit"\nlocation = "Dushanbe"')
    first, second = load_calendar(write_calendar(text)).calendar.events
    assert first.location == "Dushanbe"
    assert first.location is second.location
