"""Search finds a word as ``str.casefold`` would, whatever the search texts are kept as
(they are UTF-8 bytes): other scripts, characters that fold to two, and never across two
fields or two events."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.model import Calendar, Event, Participant
from tui.core.views.filter import Filter
from tui.core.views.index import CalendarIndex

DAY = date(2025, 3, 1)
PEOPLE = {
    "uz-1": Participant("uz-1", "Шавкат Мирзиёев", "UZ", aliases=("Mirziyoyev",)),
    "de-1": Participant("de-1", "Jörg Straßburger", "DE"),
}


def event(
    event_id: str,
    title: str,
    description: str = "",
    location: str = "",
    host: str | None = None,
    participants: tuple[str, ...] = (),
) -> Event:
    return Event(
        event_id,
        title,
        DAY,
        DAY,
        None,
        location=location,
        host=host,
        participants=participants,
        description=description,
    )


EVENTS = (
    event("strasse", "Walk along the Hauptstraße", location="Berlin"),
    event("summit", "Саммит в Душанбе", "ΟΔΟΣ and ΣΊΣΥΦΟΣ", participants=("uz-1",)),
    event("emoji", "Talks 🤝 dinner", "at the hotel", "Oslo"),
    event("fields", "Alpha", "Beta", "Gamma", participants=("de-1",)),
    event("next", "Summit opening", "no more"),
    event("bad", "A lone \udc80 surrogate, as JSON may carry one"),
)


def found(text: str, events: tuple[Event, ...] = EVENTS, **parts: frozenset[str]) -> list[str]:
    index = CalendarIndex(Calendar("Search", "search", "UTC", participants=PEOPLE, events=events))
    return [e.id for e in index.select(Filter(text=text, **parts))]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("STRASSE", ["strasse"]),  # ß folds to ss: the text holds "strasse"
        ("hauptstraße", ["strasse"]),  # and so does the query
        ("straß", ["strasse", "fields"]),  # "Straßburger", a participant's name
        ("САММИТ", ["summit"]),
        ("душанбе саммит", ["summit"]),
        ("mirziyoyev", ["summit"]),  # an alias
        ("мирзиёев", ["summit"]),
        ("σίσυφοσ", ["summit"]),  # final sigma folds as any sigma
        ("οδοσ", ["summit"]),
        ("🤝", ["emoji"]),
        ("🤝 DINNER", ["emoji"]),
        ("\udc80", ["bad"]),
        ("surrogate", ["bad"]),
        ("summit", ["next"]),  # the Cyrillic "Саммит" is not "summit"
    ],
)
def test_a_word_is_found_as_casefold_finds_it(text: str, ids: list[str]) -> None:
    assert found(text) == ids


@pytest.mark.parametrize(
    "text",
    [
        "🤝dinner",
        "alphabeta",  # title and description
        "betagamma",  # description and place
        "gammajörg",  # place and participant
        "oslosummit",  # the end of one event and the start of the next
        "osloalpha",
        "straßburgersummit",
    ],
)
def test_a_word_never_spans_two_fields_or_two_events(text: str) -> None:
    assert found(text) == []


def test_a_narrowed_search_stays_within_each_event() -> None:
    """The events left by a country filter are searched each within its own text: a word
    of the next event is not found in the one before it."""
    events = (
        event("tj", "Talks in Dushanbe", host="TJ"),
        event("kz", "Forum in Astana", host="KZ"),
        event("tj-2", "Forum in Khujand", host="TJ"),
    )
    tajik = frozenset({"TJ"})
    assert found("astana", events, countries=tajik) == []
    assert found("forum", events, countries=tajik) == ["tj-2"]


def test_typing_letter_by_letter_finds_scattered_events() -> None:
    """The first letter searches every event at once, the next ones narrow its answer;
    the events found are far apart and the last one is found too."""
    events = tuple(event(f"e{n}", "Visit" if n in (0, 7, 8, 19) else "Talks") for n in range(20))
    index = CalendarIndex(Calendar("Search", "search", "UTC", events=events))
    for typed in ("v", "vi", "vis", "visi", "visit", "visit "):
        assert [e.id for e in index.select(Filter(text=typed))] == ["e0", "e7", "e8", "e19"]
