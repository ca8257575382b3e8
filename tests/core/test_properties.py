"""Random and mutated calendars: the loader returns a calendar or a located error, nothing else."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BASE, DATA
from tui.core.errors import CalendarError
from tui.core.loading.load import load_calendar

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SEEDS = [BASE, (DATA / "sample.toml").read_text(encoding="utf-8")]


def outcome(path: Path) -> str:
    """'ok' or 'error', asserting every error is located inside the file and that a
    calendar loads only from valid TOML, with every event of the file."""
    try:
        loaded = load_calendar(path)
    except CalendarError as error:
        assert error.diagnostics
        lines = path.read_bytes().count(b"\n") + 1
        for diagnostic in error.diagnostics:
            assert str(diagnostic).startswith(f"{path}:")
            assert 0 <= diagnostic.line <= lines + 1
            assert "\n" not in str(diagnostic)
        return "error"
    document = tomllib.loads(path.read_bytes().decode("utf-8"))  # raises if not TOML
    assert len(loaded.calendar.events) == len(document.get("events", []))
    return "ok"


def toml_rejects(path: Path) -> bool:
    """Whether the bytes are not a TOML document at all."""
    try:
        tomllib.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    return False


@SETTINGS
@given(seed=st.sampled_from(SEEDS), data=st.data())
def test_byte_mutations(tmp_path: Path, seed: str, data: st.DataObject) -> None:
    raw = bytearray(seed.encode())
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["replace", "delete", "insert"]))
        byte = data.draw(st.sampled_from(list(b'[]{}"=,.#\n\\ az09\x00\xff')))
        if action == "replace":
            raw[position] = byte
        elif action == "delete":
            del raw[position]
        else:
            raw.insert(position, byte)
    path = tmp_path / "mutated.toml"
    path.write_bytes(bytes(raw))
    result = outcome(path)
    # What is not TOML can never load; what loads has passed the checks in outcome().
    assert result == "error" or not toml_rejects(path)


toml_scalars = st.one_of(
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(seed=st.sampled_from(SEEDS), data=st.data())
def test_value_mutations(tmp_path: Path, seed: str, data: st.DataObject) -> None:
    """Replace or add a value somewhere in a valid calendar's tree."""
    document = tomllib.loads(seed)
    table = document
    for _ in range(data.draw(st.integers(1, 3))):
        keys = list(table)
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        child = table[key]
        if isinstance(child, list) and child and isinstance(child[0], dict):
            child = data.draw(st.sampled_from(child))
        if not isinstance(child, dict):
            break
        table = child
    key = data.draw(st.sampled_from([*table, "extra"]))
    table[key] = data.draw(toml_values)
    path = tmp_path / "mutated.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    # An unknown key is always reported, wherever it was added.
    if key == "extra":
        assert outcome(path) == "error"
    else:
        outcome(path)


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "random.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    # Random text is never a whole calendar (it needs [calendar] with a title and zone).
    assert outcome(path) == "error"
