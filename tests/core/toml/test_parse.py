"""The fast parse is tomllib's parse: same document, same error, on every input.

A differential test of ``rtoml`` (through ``tui.core.toml.parse``) against ``tomllib``: the
bundled, sample and benchmark calendars, generated TOML 1.0 documents of every value type,
mutations of them, and hostile inputs. Where the two parsers themselves differ (TOML 1.1
extensions, integers past 64 bits, nesting), ``toml_parse`` must still answer as tomllib does.
"""

from __future__ import annotations

import math
import sys
import tomllib
from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import BASE, DATA, ROOT
from tui.core.loading.load import bundled_calendar
from tui.core.toml import parse as toml_parse

sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text

rtoml = pytest.importorskip("rtoml")


def canonical(value: Any, tz_class: bool = True) -> Any:
    """A form where equal means equal: types and key order kept (True is not 1), NaN equal
    to NaN, the sign of zero, the offset and (with ``tz_class``) the tzinfo class kept."""
    if isinstance(value, dict):
        return ("table", [(k, canonical(v, tz_class)) for k, v in value.items()])
    if isinstance(value, list):
        return ("array", [canonical(v, tz_class) for v in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else repr(value))
    if isinstance(value, datetime | time):
        zone = type(value.tzinfo).__name__ if tz_class else value.utcoffset()
        return (type(value).__name__, value.isoformat(), zone)
    return (type(value).__name__, value)


def outcome(parse: Any, text: str, tz_class: bool = True) -> Any:
    try:
        return canonical(parse(text), tz_class)
    except tomllib.TOMLDecodeError as error:
        return ("error", str(error))
    except RecursionError:
        return ("error", "recursion")
    except ValueError:  # rtoml's TomlParsingError
        return ("error", "rtoml")


def assert_same_as_tomllib(text: str) -> None:
    assert outcome(toml_parse.parse, text) == outcome(tomllib.loads, text)


# --- generated TOML 1.0 documents ----------------------------------------------------------
BARE_KEY = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


def basic_string(value: str) -> str:
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif ord(char) < 0x20 or char == "\x7f":
            out.append(f"\\u{ord(char):04X}" if ord(char) % 2 else f"\\U{ord(char):08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@st.composite
def string(draw: st.DrawFn) -> str:
    value = draw(TEXT)
    plain = all(c not in "'\n\r" and (ord(c) >= 0x20 or c == "\t") for c in value) and (
        "\x7f" not in value
    )
    forms = [basic_string(value), '"""\\\n  ' + basic_string(value)[1:-1] + '"""']
    if plain:
        forms += [f"'{value}'", f"'''\n{value}'''"]
    return draw(st.sampled_from(forms))


@st.composite
def integer(draw: st.DrawFn) -> str:
    value = draw(st.integers(-(2**63), 2**63 - 1))
    forms = [str(value), f"{value:_}" if abs(value) >= 1000 else str(value)]
    if value >= 0:
        forms += [f"0x{value:x}", f"0X{value:X}".replace("0X", "0x"), f"0o{value:o}"]
        forms += [f"0b{value:b}", f"+{value}"]
    return draw(st.sampled_from(forms))


FLOATS = st.sampled_from(
    ["inf", "+inf", "-inf", "nan", "+nan", "-nan", "0.0", "-0.0", "1e10", "1E-5", "6.626e-34",
     "3.14_15", "-2.5", "1_000.5e+3"]
)  # fmt: skip
OFFSETS = st.sampled_from(["Z", "z", "+05:00", "-03:30", "+00:00", "-00:00"])
SEPARATORS = st.sampled_from(["T", "t", " "])
FRACTIONS = st.sampled_from(["", ".5", ".123456", ".123456789"])


@st.composite
def moment(draw: st.DrawFn) -> str:
    day = draw(st.dates(date(1, 1, 1), date(9999, 12, 31))).isoformat()
    clock = draw(st.times()).replace(microsecond=0).isoformat() + draw(FRACTIONS)
    kind = draw(st.sampled_from(["offset", "local", "date", "time"]))
    if kind == "offset":
        return day + draw(SEPARATORS) + clock + draw(OFFSETS)
    if kind == "local":
        return day + draw(SEPARATORS) + clock
    return day if kind == "date" else clock


SCALAR = st.one_of(string(), integer(), FLOATS, st.sampled_from(["true", "false"]), moment())


def array(elements: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(elements, max_size=4).flatmap(
        lambda items: st.sampled_from(
            ["[" + ", ".join(items) + "]"]
            + (["[\n  " + ",\n  ".join(items) + ",  # note\n]"] if items else [])
        )
    )


VALUE = st.recursive(SCALAR, array, max_leaves=6)


def quoted_key(key: str) -> st.SearchStrategy[str]:
    return st.sampled_from([key, f'"{key}"', f"'{key}'", f'"k\\u00e9{key}"'])


@st.composite
def document(draw: st.DrawFn) -> str:
    """Top-level pairs, dotted keys, tables, sub-tables and arrays of tables."""
    lines: list[str] = ["# generated"]
    keys = draw(st.lists(BARE_KEY, min_size=1, max_size=6, unique=True))
    for key in keys[:2]:  # "k" keeps them apart from the tables below
        lines.append(f"{draw(quoted_key('k' + key))} = {draw(VALUE)}")
    for number, key in enumerate(keys[2:]):
        header = draw(st.sampled_from([f"[t{number}.{key}]", f"[[a{number}]]", f"[t{number}]"]))
        for repeat in range(2 if header.startswith("[[") else 1):
            lines.append(header)
            lines.append(f"x{repeat} = {draw(VALUE)}")
            lines.append(f"dotted.{key}.y = {draw(VALUE)}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


@settings(max_examples=400, deadline=None)
@given(text=document())
def test_generated_documents_parse_alike(text: str) -> None:
    expected = outcome(tomllib.loads, text)
    assert expected[0] != "error", expected  # the generator writes valid TOML 1.0
    # rtoml itself agrees on every value, up to the class of an offset's tzinfo
    assert outcome(rtoml.loads, text, tz_class=False) == outcome(tomllib.loads, text, False)
    assert outcome(toml_parse.parse, text) == expected


@settings(max_examples=400, deadline=None)
@given(text=document(), data=st.data())
def test_mutated_documents_parse_or_fail_alike(text: str, data: st.DataObject) -> None:
    chars = list(text)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(chars)))
        new = data.draw(st.sampled_from(list("[]{}\"'=,.#\n\\ :-+_0aZe\x00\x7f\u00e9\ufeff")))
        if data.draw(st.booleans()) and at < len(chars):
            chars[at] = new
        else:
            chars.insert(at, new)
    assert_same_as_tomllib("".join(chars))


# --- real calendars -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        BASE,
        (DATA / "sample.toml").read_text(encoding="utf-8"),
        calendar_text(300),
        calendar_text(300, overlaps=0.3, dst_gaps=3),
    ],
    ids=["base", "sample", "bench", "bench-warnings"],
)
def test_calendars_take_the_fast_path_and_parse_alike(text: str) -> None:
    assert toml_parse._plain_toml_10(text)
    assert_same_as_tomllib(text)


def test_bundled_calendar_parses_alike() -> None:
    # Its descriptions say "at 20:30", which looks like a TOML 1.1 time: tomllib parses it.
    assert_same_as_tomllib(bundled_calendar().read_text(encoding="utf-8"))


# --- where the parsers differ, and hostile input ------------------------------------------
DIFFERENCES = [
    # TOML 1.1, which rtoml reads and tomllib rejects
    "a = 07:32\n",
    "a = 1979-05-27T07:32Z\n",
    "a = {b = 1,\n c = 2}\n",
    "a = {b = 1,}\n",
    'a = "\\e"\n',
    'a = "\\x41"\n',
    # beyond rtoml's limits, within tomllib's
    "a = 99999999999999999999\n",
    "a = " + "[" * 150 + "]" * 150 + "\n",
    # offsets: rtoml's own tzinfo class must become datetime.timezone
    "a = 1979-05-27T07:32:00+05:00\nb = [1979-05-27T07:32:00Z]\n"
    "[t]\nc = 2000-01-01 00:00:00-00:00\n",
    # CRLF inside multi-line strings: tomllib reads each as "\n", rtoml keeps "\r\n"
    'a = """\r\nx\r\ny"""\r\n',
    "b = '''\r\nq\r\nr'''\r\n",
]
HOSTILE = [
    'a = "x\x00y"\n',
    "\ufeffa = 1\n",
    "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
    "a = 1\na = 2\n",
    "[a]\n[a]\n",
    "a = 1979-02-29\n",
    "a = 0x_1\n",
    "a = 1__0\n",
    "a = 2\x7f\n",
    "a = '''\n\n",
    "=1\n",
    "",
]


@pytest.mark.parametrize("text", DIFFERENCES + HOSTILE)
def test_known_differences_and_hostile_input_answer_as_tomllib(text: str) -> None:
    assert_same_as_tomllib(text)


def test_offset_datetimes_get_the_standard_tzinfo() -> None:
    document = toml_parse.parse("a = 2025-10-09T11:00:00+05:00\n")
    assert type(document["a"].tzinfo).__name__ == "timezone"


def test_without_the_fast_parser_tomllib_does_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toml_parse, "FAST", None)
    assert toml_parse.parser_name() == "tomllib"
    for text in [BASE, *DIFFERENCES[:3], HOSTILE[0]]:
        assert_same_as_tomllib(text)


def test_the_fast_parser_is_used_when_the_text_allows(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fast(text: str) -> dict[str, Any]:
        calls.append(text)
        return rtoml.loads(text)

    assert toml_parse.parse(BASE, fast=fast) == tomllib.loads(BASE)
    toml_parse.parse("a = {b = 1}\n", fast=fast)  # an inline table: tomllib decides
    assert calls == [BASE]
