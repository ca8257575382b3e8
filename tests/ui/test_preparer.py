"""New versions prepared off the UI thread: posted in the order they came, each worked out
on the one before it, and worked out again when the screen showed something else since."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from tui.core.living.versions import Living, start, updated
from tui.core.loading.load import Loaded, bundled_calendar, load_bytes
from tui.core.views.filter import ZoneMode
from tui.core.zones import get_zone
from tui.ui.main import background
from tui.ui.main.background import Preparer, VersionLoaded

TEXT = bundled_calendar().read_text(encoding="utf-8")
NOW = datetime(2026, 12, 1, tzinfo=UTC)


class Host:
    """What the preparer needs of a screen: messages kept, workers as plain threads."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.threads: list[threading.Thread] = []

    def post_message(self, message: Any) -> bool:
        self.messages.append(message)
        return True

    def run_worker(self, work: Any, **_: Any) -> None:
        thread = threading.Thread(target=work)
        self.threads.append(thread)
        thread.start()


def version(title: str) -> Loaded:
    """The calendar with its last event retitled."""
    at = TEXT.rindex('title = "') + len('title = "')
    return load_bytes(f"{TEXT[:at]}{title} {TEXT[at:]}".encode(), "cal.toml")


def test_versions_come_in_order_each_prepared_on_the_one_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(background, "PREPARE_FROM", 0)  # the bundled calendar is prepared
    made = background.updated
    calls = 0

    def slow_first(*args: Any) -> Living:
        nonlocal calls
        calls += 1
        if calls == 1:
            time.sleep(0.3)  # the first is still being prepared when the second starts
        return made(*args)

    monkeypatch.setattr(background, "updated", slow_first)
    shown = start(load_bytes(TEXT.encode(), "cal.toml"), None, NOW)
    host = Host()
    preparer = Preparer(host, lambda: (shown, ZoneMode.EVENT, get_zone("UTC")))  # type: ignore[arg-type]
    first, second = version("One"), version("Two")
    preparer.post(first, "your edit")
    preparer.post(second, "your edit")
    for thread in host.threads:
        thread.join(timeout=30)
    one, two = host.messages
    assert isinstance(one, VersionLoaded) and isinstance(two, VersionLoaded)
    assert (one.result, two.result) == (first, second)
    # The screen shows each in turn: both were worked out ahead, none again on its thread.
    after_one, index = one.shown_after(shown)
    assert after_one is one.prepared.living and index is not None
    assert index.calendar is first.calendar and index.warm
    after_two, _ = two.shown_after(after_one)
    assert after_two is two.prepared.living
    assert [len(update.changes) for update in after_two.log] == [1, 1]


def test_a_version_prepared_on_what_is_no_longer_shown_is_worked_out_again() -> None:
    shown = start(load_bytes(TEXT.encode(), "cal.toml"), None, NOW)
    loaded = version("One")
    prepared = background.Prepared(shown, updated(shown, loaded, NOW), None)
    other = updated(shown, version("Other"), NOW, "reloaded by hand")  # shown meanwhile
    living, index = VersionLoaded(loaded, "your edit", prepared).shown_after(other)
    assert living is not prepared.living and index is None
    assert living.calendar is loaded.calendar
    assert [u.note for u in living.log] == ["your edit", "reloaded by hand"]
