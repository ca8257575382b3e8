"""A reload that reuses unchanged [[events]] blocks gives exactly what a full load gives.

Differential tests: after random edits (an event changed, added, removed or moved; text
that looks like a block boundary but is not; CRLF; a table after the events; byte
mutations), ``parse_reusing`` must equal ``tomllib.loads`` of the new text (types, key
order and tzinfo classes included) or both must reject it, and ``reload_bytes`` must give
the calendar, warnings and errors of ``load_bytes``.
"""

from __future__ import annotations

import sys
import tomllib
from functools import partial
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BASE, ROOT
from tests.core.toml.test_parse import canonical
from tui.core.errors import CalendarError
from tui.core.loading.load import Loaded, load_bytes, reload_bytes
from tui.core.loading.reparse import Parsed, parse_reusing
from tui.core.toml import parse as toml_parse

sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text

SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SMALL = calendar_text(12, overlaps=0.3, dst_gaps=1)

# Pieces that make a cut at "\n[[events]]" wrong, or a block not one event: each must
# send the parse back to the whole text, with the same answer.
TRICKY_BLOCKS = [
    'id = "m"\ntitle = "M"\ndescription = """\n[[events]]\nid = "inside"\n"""\n'
    "start = 2025-10-09\n",
    "id = 'l'\ntitle = 'L'\nnote = '''\n[[events]]'''\nstart = 2025-10-09\n",
    'id = "two"\ntitle = "A"\nstart = 2025-10-09\n[[ events ]]\nid = "b"\ntitle = "B"\n'
    "start = 2025-10-09\n",
    'id = "t"\ntitle = "T"\nstart = 2025-10-09\n[countries.XX]\nname = "X"\ncapital = "Y"\n',
    'id = "s"\ntitle = "S"\nstart = 2025-10-09\n[events.detail]\nnote = "kept"\n',
    ' # a comment after the header\nid = "c"\ntitle = "C"\nstart = 2025-10-09T10:00:00+05:00\n',
    'id = "i"\ntitle = "I"\nstart = 2025-10-09\nwhere = { city = "Dushanbe" }\n',
    'id = "bad"\ntitle = "unterminated\nstart = 2025-10-09\n',
    'id = "dup"\ntitle = "D"\nid = "again"\n',
]


def split_blocks(text: str) -> tuple[str, list[str]]:
    head, *bodies = text.split("\n[[events]]")
    return head, bodies


def join_blocks(head: str, bodies: list[str]) -> str:
    return head + "".join("\n[[events]]" + body for body in bodies)


def outcome_of(parse: Any, text: str) -> Any:
    try:
        return canonical(parse(text))
    except tomllib.TOMLDecodeError as error:
        return ("error", str(error))
    except RecursionError:
        return ("error", "recursion")


def reused_outcome(text: str, previous: Parsed | None) -> Any:
    return outcome_of(lambda t: parse_reusing(t, previous).document, text)


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    head, bodies = split_blocks(text)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(
            st.sampled_from(["change", "add", "remove", "move", "tricky", "zone", "head"])
        )
        spot = draw(st.integers(0, max(len(bodies) - 1, 0)))
        if action == "change" and bodies:
            bodies[spot] = bodies[spot].replace("title = ", f"title = {draw(st.text())!r} + ", 1)
            bodies[spot] = (
                bodies[spot].replace(" + ", "", 1) if draw(st.booleans()) else bodies[spot]
            )
        elif action == "add":
            bodies.insert(spot, f'\nid = "new{spot}"\ntitle = "New"\nstart = 2025-10-09\n')
        elif action == "remove" and bodies:
            del bodies[spot]
        elif action == "move" and bodies:
            bodies.append(bodies.pop(spot))
        elif action == "tricky":
            bodies.insert(spot, "\n" + draw(st.sampled_from(TRICKY_BLOCKS)))
        elif action == "zone":  # every event without a zone of its own now means another
            head = head.replace('timezone = "', 'timezone = "Asia/Tokyo" #', 1)
        elif action == "head":
            head += draw(st.sampled_from(["\n# a comment", '\nextra = "x"', "\n[events.x]"]))
    result = join_blocks(head, bodies)
    return result.replace("\n", "\r\n") if draw(st.booleans()) else result


@SETTINGS
@given(data=st.data())
def test_reuse_equals_a_full_parse_after_edits(data: st.DataObject) -> None:
    old = data.draw(st.sampled_from([SMALL, BASE]))
    previous = parse_reusing(old)
    assert canonical(previous.document) == canonical(tomllib.loads(old))
    new = data.draw(edited(old))
    expected = outcome_of(tomllib.loads, new)
    assert reused_outcome(new, previous) == expected
    assert reused_outcome(new, None) == expected


@SETTINGS
@given(data=st.data())
def test_reuse_equals_a_full_parse_after_byte_mutations(data: st.DataObject) -> None:
    previous = parse_reusing(SMALL)
    raw = bytearray(SMALL.encode())
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        byte = data.draw(st.sampled_from(list(b"[]{}\"'=,.#\n\r\\ az09")))
        if data.draw(st.booleans()):
            raw[position] = byte
        else:
            raw.insert(position, byte)
    new = raw.decode("utf-8", "replace")
    assert reused_outcome(new, previous) == outcome_of(tomllib.loads, new)


def test_only_the_changed_block_is_parsed() -> None:
    parsed_texts: list[str] = []

    def counting(text: str) -> dict[str, Any]:
        parsed_texts.append(text)
        return toml_parse.parse(text)

    previous = parse_reusing(SMALL)
    head, bodies = split_blocks(SMALL)
    bodies[5] = bodies[5].replace('title = "', 'title = "Edited ', 1)
    new = join_blocks(head, bodies)
    result = parse_reusing(new, previous, parse=counting)
    assert len(parsed_texts) == 2  # the head and the edited event
    assert "Edited" in parsed_texts[1]
    assert canonical(result.document) == canonical(tomllib.loads(new))
    # Unchanged events are the very tables of the previous parse.
    assert result.document["events"][0] is previous.document["events"][0]


def load_outcome(load: Any) -> Any:
    try:
        loaded: Loaded = load()
    except CalendarError as error:
        return ("error", [str(d) for d in error.diagnostics])
    return repr((loaded.calendar, loaded.warnings))


@SETTINGS
@given(data=st.data())
def test_reload_gives_what_a_load_gives(
    data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPLOCAL_NO_CACHE", "1")
    _, previous = reload_bytes(SMALL.encode(), "cal.toml", None)
    # Two edits in a row: the second reuses events checked by the first reload.
    for _ in range(2):
        new = data.draw(edited(SMALL)).encode()
        expected = load_outcome(partial(load_bytes, new, "cal.toml"))
        try:
            loaded, previous = reload_bytes(new, "cal.toml", previous)
        except CalendarError as error:
            assert expected == ("error", [str(d) for d in error.diagnostics])
        else:
            assert repr((loaded.calendar, loaded.warnings)) == expected


def test_unchanged_events_are_taken_as_they_were(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOCAL_NO_CACHE", "1")
    first, state = reload_bytes(SMALL.encode(), "cal.toml", None)
    head, bodies = split_blocks(SMALL)
    bodies[3] = bodies[3].replace('title = "', 'title = "Edited ', 1)
    second, _ = reload_bytes(join_blocks(head, bodies).encode(), "cal.toml", state)
    before = {e.id: e for e in first.calendar.events}
    after = {e.id: e for e in second.calendar.events}
    assert after["e3"].title.startswith("Edited ")
    assert after["e3"] is not before["e3"]
    assert after["e1"] is before["e1"]  # the very object: not checked again
    assert after["e10"] is not before["e10"]  # its DST-gap warning is made again
    # A changed head (here a participant renamed) means every event is checked again.
    renamed = join_blocks(head.replace('name = "Anna', 'name = "Anne', 1), bodies)
    third, _ = reload_bytes(renamed.encode(), "cal.toml", state)
    assert all(e is not after[e.id] for e in third.calendar.events)


def test_a_bare_carriage_return_at_the_end_is_rejected_as_tomllib_does() -> None:
    """Found by the byte mutations: a piece must never be parsed with a newline that the
    text does not have, which would turn a final bare "\\r" into a valid CRLF."""
    text = SMALL.removesuffix("\n") + "\r"
    assert outcome_of(tomllib.loads, text)[0] == "error"
    assert reused_outcome(text, parse_reusing(SMALL)) == outcome_of(tomllib.loads, text)
    crlf = SMALL.replace("\n", "\r\n")
    assert reused_outcome(crlf, parse_reusing(SMALL)) == outcome_of(tomllib.loads, crlf)


@pytest.mark.parametrize("where", ["head", "event"])
@pytest.mark.parametrize("after_a_reload", [False, True])
def test_a_huge_integer_is_the_located_error_a_load_gives(where: str, after_a_reload: bool) -> None:
    """Python refuses to convert more than 4300 digits (a ValueError from tomllib): a
    reload says where, as a load does, instead of raising it (the TUI's follower, which
    catches CalendarError, stopped following the file without a word)."""
    head, bodies = split_blocks(SMALL)
    huge = "x = 1" + "0" * 5000 + "\n"
    if where == "head":
        head = head.replace("[calendar]\n", "[calendar]\n" + huge, 1)
    else:
        bodies[3] = bodies[3] + huge
    text = join_blocks(head, bodies).encode()
    previous = reload_bytes(SMALL.encode(), "cal.toml", None)[1] if after_a_reload else None
    expected = load_outcome(partial(load_bytes, text, "cal.toml"))
    assert expected[0] == "error" and "a number with more than 4300 digits" in expected[1][0]
    assert load_outcome(lambda: reload_bytes(text, "cal.toml", previous)[0]) == expected
