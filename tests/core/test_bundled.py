"""The bundled calendar against the facts that matter most (shared/reference/facts.md)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Calendar, Event, PartOfDay
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import time_range
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
    # Late afternoon or evening, after the Putin-Aliyev meeting; no exact start.
    assert summit.start == date(2025, 10, 9)
    assert summit.part_of_day == (PartOfDay.AFTERNOON, PartOfDay.EVENING)
    assert set(summit.participants) == CENTRAL_ASIA
    assert "venue is reported differently" in summit.description
    cis = event(calendar, "cis-summit")
    assert cis.start == date(2025, 10, 10)
    assert set(cis.participants) == set(LEADERS)


def test_only_the_announced_time_is_not_approximate(calendar: Calendar) -> None:
    welcome = event(calendar, "official-welcome")
    assert (welcome.start.hour, welcome.start.minute) == (11, 0)  # type: ignore[union-attr]
    # Ushakov announced the 11:00 start; the 11:55 end is inferred from the talks.
    assert (welcome.start_estimated, welcome.end_estimated) == (False, True)
    for item in calendar.events:
        assert item.sources, item.id
        if not item.dated and item.id != "official-welcome":
            assert item.start_estimated, item.id


def test_no_bundled_event_lasts_all_day(calendar: Calendar) -> None:
    """A date alone meant 'time not known' on 11 of 17 events; none is truly all-day."""
    assert [e.id for e in calendar.events if e.all_day] == []


@pytest.mark.parametrize(
    ("event_id", "parts"),
    [
        ("putin-arrival", ("evening",)),  # after dark
        ("somoni-wreath", ("evening",)),
        ("putin-rahmon-dinner", ("evening",)),
        ("lukashenko-arrival", ("afternoon", "evening")),
        ("central-asia-russia-summit", ("afternoon", "evening")),
        ("cis-leaders-dinner", ("evening",)),
        ("cis-summit", ("morning",)),
    ],
)
def test_parts_of_day_from_the_fact_sheet(
    calendar: Calendar, event_id: str, parts: tuple[str, ...]
) -> None:
    assert tuple(p.value for p in event(calendar, event_id).part_of_day) == parts


def test_news_timestamps_are_under_way_not_starts(calendar: Calendar) -> None:
    zone = get_zone("Asia/Dushanbe")
    dinner = event(calendar, "putin-rahmon-dinner")
    assert dinner.start == date(2025, 10, 8)  # its start is not known
    assert dinner.under_way_at == datetime(2025, 10, 8, 22, 38, tzinfo=zone)
    assert time_range(dinner, zone) == "under way at ≈22:38"
    cis = event(calendar, "cis-summit")
    assert cis.under_way_at == datetime(2025, 10, 10, 13, 47, tzinfo=zone)


def day_titles(calendar: Calendar, day: int) -> list[str]:
    days = CalendarIndex(calendar).by_day(ZoneMode.EVENT, get_zone("UTC"))
    return [e.id for e in days[date(2025, 10, day)]]


def test_thursday_in_its_real_order(calendar: Calendar) -> None:
    assert day_titles(calendar, 9) == [
        "official-welcome",  # 11:00
        "ru-tj-talks",  # ≈11:55
        "putin-aliyev",  # ≈16:30
        "lukashenko-arrival",  # afternoon or evening
        "central-asia-russia-summit",  # after the Aliyev meeting
        "cis-leaders-dinner",  # evening
        "ru-tj-documents",  # time not announced
        "cis-foreign-ministers",
    ]


def test_friday_in_its_known_order(calendar: Calendar) -> None:
    assert day_titles(calendar, 10) == [
        "cis-summit",  # morning
        "leaders-closed-door-talk",  # after the summit, then the press conference
        "putin-press-conference",
        "putin-tokayev",  # no time known
        "pashinyan-rahmon",
    ]


def test_corrected_wording(calendar: Calendar) -> None:
    documents = event(calendar, "ru-tj-documents")
    assert documents.title == "16 documents signed, including the joint statement"
    dinner = event(calendar, "cis-leaders-dinner")
    assert dinner.location.startswith("Government residence or Palace of Nation garden")


LAND_NEIGHBOURS = {
    "TJ": {"AF", "CN", "KG", "UZ"},
    "TM": {"AF", "IR", "KZ", "UZ"},
    "UZ": {"AF", "KZ", "KG", "TJ", "TM"},
    "KZ": {"CN", "KG", "RU", "TM", "UZ"},
    "KG": {"CN", "KZ", "TJ", "UZ"},
    "BY": {"LT", "LV", "PL", "RU", "UA"},
    "AM": {"AZ", "GE", "IR", "TR"},
    "AZ": {"AM", "GE", "IR", "RU", "TR"},
}


def test_borders_list_every_land_neighbour(calendar: Calendar) -> None:
    for code, neighbours in LAND_NEIGHBOURS.items():
        assert set(calendar.countries[code].borders) == neighbours, code
    russia = set(calendar.countries["RU"].borders)
    assert {"KZ", "BY", "AZ", "CN", "UA", "GE", "MN"} <= russia and "AF" not in russia
    # Borders are symmetric among the nine countries.
    for code, country in calendar.countries.items():
        for other in country.borders:
            if other in calendar.countries:
                assert code in calendar.countries[other].borders, (code, other)


def test_blocs_with_sco_and_qualifications(calendar: Calendar) -> None:
    sco = {code for code, c in calendar.countries.items() if "SCO" in c.blocs}
    assert sco == {"RU", "KZ", "KG", "TJ", "UZ", "BY"}
    assert calendar.countries["TM"].blocs == ("CIS (associate member)",)
    assert "CSTO (participation frozen since February 2024)" in calendar.countries["AM"].blocs


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
