"""One bad calendar per rule: each must fail with a located, helpful message."""

from __future__ import annotations

import pytest

from tests.conftest import BASE, WriteCalendar
from tui.core.errors import CalendarError, Severity
from tui.core.loading.load import Finish, load_calendar


def replace(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# (case id, calendar text, text on the offending line, column, words the message must hold)
CASES = [
    (
        "syntax",
        replace('title = "Talks"', 'title = "Talks'),
        'title = "Talks',
        15,
        "TOML syntax",
    ),
    (
        "unknown-key-did-you-mean",
        replace('kind = "bilateral"', 'knd = "bilateral"'),
        'knd = "bilateral"',
        1,
        'unknown key "knd" in event #1 (did you mean "kind"?)',
    ),
    (
        "unknown-top-level",
        BASE + '\n[calender]\ntitle = "x"\n',
        "[calender]",
        1,
        '(did you mean "calendar"?)',
    ),
    (
        "wrong-type",
        replace('title = "Talks"', "title = 42"),
        "title = 42",
        9,
        '"title" must be a string, not an integer',
    ),
    (
        "bool-is-not-int",
        replace("icc_state_party = true", 'icc_state_party = "yes"'),
        'icc_state_party = "yes"',
        19,
        "true or false",
    ),
    (
        "bad-event-id",
        replace('id = "talks"', 'id = "Talks Day"'),
        'id = "Talks Day"',
        6,
        "must match",
    ),
    (
        "bad-country-key",
        replace("[countries.RU]", "[countries.Ru]"),
        "[countries.Ru]",
        1,
        'country code "Ru" has the wrong shape',
    ),
    (
        "bad-participant-key",
        replace("[participants.rahmon]", "[participants.Rahmon]"),
        "[participants.Rahmon]",
        1,
        'participant id "Rahmon"',
    ),
    (
        "duplicate-id",
        replace('id = "summit"', 'id = "talks"'),
        'id = "talks"\ntitle = "Summit"',
        6,
        'duplicate event id "talks"',
    ),
    (
        "unknown-participant",
        replace('participants = ["putin", "rahmon"]', 'participants = ["putin", "rahmom"]'),
        'participants = ["putin", "rahmom"]',
        26,
        'unknown participant "rahmom"',
    ),
    (
        "unknown-host",
        replace('host = "TJ"', 'host = "TX"'),
        'host = "TX"',
        8,
        'unknown country "TX"',
    ),
    (
        "unknown-participant-country",
        replace('country = "RU"', 'country = "RUS"'),
        'country = "RUS"',
        11,
        'unknown country "RUS"',
    ),
    (
        "unknown-border",
        replace('capital = "Dushanbe"', 'capital = "Dushanbe"\nborders = ["AF", "QQ"]'),
        'borders = ["AF", "QQ"]',
        18,
        'border "QQ"',
    ),
    (
        "unknown-zone",
        replace('timezone = "Europe/Moscow"', 'timezone = "Europe/Moskow"'),
        'timezone = "Europe/Moskow"',
        12,
        'unknown time zone "Europe/Moskow" (did you mean "Europe/Moscow"?)',
    ),
    (
        "end-before-start",
        replace("end = 2025-10-09T13:00:00", "end = 2025-10-09T10:00:00"),
        "end = 2025-10-09T10:00:00",
        7,
        "before",
    ),
    (
        "end-before-start-as-instants",
        # 13:00 in Dushanbe (UTC+5) is 08:00 UTC; an end of 09:00Z is after it, 07:00Z is not.
        replace("end = 2025-10-09T13:00:00", "end = 2025-10-09T07:00:00Z").replace(
            "start = 2025-10-09T11:00:00", "start = 2025-10-09T13:00:00"
        ),
        "end = 2025-10-09T07:00:00Z",
        7,
        "before",
    ),
    (
        "date-start-datetime-end",
        replace("start = 2025-10-10\n", "start = 2025-10-10\nend = 2025-10-10T12:00:00\n"),
        "end = 2025-10-10T12:00:00",
        7,
        "same kind",
    ),
    (
        "bad-kind",
        replace('kind = "summit"', 'kind = "sumit"'),
        'kind = "sumit"',
        8,
        '(did you mean "summit"?)',
    ),
    (
        "bad-status",
        replace('kind = "summit"', 'kind = "summit"\nstatus = "maybe"'),
        'status = "maybe"',
        10,
        "confirmed | tentative | cancelled",
    ),
    (
        "time-of-day-start",
        replace("start = 2025-10-10\n", "start = 11:00:00\n"),
        "start = 11:00:00",
        9,
        "not a time of day",
    ),
    (
        "missing-title",
        replace('title = "Summit"\n', ""),
        '[[events]]\nid = "summit"',
        1,
        'missing required key "title"',
    ),
    (
        "empty-title",
        replace('title = "Summit"', 'title = "  "'),
        'title = "  "',
        9,
        "must not be empty",
    ),
    (
        "events-not-array",
        'events = "none"\n' + BASE.split("[[events]]")[0],
        'events = "none"',
        10,
        "[[events]]",
    ),
    (
        "updated-naive",
        replace(
            'timezone = "Asia/Dushanbe"\n', 'timezone = "Asia/Dushanbe"\nupdated = 2025-10-11\n'
        ),
        "updated = 2025-10-11",
        11,
        "offset date-time",
    ),
]


@pytest.mark.parametrize(
    ("text", "needle", "column", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_calendar_is_located(
    write_calendar: WriteCalendar, text: str, needle: str, column: int, words: str
) -> None:
    path = write_calendar(text)
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    first = caught.value.diagnostics[0]
    assert words in first.message
    assert (first.line, first.column) == (line_of(text, needle), column)
    assert str(first).startswith(f"{path}:{first.line}:{first.column}: error: ")
    assert all(d.severity is Severity.ERROR for d in caught.value.diagnostics)


def test_every_problem_is_reported_in_one_run(write_calendar: WriteCalendar) -> None:
    text = replace('kind = "bilateral"', 'knd = "bilateral"').replace('host = "TJ"', 'host = "TX"')
    text = text.replace('timezone = "Europe/Moscow"', 'timezone = "Mars/Olympus"')
    with pytest.raises(CalendarError) as caught:
        load_calendar(write_calendar(text))
    messages = [d.message for d in caught.value.diagnostics]
    assert len(messages) == 3
    lines = [d.line for d in caught.value.diagnostics]
    assert lines == sorted(lines)


def test_overlap_is_a_warning_not_an_error(write_calendar: WriteCalendar) -> None:
    text = BASE + (
        '\n[[events]]\nid = "lunch"\ntitle = "Lunch"\n'
        'start = 2025-10-09T12:30:00\nparticipants = ["rahmon"]\n'
    )
    loaded = load_calendar(write_calendar(text))
    assert len(loaded.calendar.events) == 3
    (warning,) = loaded.warnings
    assert warning.severity is Severity.WARNING
    assert '"rahmon" is in "lunch" and "talks"' in warning.message
    assert warning.line == line_of(text, "start = 2025-10-09T12:30:00")
    assert ": warning: " in str(warning)


def test_cancelled_and_all_day_events_do_not_overlap(write_calendar: WriteCalendar) -> None:
    text = BASE + (
        '\n[[events]]\nid = "lunch"\ntitle = "Lunch"\nstatus = "cancelled"\n'
        'start = 2025-10-09T12:30:00\nparticipants = ["rahmon"]\n'
        '\n[[events]]\nid = "visit"\ntitle = "Visit"\nstart = 2025-10-09\nend = 2025-10-10\n'
        'participants = ["putin"]\n'
    )
    assert load_calendar(write_calendar(text)).warnings == []


def test_nonexistent_local_time_warns(write_calendar: WriteCalendar) -> None:
    text = replace('timezone = "Asia/Dushanbe"', 'timezone = "Europe/Berlin"').replace(
        "start = 2025-10-09T11:00:00\nend = 2025-10-09T13:00:00",
        "start = 2025-03-30T02:30:00\nend = 2025-03-30T04:00:00",
    )
    (warning,) = load_calendar(write_calendar(text)).warnings
    assert "does not exist in Europe/Berlin" in warning.message


# Events as inline tables on the file's first line, after a byte-order mark: Cyrillic text,
# and a character outside the Basic Multilingual Plane, stand before the located places on
# their line. Problems are located in the file's bytes (see `source_map.utf8_view`), while
# columns count characters.
INLINE_HEAD = BASE[: BASE.index("[[events]]")]
INLINE_LUNCH = (
    '{id = "obed", title = "Обед 🍲", start = 2025-10-09T12:30:00, participants = ["rahmon"]}'
)
INLINE_TALKS = (
    '{id = "talks", title = "Переговоры", start = 2025-10-09T11:00:00, '
    'end = 2025-10-09T13:00:00, participants = ["rahmon"]}'
)


def column_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return index - text.rfind("\n", 0, index)


@pytest.mark.parametrize("later", [False, True], ids=["at once", "after the first paint"])
def test_warning_after_non_ascii_text_is_located_in_characters(
    write_calendar: WriteCalendar, later: bool
) -> None:
    text = f"events = [{INLINE_TALKS}, {INLINE_LUNCH}]\n{INLINE_HEAD}"
    path = write_calendar("\ufeff" + text)
    finish: list[Finish] = []
    loaded = load_calendar(path, finish_later=finish.append if later else None)
    (warning,) = finish[0]() if later else loaded.warnings
    assert '"rahmon" is in "obed" and "talks"' in warning.message
    assert (warning.line, warning.column) == (1, column_of(text, "2025-10-09T12:30:00"))


def test_error_at_a_cyrillic_key_is_located_in_characters(write_calendar: WriteCalendar) -> None:
    event = INLINE_TALKS.replace("}", ', "заметка" = "да"}')
    text = f"events = [{INLINE_LUNCH}, {event}]\n{INLINE_HEAD}"
    with pytest.raises(CalendarError) as caught:
        load_calendar(write_calendar(text))
    (error,) = caught.value.diagnostics
    assert 'unknown key "заметка"' in error.message
    assert (error.line, error.column) == (1, column_of(text, '"заметка"'))
