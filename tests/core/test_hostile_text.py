"""Hostile text in a calendar: never a live escape on a terminal, never a broken export."""

from __future__ import annotations

import io
import re
import tomllib
from typing import Any

import icalendar
import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import BASE, WriteCalendar
from tui.cli import main
from tui.core.errors import Diagnostic
from tui.core.export.ical import describe, to_icalendar
from tui.core.export.toml_calendar import to_toml
from tui.core.loading.validate import build_calendar
from tui.core.model import Calendar
from tui.core.text import escape_controls, one_line, printable, without_controls

# Sets the terminal's title, clears the screen, reverses the text, an 8-bit CSI, a newline.
HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\u202eevil\u2066\x9b31m\r\nnext\x7f"
# What no output may hold raw: C0 but tab and newline (CR is allowed only before LF, as
# iCalendar ends its lines), DEL, C1 and bidi controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def base_document() -> dict[str, Any]:
    return tomllib.loads(BASE)


def with_text_everywhere(value: str, document: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every string field of the calendar, its countries, people and events set to ``value``."""
    doc = document or base_document()
    doc["calendar"].update(title=f"t{value}", description=value, sources=[value])
    for country in doc["countries"].values():
        country.update(name=f"n{value}", capital=f"c{value}", notes=value)
        country.update(aliases=[value], blocs=[value])
    for person in doc["participants"].values():
        person.update(name=f"n{value}", title=value, notes=value, aliases=[value])
    for event in doc["events"]:
        event.update(title=f"t{value}", location=value, description=value, sources=[value])
    return doc


def test_messages_escape_every_control_character() -> None:
    message = escape_controls(f'unknown kind "{HOSTILE}"')
    assert message == (
        'unknown kind "\\x1b]0;PWNED\\x07\\x1b[2J\\u202eevil\\u2066\\x9b31m\\r\\nnext\\x7f"'
    )


def test_diagnostics_quote_hostile_text_as_escapes() -> None:
    line = str(Diagnostic("f\x1b.toml", 3, 1, f'unknown country "{HOSTILE}"'))
    assert not RAW_CONTROL.search(line)
    assert "\n" not in line
    assert line.startswith("f\\x1b.toml:3:1: error: ")


def test_display_text_shows_bidi_overrides() -> None:
    assert printable("a\u202eb\u2067c") == "a<U+202E>b<U+2067>c"
    assert one_line("a\u202e\nb") == "a<U+202E> b"


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["agenda"],
        ["agenda", "--tz", "UTC"],
        ["export"],
        ["export", "--format", "toml"],
    ],
)
def test_valid_calendar_with_escapes_everywhere(
    argv: list[str], write_calendar: WriteCalendar
) -> None:
    path = write_calendar(tomli_w.dumps(with_text_everywhere(HOSTILE)))
    code, out, err = run(*argv, str(path))
    assert code == 0, err
    assert not RAW_CONTROL.search(out)
    assert not RAW_CONTROL.search(err)


@pytest.mark.parametrize("key", ["kind", "status", "host", "timezone", "id", "title"])
def test_errors_quoting_escapes_stay_escaped(key: str, write_calendar: WriteCalendar) -> None:
    document = base_document()
    document["events"][0][key] = 7 if key == "title" else HOSTILE
    document["events"][0][HOSTILE] = HOSTILE  # an unknown key, quoted with a did-you-mean
    document["events"][0]["participants"] = [HOSTILE]
    code, out, err = run("check", str(write_calendar(tomli_w.dumps(document))))
    assert code == 1
    assert "error" in err
    assert not RAW_CONTROL.search(out + err)


def test_usage_errors_escape_what_the_user_typed() -> None:
    for argv in (["agenda", "--tz", HOSTILE], ["export", "--country", HOSTILE]):
        code, out, err = run(*argv)
        assert code == 2
        assert "\\x1b]0;PWNED" in err
        assert not RAW_CONTROL.search(out + err)


def test_argparse_errors_escape_what_the_user_typed(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("check", "a.toml", HOSTILE)  # "unrecognized arguments: ..."
    captured = capsys.readouterr()
    assert code == 2
    assert "\\x1b]0;PWNED" in captured.err
    assert not RAW_CONTROL.search(captured.err)


def test_a_newline_in_the_calendar_title_is_escaped_text() -> None:
    document = base_document()
    document["calendar"]["title"] = "Summit\nBEGIN:VEVENT\nUID:x, y; z\\"
    calendar, _ = build_calendar(document)
    assert calendar is not None
    parsed = icalendar.Calendar.from_ical(to_icalendar(calendar))
    for name in ("NAME", "X-WR-CALNAME"):
        assert _unescaped(parsed[name]) == document["calendar"]["title"]
    assert len(parsed.walk("VEVENT")) == 2


# --- every string field, random text -------------------------------------------------------
# Any character a TOML string can hold; at least one, as required fields must not be blank.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def _unescaped(value: object) -> str:
    """RFC 5545 TEXT unescaping: icalendar keeps properties it does not know as written."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def _events_by_uid(data: bytes) -> dict[str, icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in parsed.walk("VEVENT")}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=TEXT)
@example(value="a\r\nb")  # tomli-w's multi-line strings turn CRLF into LF
@example(value=HOSTILE)
@example(value="\\N")  # icalendar's own TEXT escaping reads "\N" as a line break
def test_random_text_in_every_field_survives_both_exports(value: str) -> None:
    document = with_text_everywhere(value)
    calendar, fields = build_calendar(tomllib.loads(tomli_w.dumps(document)))
    assert calendar is not None, fields.problems
    assert_ics_says_the_same(calendar)
    # TOML is lossless: the exported calendar is the calendar.
    again, _ = build_calendar(tomllib.loads(to_toml(calendar)))
    assert again == calendar


def assert_ics_says_the_same(calendar: Calendar) -> None:
    """Every exported text parses back to the calendar's text (controls shown as symbols,
    as the export promises)."""
    data = to_icalendar(calendar)
    parsed = icalendar.Calendar.from_ical(data)
    expected_title = without_controls(calendar.title)
    assert _unescaped(parsed["NAME"]) == expected_title
    assert _unescaped(parsed["X-WR-CALNAME"]) == expected_title
    events = _events_by_uid(data)
    for event in calendar.events:
        vevent = events[f"{event.id}@{calendar.id}"]
        assert str(vevent["SUMMARY"]) == without_controls(event.title)
        if event.location:
            assert str(vevent["LOCATION"]) == without_controls(event.location)
        else:
            assert "LOCATION" not in vevent
        assert str(vevent["DESCRIPTION"]) == without_controls(describe(calendar, event))
