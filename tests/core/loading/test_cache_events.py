"""A file that changed while diplocal was closed: only its changed events are checked again,
and the result is exactly a fresh load's (the calendar, the warnings, the errors)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WriteCalendar
from tests.core.loading.test_cache import big_calendar
from tui.core.errors import CalendarError
from tui.core.loading import cache, cache_events, validate
from tui.core.loading.load import Loaded, load_calendar

EXTRA = """
[[events]]
id = "added"
title = "Added later"
start = 2025-12-01T10:00:00
participants = ["putin"]
"""


EVENTS = big_calendar().count("[[events]]")


def fresh(path: Path, monkeypatch: pytest.MonkeyPatch) -> Loaded | CalendarError:
    """What loading ``path`` gives with no cache at all."""
    monkeypatch.setenv("DIPLOCAL_NO_CACHE", "1")
    try:
        return load_calendar(path)
    except CalendarError as error:
        return error
    finally:
        monkeypatch.delenv("DIPLOCAL_NO_CACHE")


def checked_events(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The tables the checker checks from now on (reused events are not checked)."""
    seen: list[Any] = []
    event = validate._Builder.event

    def counted(self: Any, raw: Any, *args: Any) -> Any:
        seen.append(raw)
        return event(self, raw, *args)

    monkeypatch.setattr(validate._Builder, "event", counted)
    return seen


def load_or_error(path: Path) -> Loaded | CalendarError:
    try:
        return load_calendar(path)
    except CalendarError as error:
        return error


def same(a: Loaded | CalendarError, b: Loaded | CalendarError) -> bool:
    if isinstance(a, CalendarError) or isinstance(b, CalendarError):
        return type(a) is type(b) and str(a) == str(b) and a.args == b.args
    return a.calendar == b.calendar and a.warnings == b.warnings


@pytest.fixture
def loaded_once(write_calendar: WriteCalendar, private_cache: Path) -> Path:
    """A calendar big enough to be cached, loaded once (its digests entry kept)."""
    path = write_calendar(big_calendar())
    load_calendar(path)
    assert list((private_cache / "diplocal").glob(f"*{cache.DIGESTS_SUFFIX}"))
    return path


def test_a_changed_event_is_the_only_one_checked_and_its_new_value_is_seen(
    loaded_once: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded_once.write_text(big_calendar().replace('"Event 7"', '"Event seven"'))
    seen = checked_events(monkeypatch)
    loaded = load_or_error(loaded_once)
    assert [table["title"] for table in seen] == ["Event seven"]
    assert isinstance(loaded, Loaded)
    assert "Event seven" in [e.title for e in loaded.calendar.events]
    assert "Event 7" not in [e.title for e in loaded.calendar.events]
    assert same(loaded, fresh(loaded_once, monkeypatch))


def test_events_removed_and_added(loaded_once: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = big_calendar()
    start = text.index('[[events]]\nid = "e5"')
    end = text.index("[[events]]", start + 1)
    loaded_once.write_text(text[:start] + text[end:] + EXTRA)
    seen = checked_events(monkeypatch)
    loaded = load_or_error(loaded_once)
    # The block that was last is cut with the newline it now ends with: checked again too.
    assert [table["id"] for table in seen] == ["e599", "added"]
    assert isinstance(loaded, Loaded)
    ids = {e.id for e in loaded.calendar.events}
    assert "added" in ids and "e5" not in ids and "e6" in ids
    assert same(loaded, fresh(loaded_once, monkeypatch))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title = "Test summit"', 'title = "Another summit"'),  # the head: nothing reused
        ('[participants.rahmon]\nname = "Emomali Rahmon"', '[participants.rahmonov]\nname = "E"'),
        ('title = "Event 7"', 'title = "Event 7"\nnot_a_field = 1'),  # a warning
        ('id = "e9"', 'id = "e8"'),  # a duplicate id, between two blocks
        ('title = "Event 9"', 'title = "Event 9'),  # TOML syntax
    ],
)
def test_errors_and_warnings_are_a_fresh_loads(
    loaded_once: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    text = big_calendar()
    assert old in text
    loaded_once.write_text(text.replace(old, new, 1))
    assert same(load_or_error(loaded_once), fresh(loaded_once, monkeypatch))


def test_a_changed_head_checks_every_event_again(
    loaded_once: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded_once.write_text(big_calendar().replace("Test summit", "Test summit, again"))
    seen = checked_events(monkeypatch)
    read: list[str] = []
    real = cache.load

    def counted(key: str, *args: Any) -> Any:
        read.append(key)
        return real(key, *args)

    monkeypatch.setattr(cache, "load", counted)
    load_calendar(loaded_once)
    assert len(seen) == EVENTS
    assert len(read) == 1  # the new bytes' entry (a miss); the last calendar is not read


def digests_entry(private_cache: Path) -> Path:
    (entry,) = (private_cache / "diplocal").glob(f"*{cache.DIGESTS_SUFFIX}")
    return entry


def rewritten(entry: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """The entry with its JSON changed and its header recomputed, as anyone could."""
    document = json.loads(entry.read_bytes().split(b"\n", 1)[1])
    change(document)
    payload = json.dumps(document).encode()
    digest = hashlib.sha256(payload).hexdigest()
    entry.write_bytes(f"{cache_events.FORMAT} {digest}\n".encode() + payload)


TAMPERINGS: dict[str, Callable[[Path], None]] = {
    "garbage": lambda entry: entry.write_bytes(b"\x00not an entry"),
    "a flipped byte": lambda entry: entry.write_bytes(entry.read_bytes().replace(b'"e1"', b'"f1"')),
    "an unknown id": lambda entry: rewritten(entry, lambda d: d["ids"].__setitem__(0, "nobody")),
    "a key out of the folder": lambda entry: rewritten(
        entry, lambda d: d.__setitem__("key", "../" * 8 + "etc/passwd")
    ),
    "ids given twice": lambda entry: rewritten(
        entry, lambda d: d["ids"].__setitem__(1, d["ids"][0])
    ),
    "a digest not hex": lambda entry: rewritten(
        entry, lambda d: d["digests"].__setitem__(0, "z" * 32)
    ),
    "fewer ids than digests": lambda entry: rewritten(entry, lambda d: d["ids"].pop()),
    "not a table": lambda entry: rewritten(entry, lambda d: d.clear()),
    "a number for the head": lambda entry: rewritten(entry, lambda d: d.__setitem__("head", 7)),
}


@pytest.mark.parametrize("tamper", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_a_tampered_digests_entry_is_a_miss_not_a_crash(
    loaded_once: Path,
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    tamper: Callable[[Path], None],
) -> None:
    entry = digests_entry(private_cache)
    tamper(entry)
    loaded_once.write_text(big_calendar().replace('"Event 7"', '"Event seven"'))
    seen = checked_events(monkeypatch)
    loaded = load_or_error(loaded_once)
    assert len(seen) == EVENTS  # nothing reused
    assert same(loaded, fresh(loaded_once, monkeypatch))


def test_a_digests_entry_without_its_calendar_entry_is_a_miss(
    loaded_once: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for entry in (private_cache / "diplocal").glob("*.json"):
        if not entry.name.endswith(cache.DIGESTS_SUFFIX):
            entry.unlink()
    loaded_once.write_text(big_calendar().replace('"Event 7"', '"Event seven"'))
    seen = checked_events(monkeypatch)
    loaded = load_or_error(loaded_once)
    assert len(seen) == EVENTS
    assert same(loaded, fresh(loaded_once, monkeypatch))
