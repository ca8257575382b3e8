"""Write a valid, realistic calendar of N events, for benchmarks.

    python bench/make_calendar.py 10000 > /tmp/cal-10k.toml
    python bench/make_calendar.py 10000 --overlaps 0.05 --dst-gaps 5 > /tmp/cal-10k-warn.toml

About 50 countries and 200 participants; events over about N/20 days, timed and all-day,
in many zones (several with daylight saving), Cyrillic and Latin titles and ~200-character
descriptions. The same N always gives the same file. Participants are scheduled so that
nobody is in two timed events at once, so `diplocal check` passes without warnings.

Real calendars have warnings, and locating them costs time: ``--overlaps SHARE`` makes that
share of the timed events last 90 minutes, into the next slot, with participants drawn at
random from everyone (so some are booked twice), and ``--dst-gaps N`` moves N events to a
local time that a spring clock change skips in Europe/Berlin.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, date, datetime, timedelta

import tomli_w

from tui.core.zones import get_zone

# (alpha-2, name, capital, IANA zone of the capital)
COUNTRIES = [
    ("RU", "Russia", "Moscow", "Europe/Moscow"),
    ("TJ", "Tajikistan", "Dushanbe", "Asia/Dushanbe"),
    ("KZ", "Kazakhstan", "Astana", "Asia/Almaty"),
    ("KG", "Kyrgyzstan", "Bishkek", "Asia/Bishkek"),
    ("TM", "Turkmenistan", "Ashgabat", "Asia/Ashgabat"),
    ("UZ", "Uzbekistan", "Tashkent", "Asia/Tashkent"),
    ("AM", "Armenia", "Yerevan", "Asia/Yerevan"),
    ("AZ", "Azerbaijan", "Baku", "Asia/Baku"),
    ("BY", "Belarus", "Minsk", "Europe/Minsk"),
    ("DE", "Germany", "Berlin", "Europe/Berlin"),
    ("FR", "France", "Paris", "Europe/Paris"),
    ("GB", "United Kingdom", "London", "Europe/London"),
    ("IT", "Italy", "Rome", "Europe/Rome"),
    ("ES", "Spain", "Madrid", "Europe/Madrid"),
    ("PL", "Poland", "Warsaw", "Europe/Warsaw"),
    ("UA", "Ukraine", "Kyiv", "Europe/Kyiv"),
    ("TR", "Türkiye", "Ankara", "Europe/Istanbul"),
    ("US", "United States", "Washington", "America/New_York"),
    ("CA", "Canada", "Ottawa", "America/Toronto"),
    ("MX", "Mexico", "Mexico City", "America/Mexico_City"),
    ("BR", "Brazil", "Brasília", "America/Sao_Paulo"),
    ("AR", "Argentina", "Buenos Aires", "America/Argentina/Buenos_Aires"),
    ("CL", "Chile", "Santiago", "America/Santiago"),
    ("CN", "China", "Beijing", "Asia/Shanghai"),
    ("JP", "Japan", "Tokyo", "Asia/Tokyo"),
    ("KR", "South Korea", "Seoul", "Asia/Seoul"),
    ("IN", "India", "New Delhi", "Asia/Kolkata"),
    ("PK", "Pakistan", "Islamabad", "Asia/Karachi"),
    ("IR", "Iran", "Tehran", "Asia/Tehran"),
    ("AF", "Afghanistan", "Kabul", "Asia/Kabul"),
    ("MN", "Mongolia", "Ulaanbaatar", "Asia/Ulaanbaatar"),
    ("ID", "Indonesia", "Jakarta", "Asia/Jakarta"),
    ("AU", "Australia", "Canberra", "Australia/Sydney"),
    ("NZ", "New Zealand", "Wellington", "Pacific/Auckland"),
    ("ZA", "South Africa", "Pretoria", "Africa/Johannesburg"),
    ("EG", "Egypt", "Cairo", "Africa/Cairo"),
    ("NG", "Nigeria", "Abuja", "Africa/Lagos"),
    ("KE", "Kenya", "Nairobi", "Africa/Nairobi"),
    ("ET", "Ethiopia", "Addis Ababa", "Africa/Addis_Ababa"),
    ("SA", "Saudi Arabia", "Riyadh", "Asia/Riyadh"),
    ("AE", "United Arab Emirates", "Abu Dhabi", "Asia/Dubai"),
    ("IL", "Israel", "Jerusalem", "Asia/Jerusalem"),
    ("QA", "Qatar", "Doha", "Asia/Qatar"),
    ("GE", "Georgia", "Tbilisi", "Asia/Tbilisi"),
    ("MD", "Moldova", "Chișinău", "Europe/Chisinau"),
    ("RS", "Serbia", "Belgrade", "Europe/Belgrade"),
    ("HU", "Hungary", "Budapest", "Europe/Budapest"),
    ("FI", "Finland", "Helsinki", "Europe/Helsinki"),
    ("NO", "Norway", "Oslo", "Europe/Oslo"),
    ("VN", "Vietnam", "Hanoi", "Asia/Ho_Chi_Minh"),
]
KINDS = ["bilateral", "summit", "multilateral", "ceremony", "travel", "other"]
LATIN = ["talks", "summit", "visit", "forum", "meeting", "dialogue", "session", "council"]
CYRILLIC = ["переговоры", "саммит", "визит", "форум", "встреча", "диалог", "сессия", "совет"]
GIVEN = ["Alexei", "Maria", "Nikol", "Ilham", "Serdar", "Шавкат", "Касым", "Олег", "Anna", "Omar"]
FAMILY = ["Ivanov", "Petrova", "Rahimov", "Алиев", "Токаев", "Smith", "Müller", "Dubois", "Kim"]
WORDS = [
    "delegations",
    "discussed",
    "trade",
    "energy",
    "security",
    "migration",
    "transport",
    "water",
    "borders",
    "investment",
    "education",
    "culture",
    "logistics",
    "agriculture",
    "finance",
    "digital",
    "cooperation",
]
PARTICIPANTS_PER_COUNTRY = 4
GROUPS = 8  # timed events in slot s draw participants from group s % GROUPS
START = date(2020, 1, 1)


def _countries() -> dict[str, dict[str, object]]:
    return {
        code: {"name": name, "capital": capital, "timezone": zone, "aliases": [code.lower()]}
        for code, name, capital, zone in COUNTRIES
    }


def _participants(rng: random.Random) -> dict[str, dict[str, object]]:
    people: dict[str, dict[str, object]] = {}
    for code, name, _, _ in COUNTRIES:
        for n in range(PARTICIPANTS_PER_COUNTRY):
            pid = f"{code.lower()}-{n}"
            people[pid] = {
                "name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                "title": "Minister" if n else f"President of {name}",
                "country": code,
            }
    return people


def _description(rng: random.Random) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < 200:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def _event(
    rng: random.Random, number: int, day: date, slot: int, groups: list[list[str]]
) -> dict[str, object]:
    code, _, capital, zone = rng.choice(COUNTRIES)
    title_words = CYRILLIC if number % 3 == 0 else LATIN
    event: dict[str, object] = {
        "id": f"e{number}",
        "title": f"{capital} {rng.choice(title_words)} {number}",
        "kind": rng.choice(KINDS),
        "location": capital,
        "host": code,
        "description": _description(rng),
    }
    if slot % 5 == 4:  # one in five is all-day
        event["start"] = day
        people = rng.sample(groups[0] + groups[1], 3)
    else:
        begin = datetime(day.year, day.month, day.day, slot, tzinfo=UTC).astimezone(get_zone(zone))
        event["start"] = begin.replace(tzinfo=None)
        event["end"] = (begin + timedelta(minutes=45)).replace(tzinfo=None)
        event["timezone"] = zone
        people = rng.sample(groups[slot % GROUPS], 3)
    event["participants"] = people
    return event


def _overlap(rng: random.Random, event: dict[str, object], everyone: list[str]) -> None:
    """Stretch a timed event into the next slot and draw its people from everyone."""
    if "end" not in event:
        return
    start = event["start"]
    assert isinstance(start, datetime)
    event["end"] = start + timedelta(minutes=90)
    event["participants"] = rng.sample(everyone, 3)


def _spring_gap(year: int) -> datetime:
    """02:30 on the last Sunday of March: a local time Europe/Berlin skips."""
    day = date(year, 3, 31)
    day -= timedelta(days=(day.weekday() + 1) % 7)
    return datetime(day.year, day.month, day.day, 2, 30)


def _dst_gap(event: dict[str, object], year: int) -> None:
    start = _spring_gap(year)
    event.update(start=start, end=start + timedelta(hours=1), timezone="Europe/Berlin")


def make_calendar(
    count: int, seed: int = 2025, overlaps: float = 0.0, dst_gaps: int = 0, start: date = START
) -> dict[str, object]:
    """The calendar of ``count`` events as a TOML-ready document (see the module docstring).

    ``start``: the first day (bench/peers.py starts on today, where ikhal opens).
    """
    rng = random.Random(seed)
    participants = _participants(rng)
    ids = list(participants)
    groups = [ids[g::GROUPS] for g in range(GROUPS)]
    per_day = 20
    events = [
        _event(rng, n, start + timedelta(days=n // per_day), n % per_day, groups)
        for n in range(count)
    ]
    # A separate generator, so the clean calendar of a given size stays the same file.
    warn_rng = random.Random(seed + 1)
    for event in events:
        if warn_rng.random() < overlaps:
            _overlap(warn_rng, event, ids)
    for n, event in enumerate(warn_rng.sample(events, min(dst_gaps, count))):
        _dst_gap(event, start.year + n % 5)
    return {
        "calendar": {
            "title": f"Benchmark calendar, {count} events",
            "id": f"bench-{count}",
            "timezone": "UTC",
            "updated": datetime(2026, 1, 1, tzinfo=UTC),
        },
        "countries": _countries(),
        "participants": participants,
        "events": events,
    }


def calendar_text(count: int, overlaps: float = 0.0, dst_gaps: int = 0, start: date = START) -> str:
    """The calendar as TOML text."""
    return tomli_w.dumps(make_calendar(count, overlaps=overlaps, dst_gaps=dst_gaps, start=start))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--overlaps", type=float, default=0.0, help="share of timed events")
    parser.add_argument("--dst-gaps", type=int, default=0, help="events in a skipped hour")
    args = parser.parse_args()
    sys.stdout.write(calendar_text(args.count, args.overlaps, args.dst_gaps))


if __name__ == "__main__":
    main()
