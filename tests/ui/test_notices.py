"""Notices at 80x24: a burst of them (three ctrl+z, three "Undid: ...") used to stack
over half the terminal and, for five seconds, over the form opened next. Now the newest
replaces the older ones (an older, graver one stays beside it), and a form opens clear."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App

from tests.ui.helpers import main_screen, screen_lines, showing, until
from tests.ui.test_editing_keys import record_notices
from tests.ui.test_living import open_app
from tui.core.loading.load import bundled_calendar
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.form.event_form_modal import EventFormModal

SIZE = (80, 24)


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


def lines_with(app: App[None], word: str) -> list[str]:
    """The terminal's lines that show ``word`` (a notice's first line holds its verb)."""
    return [line for line in screen_lines(app) if word in line]


async def test_three_undos_show_one_notice_and_a_form_opens_clear(calendar_file: Path) -> None:
    app = open_app(calendar_file)
    app.NOTIFICATION_TIMEOUT = 600  # none ends by itself while the test looks
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        main_screen(app).follower.close()  # type: ignore[union-attr]
        notices = record_notices(app)
        for step in range(3):
            await pilot.press("d")
            await until(lambda: showing(app, ConfirmModal))
            await pilot.press("y")
            await until(lambda n=step + 1: len(notices) == n)
            await until(lambda: not isinstance(app.screen, ConfirmModal))
            await pilot.press("j")
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await until(lambda: sum(n.startswith("Undid:") for n in notices) == 3)
        last = notices[-1].split("'")[1][:15]  # the first cancelled, undone last
        await until(lambda: any(last in line for line in lines_with(app, "Undid:")))
        assert len(lines_with(app, "Undid:")) == 1, screen_lines(app)
        assert lines_with(app, "Saved:") == []
        await pilot.press("n")
        await until(lambda: showing(app, EventFormModal))
        await until(lambda: screen_lines(app)[-1] == "^s Save esc Cancel")
        assert lines_with(app, "Undid:") == [], screen_lines(app)


async def test_the_newest_notice_replaces_older_ones_but_not_a_graver_one(
    calendar_file: Path,
) -> None:
    app = open_app(calendar_file)
    app.NOTIFICATION_TIMEOUT = 600
    async with app.run_test(size=SIZE, notifications=True):
        main_screen(app).follower.close()  # type: ignore[union-attr]
        app.notify("Broken: one", severity="error", markup=False)
        app.notify("Info: two", markup=False)
        app.notify("Info: three", markup=False)
        await until(lambda: bool(lines_with(app, "Info: three")))
        assert lines_with(app, "Broken: one") and not lines_with(app, "Info: two")
        app.notify("Warning: four", severity="warning", markup=False)
        await until(lambda: bool(lines_with(app, "Warning: four")))
        assert lines_with(app, "Broken: one") and not lines_with(app, "Info: three")
        app.notify("Broken: five", severity="error", markup=False)
        await until(lambda: bool(lines_with(app, "Broken: five")))
        assert not lines_with(app, "Broken: one") and not lines_with(app, "Warning: four")
