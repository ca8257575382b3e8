"""A date or time TOML refuses says what to fix, at its place, instead of tomllib's
"Expected newline or end of document after a statement"."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import run
from tests.conftest import BASE, WriteCalendar
from tui.core.errors import CalendarError
from tui.core.loading.load import load_calendar

START = "start = 2025-10-09T11:00:00"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2025-10-09T11:00", "times need seconds: write 2025-10-09T11:00:00"),
        ("2025-10-09 11:00", "times need seconds: write 2025-10-09 11:00:00"),
        ("2025-10-09T11:00+05:00", "times need seconds: write 2025-10-09T11:00:00+05:00"),
        ("[2025-10-09T11:00]", "times need seconds: write 2025-10-09T11:00:00"),
        ("2025-10-09T25:00:00", "hour 25 is out of range (00 to 23)"),
        ("2025-10-09T11:60:00", "minute 60 is out of range (00 to 59)"),
        ("2025-10-09T11:00:61", "second 61 is out of range (00 to 59)"),
        ("2025-13-09T11:00:00", "month 13 is out of range (01 to 12)"),
        ("2025-02-30T11:00:00", "day 30 is out of range: February 2025 has 28 days"),
        ("2025-10-09T11:00:00+25:00", "the offset +25:00 is out of range (-23:59 to +23:59)"),
        ("2025-10-09T1:00:00", "write the hour with two digits (01), as in 2025-10-09T01:00:00"),
    ],
)
def test_a_time_written_almost_right_says_what_to_fix(
    write_calendar: WriteCalendar, written: str, message: str
) -> None:
    text = BASE.replace(START, f"start = {written}", 1)
    line = text[: text.index(f"start = {written}")].count("\n") + 1
    with pytest.raises(CalendarError) as caught:
        load_calendar(write_calendar(text))
    (error,) = caught.value.diagnostics
    column = 9 + written.startswith("[")  # where the value begins
    assert (error.line, error.column, error.message) == (line, column, message)


@pytest.mark.parametrize(
    ("written", "column"),
    [
        ("2025-10-09T11:00:00 x", 29),
        ("2025-10-09x", 19),
        ('"2025-10-09T11:00', 26),  # an unclosed string
        ('"at 11:00', 18),
    ],
)
def test_other_mistakes_near_a_time_keep_the_parser_s_words(
    write_calendar: WriteCalendar, written: str, column: int
) -> None:
    text = BASE.replace(START, f"start = {written}", 1)
    with pytest.raises(CalendarError) as caught:
        load_calendar(write_calendar(text))
    (error,) = caught.value.diagnostics
    assert error.message.startswith("TOML syntax: ")
    assert error.column == column


def test_check_says_it_and_leaves_the_file_alone(write_calendar: WriteCalendar) -> None:
    text = BASE.replace(START, "start = 2025-10-09T11:00", 1)
    path = write_calendar(text)
    line = text[: text.index("T11:00\n")].count("\n") + 1
    before = path.read_bytes()
    code, out, err = run("check", str(path))
    assert (code, out) == (1, "")
    assert f"{path}:{line}:9: error: times need seconds: write 2025-10-09T11:00:00" in err
    assert path.read_bytes() == before
