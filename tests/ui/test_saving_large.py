"""A save of a larger calendar: keys are answered while it is written and while the version
it left is prepared (its changes and indexes) off the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from bench.make_calendar import calendar_text
from tests.ui.helpers import main_screen, until
from tests.ui.test_living import open_app
from tui.core.model import Status
from tui.ui.main import background

SIZE = (120, 36)


def held(release: threading.Event, made: Any) -> Any:
    """``made``, waiting for ``release`` first, in a worker thread only."""

    def call(*args: Any, **kwargs: Any) -> Any:
        assert threading.current_thread() is not threading.main_thread()
        release.wait(timeout=60)  # bounded: a broken test ends, never hangs
        return made(*args, **kwargs)

    return call


async def test_keys_are_answered_while_a_large_calendar_is_saved_and_its_version_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.editing import document

    path = tmp_path / "large.toml"
    path.write_text(calendar_text(2000), encoding="utf-8")
    saved, prepared = threading.Event(), threading.Event()
    monkeypatch.setattr(document, "save_calendar", held(saved, document.save_calendar))
    monkeypatch.setattr(background, "updated", held(prepared, background.updated))
    monkeypatch.setattr(background, "PREPARE_FROM", 1000)  # 2,000 events: prepared
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.follower.close()  # the save's own version shows, not the watcher's
        await until(lambda: screen.index.warm and screen.browse.selection is not None)
        chosen = screen.browse.selection.key
        first = screen.browse.day
        await pilot.press("d", "y")  # cancel the selected event: the save starts, held
        for held_now in (saved, prepared):
            day = screen.browse.day
            await pilot.press("right_square_bracket" if day == first else "left_square_bracket")
            await until(lambda day=day: screen.browse.day != day)  # answered meanwhile
            assert screen.index.calendar is screen.calendar  # the old version still shown
            assert next(e for e in screen.calendar.events if e.id == chosen).status is not (
                Status.CANCELLED
            )
            held_now.set()
        await until(
            lambda: any(
                e.id == chosen and e.status is Status.CANCELLED for e in screen.calendar.events
            ),
            seconds=60,
        )
        assert screen.index.calendar is screen.calendar
