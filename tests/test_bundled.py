"""The bundled calendar against the facts that matter most (shared/reference/facts.md)."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.index import CalendarIndex
from tui.core.load import bundled_calendar, load_calendar
from tui.core.model import Calendar, Event
from tui.core.query import ZoneMode
from tui.core.zones import get_zone

LEADERS = {
    "putin": ("RU", "President of Russia"),
    "rahmon": ("TJ", "President of Tajikistan"),
    "tokayev": ("KZ", "President of Kazakhstan"),
    "japarov": ("KG", "President of Kyrgyzstan"),
    "berdimuhamedov": ("TM", "President of Turkmenistan"),
    "mirziyoyev": ("UZ", "President of Uzbekistan"),
    "pashinyan": ("AM", "Prime Minister of Armenia"),
    "aliyev": ("AZ", "President of Azerbaijan"),
    "lukashenko": ("BY", "President of Belarus"),
}
CENTRAL_ASIA = {"putin", "rahmon", "tokayev", "japarov", "berdimuhamedov", "mirziyoyev"}


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    loaded = load_calendar(bundled_calendar())
    assert loaded.warnings == []
    return loaded.calendar


def event(calendar: Calendar, event_id: str) -> Event:
    return next(e for e in calendar.events if e.id == event_id)


def test_three_days_in_dushanbe(calendar: Calendar) -> None:
    days = CalendarIndex(calendar).by_day(ZoneMode.EVENT, get_zone("UTC"))
    assert list(days) == [date(2025, 10, 8), date(2025, 10, 9), date(2025, 10, 10)]
    assert calendar.timezone == "Asia/Dushanbe"


def test_nine_countries_and_leaders(calendar: Calendar) -> None:
    assert set(calendar.countries) == {"RU", "TJ", "KZ", "KG", "TM", "UZ", "AM", "AZ", "BY"}
    assert {p: (v.country, v.title) for p, v in calendar.participants.items()} == LEADERS
    assert "Rakhmon" in calendar.participants["rahmon"].aliases
    assert calendar.countries["KZ"].capital == "Astana"
    assert calendar.countries["KZ"].timezone == "Asia/Almaty"


def test_icc(calendar: Calendar) -> None:
    parties = {c for c, v in calendar.countries.items() if v.icc_state_party}
    assert parties == {"TJ", "AM"}
    warrants = {p for p, v in calendar.participants.items() if v.icc_warrant}
    assert warrants == {"putin"}
    assert "2023-03-17" in calendar.participants["putin"].notes


def test_the_three_meetings(calendar: Calendar) -> None:
    talks = event(calendar, "ru-tj-talks")
    assert talks.start.date() == date(2025, 10, 9)  # type: ignore[union-attr]
    assert set(talks.participants) == {"putin", "rahmon"}
    summit = event(calendar, "central-asia-russia-summit")
    assert (summit.start, summit.all_day) == (date(2025, 10, 9), True)
    assert set(summit.participants) == CENTRAL_ASIA
    assert "venue is reported differently" in summit.description
    cis = event(calendar, "cis-summit")
    assert cis.start == date(2025, 10, 10)
    assert set(cis.participants) == set(LEADERS)


def test_only_the_announced_time_is_not_approximate(calendar: Calendar) -> None:
    welcome = event(calendar, "official-welcome")
    assert (welcome.start.hour, welcome.start.minute) == (11, 0)  # type: ignore[union-attr]
    for item in calendar.events:
        assert item.sources, item.id
        if not item.all_day and item.id != "official-welcome":
            assert item.approximate, item.id


def test_every_event_is_on_its_day(calendar: Calendar) -> None:
    expected = {
        "putin-arrival": 8,
        "putin-rahmon-dinner": 8,
        "putin-aliyev": 9,
        "cis-leaders-dinner": 9,
        "putin-tokayev": 10,
        "putin-press-conference": 10,
    }
    for event_id, day in expected.items():
        start = event(calendar, event_id).start
        assert (start.day if isinstance(start, date) else None) == day, event_id
