"""The export dialog's progress bar: the events written so far, a few times a second."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from textual.widgets import ProgressBar

from tests.ui.conftest import MakeApp
from tests.ui.helpers import pushed, until
from tui.ui.dialogs.export_modal import ExportModal

SIZE = (120, 36)


async def test_the_progress_bar_shows_the_events_written(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    halfway = threading.Event()

    def export(*args: object, check: Callable[[int], None], **kwargs: object) -> bytes:
        check(0)
        check(7)  # seven events written, then the writer waits
        halfway.set()
        release.wait(10)
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    monkeypatch.setattr("tui.ui.dialogs.export_modal.export_bytes", export)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        modal = await pushed(app, ExportModal)
        await until(halfway.is_set)  # not halfway.wait(): the worker starts on this loop
        bar = modal.query_one("#export-progress", ProgressBar)
        assert bar.total == len(modal.events)
        # Not Textual's indeterminate bar, which the app would draw 15 times a second.
        await until(lambda: bar.progress == 7)
        assert bar.percentage is not None
        release.set()
        await app.workers.wait_for_complete()
