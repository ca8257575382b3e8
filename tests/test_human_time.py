"""``human_time`` words spans and relative times exactly as pendulum does (it replaces
pendulum on the start-up path), over many instants, zones, clock changes and folds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone, tzinfo

import pendulum
import pytest

from tui.core.human_time import between_words, span_words
from tui.core.zones import get_zone

ZONE_NAMES = (
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Dushanbe",
    "Australia/Lord_Howe",  # a 30-minute clock change
    "America/Santiago",  # southern-hemisphere summer time
    "Pacific/Chatham",  # +12:45
    "Asia/Almaty",  # moved to UTC+5 in 2024
)
FIXED: tuple[tzinfo, ...] = (
    UTC,
    timezone(timedelta(hours=5, minutes=30)),
    timezone(-timedelta(hours=3)),
    timezone(timedelta(0)),
)
SPANS = (1, 10, 11, 59, 60, 61, 3599, 3600, 79_200, 86_399, 86_400, 6 * 86_400, 2_629_746)


def zones() -> list[tzinfo]:
    return [get_zone(name) for name in ZONE_NAMES] + list(FIXED)


def pendulum_between(moment: datetime, other: datetime) -> str:
    """What the app showed before: pendulum itself."""
    return pendulum.instance(moment).diff_for_humans(pendulum.instance(other), absolute=True)


def random_time(rng: random.Random, zone: tzinfo) -> datetime:
    base = datetime(2019, 1, 1) + timedelta(seconds=rng.randrange(12 * 365 * 86_400))
    return base.replace(tzinfo=zone, fold=rng.randrange(2))


def test_between_words_equals_pendulum_on_random_instants() -> None:
    rng = random.Random(15)
    all_zones = zones()
    for _ in range(6000):
        moment = random_time(rng, rng.choice(all_zones))
        if rng.random() < 0.5:  # a span near the moment: every unit and rounding edge
            span = rng.choice(SPANS) * rng.choice((1, 2, 3, 5, 11, 13)) + rng.randrange(-90, 90)
            zone = moment.tzinfo if rng.random() < 0.5 else rng.choice(all_zones)
            other = (moment + timedelta(seconds=span * rng.choice((1, -1)))).astimezone(zone)
            other = other.replace(fold=rng.randrange(2))
        else:
            other = random_time(rng, rng.choice(all_zones))
        assert between_words(moment, other) == pendulum_between(moment, other), (moment, other)


@pytest.mark.parametrize("name", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"])
def test_between_words_equals_pendulum_around_clock_changes(name: str) -> None:
    """Wall times skipped or repeated by a clock change, against each other and UTC."""
    zone = get_zone(name)
    times = []
    for number in range(731):
        day = datetime(2024, 1, 1) + timedelta(days=number)
        ends = (
            day.replace(tzinfo=zone),
            (day + timedelta(hours=23, minutes=59)).replace(tzinfo=zone),
        )
        if ends[0].utcoffset() != ends[1].utcoffset():  # a clock change that day
            walls = (day + timedelta(minutes=20 + 30 * n) for n in range(48))
            times += [wall.replace(tzinfo=zone, fold=fold) for wall in walls for fold in (0, 1)]
    assert len(times) == 4 * 48 * 2
    others = [*times, datetime(2025, 6, 1, 12, tzinfo=UTC), datetime(2024, 3, 31, tzinfo=zone)]
    for moment in times:
        for other in others:
            assert between_words(moment, other) == pendulum_between(moment, other), (moment, other)


@pytest.mark.parametrize("seconds", [0, 1, -1, 59, 61, 3600, 9000, -9000, 86_400, 777_661])
def test_span_words_equals_pendulum(seconds: int) -> None:
    expected = pendulum.duration(seconds=seconds).in_words(locale="en")
    assert span_words(seconds) == expected


def test_span_words_equals_pendulum_on_random_spans() -> None:
    rng = random.Random(8)
    for _ in range(3000):
        seconds = rng.randrange(-10 * 86_400, 400 * 86_400)
        assert span_words(seconds) == pendulum.duration(seconds=seconds).in_words(locale="en")
