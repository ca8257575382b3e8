"""Checking edits by check's own rules, with each problem beside the field it concerns."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from typing import Any

import pytest

from tests.conftest import BASE, WriteCalendar
from tui.core.editing.edit_check import event_problems, field_problems, is_savable, validate_text
from tui.core.editing.toml_edit import update_event
from tui.core.errors import CalendarError
from tui.core.loading.load import load_calendar

DOCUMENT = tomllib.loads(BASE)
TALKS = next(e for e in DOCUMENT["events"] if e["id"] == "talks")


def test_validate_text_says_what_check_says(write_calendar: WriteCalendar) -> None:
    broken = BASE.replace('host = "TJ"', 'host = "XX"').replace("kind = ", "knd = ")
    path = write_calendar(broken)
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    assert validate_text(broken, str(path)) == caught.value.diagnostics
    assert not is_savable(validate_text(broken, str(path)))


@pytest.mark.parametrize(
    ("text", "savable"),
    [
        (BASE, True),
        (
            BASE + '\n[[events]]\nid = "x"\ntitle = "X"\nstart = 2025-10-09T12:00:00\n'
            'participants = ["putin"]\n',
            True,
        ),  # an overlap is a warning
        (BASE + "\nbroken = \n", False),
        ("", False),
    ],
)
def test_is_savable(text: str, savable: bool) -> None:
    assert is_savable(validate_text(text, "x.toml")) is savable


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        ({"host": "XX"}, {"host": 'unknown country "XX": not a key of [countries]'}),
        ({"start": None}, {"start": 'missing required key "start"'}),
        ({"title": "   "}, {"title": '"title" must not be empty'}),
        ({"participants": ["putin", "ptin"]}, {"participants": "ptin"}),
        ({"end": datetime(2025, 10, 9, 10, 0)}, {"end": "is before"}),
        ({"kind": "dinner"}, {"kind": '"kind" must be one of'}),
        ({"timezone": "Asia/Dushanbee"}, {"timezone": 'did you mean "Asia/Dushanbe"'}),
        ({"colour": "red"}, {"colour": 'unknown key "colour"'}),
        ({"end": date(2025, 10, 9)}, {"end": "same kind"}),
    ],
)
def test_event_problems_by_key(changes: dict[str, Any], expected: dict[str, str]) -> None:
    problems = event_problems(update_event(BASE, "talks", changes), "talks")
    assert set(problems) == set(expected)
    for key, part in expected.items():
        assert part in problems[key]


def test_an_overlap_warning_is_beside_start() -> None:
    text = BASE.replace("start = 2025-10-10", "start = 2025-10-09T12:00:00")
    assert "at the same time" in event_problems(text, "summit")["start"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        ({"id": "summit"}, {"id": "duplicate event id"}),
        ({"id": "Bad Id"}, {"id": "must match"}),
        ({"host": "XX", "status": "maybe"}, {"host": "unknown country", "status": "must be one"}),
        ({"title": None}, {"title": 'missing required key "title"'}),
        ({"start": "tomorrow"}, {"start": "must be a date"}),
    ],
)
def test_field_problems_as_you_type(changes: dict[str, Any], expected: dict[str, str]) -> None:
    draft = {**TALKS, **changes}
    problems = field_problems(DOCUMENT, draft, editing="talks")
    assert set(problems) == set(expected)
    for key, part in expected.items():
        assert part in problems[key]


def test_field_problems_for_a_new_event() -> None:
    draft = {"id": "talks", "title": "Again", "start": date(2025, 10, 9)}
    assert set(field_problems(DOCUMENT, draft)) == {"id"}
    draft["id"] = "again"
    assert field_problems(DOCUMENT, draft) == {}
