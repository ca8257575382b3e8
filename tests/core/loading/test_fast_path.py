"""The check's fast path makes exactly the event the full check makes, or leaves it alone."""

from __future__ import annotations

import sys
import tomllib
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import BASE, DATA, ROOT
from tui.core.loading.fast_path import EVENT_KEYS, usual_event
from tui.core.loading.validate import _Builder

sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text

LONDON_GAP = datetime(2025, 3, 30, 1, 30)  # skipped: clocks went 01:00 -> 02:00
LONDON_FOLD = datetime(2025, 10, 26, 1, 30)  # repeated: clocks went 02:00 -> 01:00
TIMES = st.sampled_from(
    [
        datetime(2025, 10, 9, 11, 0),
        datetime(2025, 10, 9, 13, 30),
        datetime(2025, 10, 9, 9, 0, tzinfo=timezone(timedelta(hours=5))),
        date(2025, 10, 9),
        date(2025, 10, 11),
        LONDON_GAP,
        LONDON_FOLD,
        datetime(2, 1, 1, 12, 0),
        date(9999, 12, 31),
        "2025-10-09T11:00",
        11,
    ]
)
# Each key's values: the usual ones and the ones the full check reports or reads closer.
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "id": st.sampled_from(["talks-1", "x", "Talks", " ", "", "a b", 7, ["a"]]),
    "title": st.sampled_from(["Talks", "[bold]x[/]", " ", "", 3, True]),
    "kind": st.sampled_from(["summit", "bilateral", "other", "Summit", "party", 1]),
    "start": TIMES,
    "end": TIMES,
    "timezone": st.sampled_from(["Asia/Dushanbe", "Europe/London", "Mars/Base", "", 5]),
    "location": st.sampled_from(["Dushanbe", "", 0.5]),
    "host": st.sampled_from(["TJ", "RU", "XX", "tj", 1]),
    "participants": st.sampled_from(
        [[], ["putin"], ["putin", "rahmon"], ["putin", "nobody"], ["putin", 3], "putin"]
    ),
    "status": st.sampled_from(["confirmed", "cancelled", "tentative", "maybe", None]),
    "description": st.sampled_from(["", "Talks.", 2]),
    "sources": st.sampled_from([[], ["https://kremlin.ru"], [1], "https://kremlin.ru"]),
    "approximate": st.sampled_from([True, ["end"]]),
    "all_day": st.just(True),
    "part_of_day": st.just("evening"),
    "under_way_at": st.just(datetime(2025, 10, 9, 22, 38)),
    "comment": st.just("an unknown key"),
}
USUAL = {"id": "talks-1", "title": "Talks", "start": datetime(2025, 10, 9, 11, 0)}


def builder_for(document: dict[str, Any]) -> tuple[_Builder, Any, Any]:
    """A builder that has read the calendar, countries and participants of ``document``."""
    builder = _Builder(document, None)
    builder.calendar_header()
    countries = builder.countries()
    return builder, countries, builder.participants(countries)


BUNDLED = tomllib.loads(BASE)


def agree(raw: dict[str, Any], document: dict[str, Any] = BUNDLED) -> bool:
    """Assert both paths agree on ``raw``; whether the fast path took it."""
    builder, countries, participants = builder_for(document)
    fast = usual_event(raw, builder.calendar_zone, countries, participants)
    problems_before = len(builder.fields.problems)
    full = builder.full_event(raw, ("events", 0), countries, participants)
    if fast is None:
        return False
    assert fast == full
    assert repr(fast) == repr(full)  # the zones too: aware times compare as instants
    assert len(builder.fields.problems) == problems_before, builder.fields.problems
    return True


@settings(max_examples=600, deadline=None)
@given(
    chosen=st.dictionaries(st.sampled_from([*VALUES]), st.none(), max_size=len(VALUES)).flatmap(
        lambda keys: st.fixed_dictionaries({key: VALUES[key] for key in keys})
    ),
    base=st.booleans(),
)
def test_the_fast_path_agrees_with_the_full_check(chosen: dict[str, Any], base: bool) -> None:
    raw = {**USUAL, **chosen} if base else chosen
    agree({key: value for key, value in raw.items() if value is not None})


def test_the_fast_path_takes_the_usual_events_and_leaves_the_rest() -> None:
    assert agree(USUAL)
    assert agree({**USUAL, "end": datetime(2025, 10, 9, 12), "participants": ["putin"]})
    assert agree({**USUAL, "start": date(2025, 10, 9), "end": date(2025, 10, 11)})
    for unusual in (
        {"start": LONDON_GAP, "timezone": "Europe/London"},  # a warning: the full check says it
        {"start": LONDON_FOLD, "timezone": "Europe/London"},
        {"approximate": True},
        {"participants": ["nobody"]},
        {"end": datetime(2025, 10, 9, 10, 0)},
        {"comment": "x"},
    ):
        assert not agree({**USUAL, **unusual}), unusual


def every_event_agrees(document: dict[str, Any]) -> int:
    """How many of the document's events the fast path took, all agreeing."""
    return sum(agree(raw, document) for raw in document["events"])


def test_the_calendars_we_ship_and_test_agree() -> None:
    for path in [DATA / "sample.toml", *sorted((DATA).glob("*.toml"))]:
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        if isinstance(document.get("events"), list) and all(
            isinstance(raw, dict) for raw in document["events"]
        ):
            every_event_agrees(document)
    assert every_event_agrees(BUNDLED) > 0


def test_the_benchmark_calendar_goes_the_fast_way_except_at_clock_changes() -> None:
    document = tomllib.loads(calendar_text(400, overlaps=0.3, dst_gaps=5))
    taken = every_event_agrees(document)
    assert len(document["events"]) - 5 <= taken < len(document["events"])
    assert set(EVENT_KEYS) >= {key for raw in document["events"] for key in raw}
