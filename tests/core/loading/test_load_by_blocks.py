"""A cold load decodes and parses a calendar block by block from its bytes, and gives
exactly what decoding and parsing the whole text gives: the calendar, or the same error
at the same file:line:column (a byte that is not UTF-8 before any TOML error, as ever).

Each case is loaded three ways: through the cache's path (a cold load: block by block),
by a live reload (block by block too), and with the cache off (the whole text at once,
the reference). Files are made cacheable whatever their size.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BASE
from tui.core.errors import CalendarError
from tui.core.loading import cache, load, reparse, text_toml, validate
from tui.core.loading.load import load_bytes, reload_bytes
from tui.core.loading.reparse import head_digest, parse_blocks

EVENT = """
[[events]]
id = "e{n}"
title = "Переговоры в Душанбе {n}"
start = 2025-11-{day:02d}T10:00:00
participants = ["putin"]
"""
# Cyrillic titles before the blocks that go wrong: a column counted in bytes, or an
# offset counted in one block's characters, would be off.
TEXT = BASE + "".join(EVENT.format(n=n, day=n + 1) for n in range(20))
NAME = "cal.toml"


@pytest.fixture(autouse=True)
def cold(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file goes through the cache's path; `three_ways` empties it, so each load
    there is cold."""
    monkeypatch.setattr(cache, "MIN_SIZE", 0)
    monkeypatch.setattr(cache, "KEEP", 0)  # nothing stays in the cache


def outcome(load_it: object) -> object:
    try:
        loaded = load_it()  # type: ignore[operator]
    except CalendarError as error:
        return [str(d) for d in error.diagnostics]
    return repr((loaded.calendar, loaded.warnings))


def three_ways(data: bytes, monkeypatch: pytest.MonkeyPatch) -> object:
    """The outcome of a cold load, asserted equal to a reload's and a whole-text load's."""
    by_blocks = outcome(lambda: load_bytes(data, NAME))
    assert outcome(lambda: reload_bytes(data, NAME, None)[0]) == by_blocks
    with monkeypatch.context() as whole:
        whole.setenv(cache.DISABLE_ENV, "1")
        assert outcome(lambda: load_bytes(data, NAME)) == by_blocks
    return by_blocks


def at(text: str, needle: str) -> tuple[int, int]:
    """Line and column (in characters) where ``needle`` starts in ``text``."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def title_of(n: int) -> str:
    return f'title = "Переговоры в Душанбе {n}"'


def test_a_toml_error_in_a_later_block_is_located_after_cyrillic_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = TEXT.replace(title_of(15), title_of(15)[:-1], 1)
    line, column = at(broken, title_of(15)[:-1])
    got = three_ways(broken.encode(), monkeypatch)
    assert isinstance(got, list) and len(got) == 1
    assert got[0].startswith(f"{NAME}:{line}:")
    assert "TOML syntax" in got[0]
    # tomllib points after the last character of the unterminated string: in characters.
    assert got[0].startswith(f"{NAME}:{line}:{column + len(title_of(15)) - 1}: ")


def test_a_checking_error_in_a_later_block_is_located_after_cyrillic_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = TEXT.replace('id = "e17"\n', 'id = "e17"\nhost = "XX"\n', 1)
    line, column = at(broken, '"XX"')
    got = three_ways(broken.encode(), monkeypatch)
    assert isinstance(got, list) and len(got) == 1
    assert got[0].startswith(f'{NAME}:{line}:{column}: error: unknown country "XX"')


def not_utf8_at(data: bytes, bad: bytes) -> str:
    """The error `load.decode` gives for the first ``bad`` byte: its column in bytes."""
    offset = data.index(bad)
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    what = f"not UTF-8 text (byte 0x{bad[0]:02x}); save the file as UTF-8"
    return f"{NAME}:{line}:{column}: error: {what}"


def test_a_byte_that_is_not_utf8_inside_a_later_block_is_located_in_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = TEXT.encode().replace("Душанбе 12".encode(), b"Dushanbe\xe4 12", 1)
    assert three_ways(data, monkeypatch) == [not_utf8_at(data, b"\xe4")]


def test_a_utf8_sequence_cut_short_at_the_end_of_a_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The piece ends with the first byte of a two-byte character, then its newline.
    data = TEXT.encode().replace(b'"e5"\n', b'"e5"\n# \xd0\x94\xd0\n', 1)
    assert three_ways(data, monkeypatch) == [not_utf8_at(data, b"\xd0\n")]


def test_a_byte_that_is_not_utf8_wins_over_an_earlier_toml_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The whole file is UTF-8 or that is the error, as when it was decoded before parsing;
    block by block, the TOML error's block comes first."""
    broken = TEXT.replace(title_of(3), title_of(3)[:-1], 1)
    data = broken.encode().replace("Душанбе 18".encode(), b"Dushanbe\xff 18", 1)
    assert three_ways(data, monkeypatch) == [not_utf8_at(data, b"\xff")]


def test_crlf_loads_as_lf_and_errors_are_located_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    crlf = TEXT.replace("\n", "\r\n")
    assert three_ways(crlf.encode(), monkeypatch) == outcome(
        lambda: load_bytes(TEXT.encode(), NAME)
    )
    broken = TEXT.replace('id = "e17"\n', 'id = "e17"\nhost = "XX"\n', 1)
    expected = three_ways(broken.encode(), monkeypatch)
    assert three_ways(broken.replace("\n", "\r\n").encode(), monkeypatch) == expected


def test_crlf_inside_a_multiline_string_of_a_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """rtoml keeps the CR of a CRLF inside a multi-line string; tomllib, and so a block,
    does not."""
    words = "Переговоры в Душанбе"
    text = TEXT.replace('id = "e9"\n', f'id = "e9"\ndescription = """\n{words}\n{words}"""\n', 1)
    crlf = text.replace("\n", "\r\n").encode()
    three_ways(crlf, monkeypatch)
    event = next(e for e in load_bytes(crlf, "other.toml").calendar.events if e.id == "e9")
    assert event.description == f"{words}\n{words}"


def test_a_file_without_events(monkeypatch: pytest.MonkeyPatch) -> None:
    head = BASE[: BASE.index("[[events]]")]
    got = three_ways(head.encode(), monkeypatch)
    assert isinstance(got, str) and "events=()" in got


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty: a calendar needs [calendar]"),
        (" \t\r\n\n", "the file is empty: a calendar needs [calendar]"),
        ("\n\x0c\n", "TOML syntax: a form feed (U+000C) is not whitespace in TOML"),
        (" \r ", "TOML syntax: a carriage return (U+000D) without a line feed is not"),
        ("\n\u3000", "TOML syntax: the character U+3000 is not whitespace in TOML"),
    ],
)
def test_a_blank_file_is_the_error_it_was(
    text: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = three_ways(text.encode(), monkeypatch)
    assert isinstance(got, list) and len(got) == 1 and message in got[0]


BOM = codecs.BOM_UTF8


def test_a_byte_order_mark_is_dropped_once(monkeypatch: pytest.MonkeyPatch) -> None:
    assert three_ways(BOM + TEXT.encode(), monkeypatch) == outcome(
        lambda: load_bytes(TEXT.encode(), NAME)
    )
    broken = TEXT.replace(title_of(15), title_of(15)[:-1], 1).encode()
    assert three_ways(BOM + broken, monkeypatch) == three_ways(broken, monkeypatch)
    twice = three_ways(BOM + BOM + TEXT.encode(), monkeypatch)
    assert isinstance(twice, list) and twice[0].startswith(f"{NAME}:1:1: error: TOML syntax")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        TEXT.replace("\n", "\r\n").encode(),
        BOM + TEXT.encode(),
    ],
    ids=["lf", "crlf", "bom"],
)
def test_a_valid_calendar_is_never_decoded_whole(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The point of loading by blocks: the whole text (twice the bytes, for Cyrillic) is
    never held."""
    expected = three_ways(data, monkeypatch)
    assert isinstance(expected, str)

    def refuse(*_: object) -> None:
        raise AssertionError("the whole text was decoded")

    monkeypatch.setattr(load, "calendar_text", refuse)
    monkeypatch.setattr(text_toml, "decode", refuse)
    assert outcome(lambda: load_bytes(data, "again.toml")) == expected
    assert outcome(lambda: reload_bytes(data, NAME, None)[0]) == expected


def text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_digests_are_those_of_the_texts_utf8(newline: str) -> None:
    """Digests entries written by earlier versions (of the decoded text's pieces) still
    match: each block's digest is of its text with the newline the cut took from its end,
    the head's of the text before the first block, without a byte-order mark."""
    text = TEXT.replace("\n", newline)
    head, *bodies = text.split("\n[[events]]")
    pieces = ["[[events]]" + body + "\n" for body in bodies[:-1]] + ["[[events]]" + bodies[-1]]
    for data, start in ((text.encode(), 0), (BOM + text.encode(), len(BOM))):
        parsed = parse_blocks(data, start=start)
        assert parsed is not None
        assert list(parsed.blocks) == [text_digest(piece) for piece in pieces]
        assert parsed.head == head_digest(data, start) == text_digest(head)


def test_a_block_that_fails_after_checking_errors_is_the_only_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Blocks are checked as they are parsed: the problems found before a block that is
    not TOML are worth nothing, as when the whole text was parsed first."""
    broken = TEXT.replace('id = "e2"\n', 'id = "e2"\nhost = "XX"\n', 1)
    broken = broken.replace(title_of(15), title_of(15)[:-1], 1)
    got = three_ways(broken.encode(), monkeypatch)
    assert isinstance(got, list) and len(got) == 1 and "TOML syntax" in got[0]


@pytest.mark.parametrize(
    "after",
    [
        '\n[countries.XX]\nname = "X"\ncapital = "Y"\n',  # a table after the events
        '\n[[ events ]]\nid = "spaced"\ntitle = "T"\nstart = 2025-11-01\n',  # a block unseen
    ],
)
def test_a_block_that_is_not_one_event_sends_the_load_to_the_whole_text(
    after: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = TEXT.replace('id = "e7"\n', 'id = "e7"\nhost = "TJ"\n', 1) + after
    got = three_ways(text.encode(), monkeypatch)
    assert isinstance(got, str)
    assert "code='XX'" in got if "XX" in after else "id='spaced'" in got


def test_each_block_is_checked_before_the_next_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """rtoml's whole document is never held: a cold load checks each table as soon as it
    is parsed, and keeps none of them."""
    seen: list[tuple[str, str]] = []
    one_event, event = reparse._one_event, validate._Builder.event

    def parsed(piece: dict[str, Any]) -> dict[str, Any]:
        table = one_event(piece)
        seen.append(("parsed", table["id"]))
        return table

    def checked(self: Any, raw: Any, *args: Any) -> Any:
        seen.append(("checked", raw["id"]))
        return event(self, raw, *args)

    monkeypatch.setattr(reparse, "_one_event", parsed)
    monkeypatch.setattr(validate._Builder, "event", checked)
    load_bytes(TEXT.encode(), NAME)
    ids = ["talks", "summit", *(f"e{n}" for n in range(20))]
    assert seen == [step for i in ids for step in (("parsed", i), ("checked", i))]
