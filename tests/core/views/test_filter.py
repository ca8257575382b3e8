"""Filtering, country names, day grouping and display zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import DATA
from tui.core.errors import UsageError
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Calendar
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lookup import resolve_country, resolve_participant, search_countries
from tui.core.views.time_words import relative, time_range
from tui.core.zones import get_zone, local_zone_name, utc_offset_label


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return load_calendar(DATA / "sample.toml").calendar


@pytest.fixture(scope="module")
def index(calendar: Calendar) -> CalendarIndex:
    return CalendarIndex(calendar)


@pytest.mark.parametrize(
    "name", ["TJ", "tj", "TJK", "tjk", "Tajikistan", "tajikistan", "tojikiston"]
)
def test_resolve_country_any_form(calendar: Calendar, name: str) -> None:
    assert resolve_country(calendar, name) == "TJ"


def test_unknown_country_lists_known(calendar: Calendar) -> None:
    with pytest.raises(UsageError, match=r'unknown country "Narnia"; known: TJ \(Tajikistan\)'):
        resolve_country(calendar, "Narnia")


def test_resolve_participant(calendar: Calendar) -> None:
    assert resolve_participant(calendar, "Rakhmon") == "rahmon"
    with pytest.raises(UsageError):
        resolve_participant(calendar, "nobody")


@pytest.mark.parametrize(
    ("name", "code"),
    [("Kazakh", "KZ"), ("taj", "TJ"), ("Tojik", "TJ"), ("Germ", "DE"), ("RUS", "RU"), ("ru", "RU")],
)
def test_resolve_country_by_unambiguous_prefix(calendar: Calendar, name: str, code: str) -> None:
    assert resolve_country(calendar, name) == code


def test_ambiguous_country_prefix_lists_the_candidates() -> None:
    bundled = load_calendar(bundled_calendar()).calendar
    with pytest.raises(UsageError) as raised:
        resolve_country(bundled, "K")
    assert str(raised.value).startswith('ambiguous country "K": it may be ')
    assert "Kazakhstan (KZ)" in str(raised.value) and "Kyrgyzstan (KG)" in str(raised.value)
    assert "Russia" not in str(raised.value)


def test_resolve_participant_by_prefix() -> None:
    bundled = load_calendar(bundled_calendar()).calendar
    assert resolve_participant(bundled, "Lukash") == "lukashenko"
    assert resolve_participant(bundled, "toka") == "tokayev"
    with pytest.raises(UsageError, match=r'ambiguous participant "p": it may be Vladimir Putin'):
        resolve_participant(bundled, "p")  # putin, pashinyan


def test_empty_name_is_unknown_not_a_prefix_of_everything(calendar: Calendar) -> None:
    with pytest.raises(UsageError, match='unknown country "  "'):
        resolve_country(calendar, "  ")


@pytest.mark.parametrize(
    ("query", "codes"),
    [("kaz", ["KZ"]), ("", ["DE", "KZ", "RU", "TJ"]), ("r", ["RU", "TJ", "DE"]), ("zzz", [])],
)
def test_search_countries(calendar: Calendar, query: str, codes: list[str]) -> None:
    assert [c.code for c in search_countries(calendar, query)][: len(codes) or None] == codes


def test_country_filter_uses_host_and_participants(index: CalendarIndex) -> None:
    kz = [e.id for e in index.select(Filter(countries=frozenset({"KZ"})))]
    assert kz == ["call", "summit", "hostile", "winter"]
    either = index.select(Filter(countries=frozenset({"KZ", "DE"})))
    assert {e.id for e in either} == {"call", "hostile", "summit", "winter", "berlin-dinner"}


def test_text_search_looks_at_participants_and_aliases(index: CalendarIndex) -> None:
    assert [e.id for e in index.select(Filter(text="rakhmon"))] == [
        "arrival",
        "call",
        "talks",
        "summit",
    ]
    assert [e.id for e in index.select(Filter(text="DELEGATIONS"))] == ["talks"]
    assert [e.id for e in index.select(Filter(text="dushanbe airport"))] == ["arrival"]


def test_filters_combine(index: CalendarIndex) -> None:
    view = Filter(countries=frozenset({"TJ"}), participants=frozenset({"tokayev"}))
    assert [e.id for e in index.select(view)] == ["call", "summit"]


def test_days_in_venue_time(index: CalendarIndex) -> None:
    days = index.by_day(ZoneMode.EVENT, UTC)
    assert list(days) == [date(2025, 10, d) for d in (8, 9, 10, 11)] + [date(2025, 12, 1)]
    # All-day first, then by start instant; the night in Berlin touches two days.
    assert [e.id for e in days[date(2025, 10, 10)]] == ["summit", "berlin-dinner", "hostile"]


def test_days_follow_the_display_zone(index: CalendarIndex) -> None:
    tokyo = get_zone("Asia/Tokyo")
    days = index.by_day(ZoneMode.LOCAL, tokyo)
    # 20:00-01:00 in Berlin is 03:00-08:00 the next day in Tokyo.
    assert [e.id for e in days[date(2025, 10, 10)]][:2] == ["summit", "berlin-dinner"]
    assert "berlin-dinner" not in [e.id for e in days[date(2025, 10, 9)]]


def test_time_range_in_each_mode(calendar: Calendar) -> None:
    talks = next(e for e in calendar.events if e.id == "talks")
    assert time_range(talks, get_zone("Asia/Dushanbe")) == "≈11:00\u2013≈13:30"
    assert time_range(talks, UTC) == "≈06:00\u2013≈08:30"
    dinner = next(e for e in calendar.events if e.id == "berlin-dinner")
    assert time_range(dinner, get_zone("Europe/Berlin")) == "20:00\u201301:00 (Fri 10 Oct)"
    summit = next(e for e in calendar.events if e.id == "summit")
    assert time_range(summit, UTC) == "all day to Sat 11 Oct"


@pytest.mark.parametrize(
    ("hours", "words"), [(2, "in 2 hours"), (-26, "1 day ago"), (24 * 400, "in 1 year")]
)
def test_relative_wording(hours: int, words: str) -> None:
    now = datetime(2025, 10, 9, 9, tzinfo=UTC)
    assert relative(now + timedelta(hours=hours), now) == words


def test_kazakhstan_is_utc_plus_5_from_tzdata() -> None:
    assert utc_offset_label("Asia/Almaty", date(2025, 10, 9)) == "UTC+05:00"
    assert utc_offset_label("Asia/Almaty", date(2024, 2, 29)) == "UTC+06:00"


def test_local_zone_comes_from_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone_name() == "America/New_York"
    # A TZ that names no zone falls back to the /etc/localtime link, then to UTC.
    monkeypatch.setenv("TZ", "Not/AZone")
    monkeypatch.setattr("os.readlink", lambda _: "/usr/share/zoneinfo/Europe/Berlin")
    assert local_zone_name() == "Europe/Berlin"

    def no_link(_: str) -> str:
        raise OSError("no link")

    monkeypatch.setattr("os.readlink", no_link)
    assert local_zone_name() == "UTC"
