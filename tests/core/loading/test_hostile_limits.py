"""Limits on what a calendar may hold, checked before the cost is paid, each a located error:
dotted keys and table headers of many parts, long arrays in an event, a participant twice."""

from __future__ import annotations

import io
import tomllib

import pytest

from tests.conftest import BASE, WriteCalendar
from tui.cli import main
from tui.core.loading.limits import MAX_ITEMS
from tui.core.toml import parse as toml_parse
from tui.core.toml.parse import MAX_KEY_PARTS


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def dotted(parts: int) -> str:
    return ".".join(f"k{n}" for n in range(parts))


@pytest.mark.parametrize(
    ("line", "column"),
    [
        (f"{dotted(50_000)} = 1", 1),  # took 58 s and 14.7 GB in tomllib
        (f"[{dotted(50_000)}]", 1),  # a table header: 15 s
        (f"[[ {dotted(50_000)} ]]", 1),
        (f'x = {{ a = 1, "q".{dotted(MAX_KEY_PARTS)} = 2 }}', 13),  # inline: tomllib only
    ],
)
def test_a_key_of_too_many_parts_is_a_located_error(
    line: str, column: int, write_calendar: WriteCalendar
) -> None:
    path = write_calendar(BASE + "\n" + line + "\n")
    code, _, err = run("check", str(path))
    assert code == 1
    assert err == (
        f"{path}:43:{column}: error: TOML syntax: a key or table header of more than "
        f"{MAX_KEY_PARTS} dotted parts\n"
    )


def test_tomllib_is_never_handed_a_key_of_too_many_parts() -> None:
    for text in (f"{dotted(MAX_KEY_PARTS + 1)} = 1", f"[[ {dotted(MAX_KEY_PARTS + 1)} ]]"):
        with pytest.raises(tomllib.TOMLDecodeError, match="at line 1, column 1"):
            toml_parse.parse(text, fast=None) if toml_parse.FAST is None else (
                toml_parse._tomllib_loads(text)
            )


@pytest.mark.parametrize("fast", [None, "rtoml"])
def test_keys_up_to_the_limit_parse_as_tomllib_says(fast: str | None) -> None:
    text = f"{dotted(MAX_KEY_PARTS)} = 1\n[h.{dotted(MAX_KEY_PARTS - 1)}]\n"
    parser = None if fast is None else toml_parse.FAST
    if fast is not None and parser is None:
        pytest.skip("rtoml is not installed")
    forced = (lambda t: tomllib.loads(t)) if parser is None else parser
    assert toml_parse.parse(text, fast=forced) == tomllib.loads(text)


def test_a_dotted_string_value_is_no_key(write_calendar: WriteCalendar) -> None:
    url = "https://" + ".".join(["a"] * 200) + ".example"
    path = write_calendar(BASE.replace('title = "Talks"', f'title = "{url}"'))
    assert run("check", str(path))[0] == 0


@pytest.mark.parametrize("key", ["sources", "participants"])
def test_an_event_with_too_many_items_is_a_located_error(
    key: str, write_calendar: WriteCalendar
) -> None:
    items = ", ".join(f'"s{n}"' for n in range(100_000))
    text = BASE.replace('participants = ["putin"]\n', f"{key} = [{items}]\n")
    path = write_calendar(text)
    code, _, err = run("check", str(path))
    assert code == 1
    assert err.splitlines() == [
        f'{path}:41:{len(key) + 4}: error: "{key}" holds 100,000 items; '
        f"at most {MAX_ITEMS:,} are allowed"
    ]


def test_a_participant_twice_in_an_event_is_an_error(write_calendar: WriteCalendar) -> None:
    people = ", ".join(['"putin"'] * 100_000)
    path = write_calendar(BASE.replace('participants = ["putin"]', f"participants = [{people}]"))
    code, _, err = run("check", str(path))
    assert code == 1
    assert len(err.splitlines()) == 1  # not 99,999 warnings: the limit comes first
    path = write_calendar(
        BASE.replace('participants = ["putin"]', 'participants = ["putin", "rahmon", "putin"]')
    )
    code, _, err = run("check", str(path))
    assert code == 1
    assert err.splitlines() == [
        f'{path}:41:36: error: "putin" is given twice in "participants" (first as item 1)'
    ]
