"""What changed between two calendars: every kind, zones, all-day events, generic fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import BASE
from tui.core.living.changes import (
    Change,
    ChangeKind,
    change_json,
    change_line,
    diff_calendars,
    diff_details,
    display,
    event_change,
    plain,
)
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar, Event
from tui.core.zones import get_zone

TALKS_TIMES = "start = 2025-10-09T11:00:00\nend = 2025-10-09T13:00:00\n"


Load = Callable[[str], Calendar]


def events(*items: tuple[str, str]) -> str:
    """TOML for events named by id, each with a start (and whatever else the value holds)."""
    return "".join(
        f'\n[[events]]\nid = "{name}"\ntitle = "{name}"\nstart = {start}\n' for name, start in items
    )


@pytest.fixture
def load(tmp_path: Path) -> Load:
    """Load calendar text, each version from a file of its own."""
    counter = iter(range(1000))

    def load_text(text: str) -> Calendar:
        path = tmp_path / f"v{next(counter)}.toml"
        path.write_text(text, encoding="utf-8")
        return load_calendar(path).calendar

    return load_text


def kinds(changes: list[Change]) -> list[tuple[str, str]]:
    return [(c.kind.value, c.id) for c in changes]


def fields_of(change: Change) -> dict[str, tuple[str, str]]:
    return {f.field: (f.old_text, f.new_text) for f in change.fields}


def test_same_calendar_has_no_changes(load: Load) -> None:
    assert diff_calendars(load(BASE), load(BASE)) == []
    assert diff_details(load(BASE), load(BASE)) == []


def test_reformatted_file_is_the_same(load: Load) -> None:
    # Same meaning, other bytes: comments, an explicit default, an offset for the same instant.
    other = "# a comment\n" + BASE.replace(
        'host = "TJ"', 'host = "TJ"\nstatus = "confirmed"'
    ).replace("start = 2025-10-09T11:00:00\n", "start = 2025-10-09T11:00:00 # local\n")
    assert diff_calendars(load(BASE), load(other)) == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda t: t + '\n[[events]]\nid = "dinner"\ntitle = "Dinner"\nstart = 2025-10-09\n',
            [("added", "dinner")],
        ),
        (lambda t: t[: t.index('[[events]]\nid = "summit"')], [("removed", "summit")]),
        (
            lambda t: t.replace('kind = "summit"', 'kind = "summit"\nstatus = "cancelled"'),
            [("cancelled", "summit")],
        ),
        (lambda t: t.replace("T11:00:00", "T12:00:00"), [("moved", "talks")]),
        (lambda t: t.replace("T13:00:00", "T14:00:00"), [("moved", "talks")]),
        (lambda t: t.replace('title = "Talks"', 'title = "Talks, part 1"'), [("changed", "talks")]),
        (lambda t: t.replace('["putin", "rahmon"]', '["rahmon"]'), [("changed", "talks")]),
    ],
    ids=["added", "removed", "cancelled", "moved-start", "moved-end", "retitled", "people"],
)
def test_each_kind_of_change(
    load: Load, edit: Callable[[str], str], expected: list[tuple[str, str]]
) -> None:
    assert kinds(diff_calendars(load(BASE), load(edit(BASE)))) == expected


def test_moved_says_old_and_new_in_the_events_zone(load: Load) -> None:
    (change,) = diff_calendars(load(BASE), load(BASE.replace("T11:00:00", "T09:30:00")))
    assert fields_of(change) == {
        "start": ("2025-10-09 11:00 Asia/Dushanbe", "2025-10-09 09:30 Asia/Dushanbe")
    }
    assert change_line(change) == (
        'moved talks "Talks": start 2025-10-09 11:00 Asia/Dushanbe → 2025-10-09 09:30 Asia/Dushanbe'
    )


def test_same_instant_in_another_zone_is_not_a_move(load: Load) -> None:
    # 11:00 in Dushanbe (UTC+5) is 09:00 in Moscow (UTC+3): the zone changed, the time did not.
    moscow = BASE.replace(
        TALKS_TIMES,
        'start = 2025-10-09T09:00:00\nend = 2025-10-09T11:00:00\ntimezone = "Europe/Moscow"\n',
    )
    (change,) = diff_calendars(load(BASE), load(moscow))
    assert change.kind is ChangeKind.CHANGED
    assert fields_of(change) == {"timezone": ("Asia/Dushanbe", "Europe/Moscow")}


def test_same_wall_clock_in_another_zone_is_a_move(load: Load) -> None:
    moscow = BASE.replace(TALKS_TIMES, TALKS_TIMES + 'timezone = "Europe/Moscow"\n')
    (change,) = diff_calendars(load(BASE), load(moscow))
    assert change.kind is ChangeKind.MOVED
    assert fields_of(change)["start"] == (
        "2025-10-09 11:00 Asia/Dushanbe",
        "2025-10-09 11:00 Europe/Moscow",
    )


def test_an_offset_for_the_same_instant_is_no_move(load: Load) -> None:
    offsets = BASE.replace(
        TALKS_TIMES, "start = 2025-10-09T12:00:00+06:00\nend = 2025-10-09T14:00:00+06:00\n"
    )
    as_plus_five = offsets.replace("T12:00:00+06:00", "T11:00:00+05:00").replace(
        "T14:00:00+06:00", "T13:00:00+05:00"
    )
    assert diff_calendars(load(offsets), load(as_plus_five)) == []
    # From a zone to a bare offset: not a move either, but what the screen shows changes.
    (change,) = diff_calendars(load(BASE), load(as_plus_five))
    assert change.kind is ChangeKind.CHANGED
    assert fields_of(change) == {"timezone": ("Asia/Dushanbe", "UTC+05:00")}


@pytest.mark.parametrize(
    ("summit", "expected"),
    [
        (
            "start = 2025-10-11",
            {"start": ("2025-10-10", "2025-10-11"), "end": ("2025-10-10", "2025-10-11")},
        ),
        ("start = 2025-10-10\nend = 2025-10-11", {"end": ("2025-10-10", "2025-10-11")}),
        (
            "start = 2025-10-10T10:00:00\nend = 2025-10-10T11:00:00",
            {
                "start": ("2025-10-10", "2025-10-10 10:00 Asia/Dushanbe"),
                "end": ("2025-10-10", "2025-10-10 11:00 Asia/Dushanbe"),
            },
        ),
    ],
    ids=["all-day-moved", "all-day-longer", "all-day-became-timed"],
)
def test_all_day_moves(load: Load, summit: str, expected: dict[str, tuple[str, str]]) -> None:
    (change,) = diff_calendars(load(BASE), load(BASE.replace("start = 2025-10-10", summit)))
    assert (change.kind, fields_of(change)) == (ChangeKind.MOVED, expected)


def test_an_explicit_end_equal_to_the_default_is_no_change(load: Load) -> None:
    explicit = BASE.replace("start = 2025-10-10\n", "start = 2025-10-10\nend = 2025-10-10\n")
    assert diff_calendars(load(BASE), load(explicit)) == []


def test_one_change_per_event_with_every_field(load: Load) -> None:
    edited = BASE.replace("T11:00:00", "T12:00:00").replace('title = "Talks"', 'title = "Talk"')
    (change,) = diff_calendars(load(BASE), load(edited))
    assert change.kind is ChangeKind.MOVED
    assert set(fields_of(change)) == {"title", "start"}
    assert change.title == "Talk"


def test_cancelled_wins_over_moved_and_uncancelling_is_a_change(load: Load) -> None:
    cancelled = BASE.replace('kind = "bilateral"', 'kind = "bilateral"\nstatus = "cancelled"')
    both = cancelled.replace("T11:00:00", "T12:00:00")
    (change,) = diff_calendars(load(BASE), load(both))
    assert change.kind is ChangeKind.CANCELLED
    assert set(fields_of(change)) == {"status", "start"}
    (back,) = diff_calendars(load(cancelled), load(BASE))
    assert (back.kind, fields_of(back)) == (
        ChangeKind.CHANGED,
        {"status": ("cancelled", "confirmed")},
    )


def test_renames_are_not_guessed(load: Load) -> None:
    renamed = BASE.replace('id = "talks"', 'id = "talks-1"')
    assert kinds(diff_calendars(load(BASE), load(renamed))) == [
        ("added", "talks-1"),
        ("removed", "talks"),
    ]


def test_grouped_by_kind_then_in_time_order(load: Load) -> None:
    old = BASE + events(("gone-late", "2025-10-13"), ("gone-early", "2025-10-07"))
    new = BASE.replace("T11:00:00", "T10:00:00").replace('title = "Summit"', 'title = "S"')
    new += events(("new-late", "2025-10-12T09:00:00"), ("new-early", "2025-10-08T09:00:00"))
    assert kinds(diff_calendars(load(old), load(new))) == [
        ("added", "new-early"),
        ("added", "new-late"),
        ("removed", "gone-early"),
        ("removed", "gone-late"),
        ("moved", "talks"),
        ("changed", "summit"),
    ]


def test_time_order_uses_instants_across_zones(load: Load) -> None:
    extra = events(
        ("a-berlin", '2025-10-09T08:30:00\ntimezone = "Europe/Berlin"'),  # 06:30 UTC
        ("b-dushanbe", "2025-10-09T11:00:00"),  # 06:00 UTC
        ("c-allday", "2025-10-09\nall_day = true"),  # a true all-day event: first
    )
    changes = diff_calendars(load(BASE), load(BASE + extra))
    assert [c.id for c in changes] == ["c-allday", "b-dushanbe", "a-berlin"]


def test_calendar_countries_and_participants(load: Load) -> None:
    edited = (
        BASE.replace('title = "Test summit"', 'title = "Test summit"\nid = "test-summit"').replace(
            'title = "President of Russia"', 'title = "President"'
        )
        + '\n[countries.KZ]\nname = "Kazakhstan"\ncapital = "Astana"\n'
    )
    details = diff_details(load(BASE), load(edited.replace("Test summit", "Summit 2")))
    assert [(c.kind.value, c.subject.value, c.id) for c in details] == [
        ("changed", "calendar", "test-summit"),
        ("added", "country", "KZ"),
        ("changed", "participant", "putin"),
    ]
    assert fields_of(details[0])["title"] == ("Test summit", "Summit 2")
    assert change_line(details[2]) == (
        'changed participant:putin "Vladimir Putin": title President of Russia → President'
    )


@dataclass(frozen=True, slots=True)
class FutureEvent(Event):
    """An Event with a field another engineer may add later."""

    under_way_at: datetime | None = None


def test_fields_added_later_are_compared_too() -> None:
    zone = get_zone("Asia/Dushanbe")
    start = datetime(2025, 10, 9, 11, 0, tzinfo=zone)
    old = FutureEvent("talks", "Talks", start, start + timedelta(hours=1), "Asia/Dushanbe")
    new = replace(old, under_way_at=datetime(2025, 10, 9, 11, 5, tzinfo=zone))
    change = event_change(old, new)
    assert change is not None and change.kind is ChangeKind.CHANGED
    assert fields_of(change) == {"under_way_at": ("(none)", "2025-10-09 11:05 Asia/Dushanbe")}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (
            datetime(2025, 10, 9, 11, 0, tzinfo=get_zone("Asia/Dushanbe")),
            "2025-10-09 11:00 Asia/Dushanbe",
        ),
        (
            datetime(2025, 10, 9, 9, 0, 30, tzinfo=timezone(timedelta(hours=6))),
            "2025-10-09 09:00:30 UTC+06:00",
        ),
        (datetime(2025, 10, 9, 6, 0, tzinfo=UTC), "2025-10-09 06:00 UTC"),
        (date(2025, 10, 10), "2025-10-10"),
        ((), "(none)"),
        (None, "(none)"),
        (("putin", "rahmon"), "putin, rahmon"),
        (True, "yes"),
        ("", '""'),
        ("line one\nline \x1b[31mtwo", "line one line ␛[31mtwo"),
        (timedelta(hours=1, minutes=30), "1h30"),
        (3.5, "3.5"),
    ],
)
def test_display(value: object, text: str) -> None:
    assert display(value) == text


def test_plain_values_for_json_keep_the_zone() -> None:
    zoned = datetime(2025, 10, 9, 11, 0, tzinfo=get_zone("Asia/Dushanbe"))
    assert plain(zoned) == "2025-10-09T11:00:00+05:00[Asia/Dushanbe]"
    assert plain(datetime(2025, 10, 9, 9, 0, tzinfo=timezone(timedelta(hours=6)))) == (
        "2025-10-09T09:00:00+06:00"
    )
    assert plain(("a", "b")) == ["a", "b"]
    assert plain(frozenset({"b", "a"})) == ["a", "b"]


def test_change_json_shape(load: Load) -> None:
    (change,) = diff_calendars(load(BASE), load(BASE.replace("T11:00:00", "T12:00:00")))
    assert change_json(change) == {
        "kind": "moved",
        "subject": "event",
        "id": "talks",
        "title": "Talks",
        "start": "2025-10-09T12:00:00+05:00[Asia/Dushanbe]",
        "fields": [
            {
                "field": "start",
                "old": "2025-10-09T11:00:00+05:00[Asia/Dushanbe]",
                "new": "2025-10-09T12:00:00+05:00[Asia/Dushanbe]",
                "old_text": "2025-10-09 11:00 Asia/Dushanbe",
                "new_text": "2025-10-09 12:00 Asia/Dushanbe",
            }
        ],
    }


def test_hostile_titles_stay_on_one_line(load: Load) -> None:
    hostile = BASE.replace('title = "Talks"', 'title = "[bold]x\\n\\u001b[2J"')
    (change,) = diff_calendars(load(BASE), load(hostile))
    line = change_line(change)
    assert "\n" not in line and "\x1b" not in line
    assert '"[bold]x ␛[2J"' in line
