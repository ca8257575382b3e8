"""Every question at 80x24, read off the terminal as plain text: each is whole, wrapped
at the dialog's width rather than cut."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.helpers import pushed, showing, until
from tests.ui.plain_screen import screen_lines, screen_text
from tests.ui.test_editing_keys import break_the_file, question
from tests.ui.test_living import open_app
from tui.core.loading.load import bundled_calendar
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.form.event_form_modal import EventFormModal

SIZE = (80, 24)
# The longest title on Thursday: its questions cannot fit on one line of the dialog.
LONG_TITLE = "Second Central Asia-Russia summit"


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


def dialog_words(app: DiplocalApp) -> str:
    """The text inside the top dialog's border as the terminal shows it, without spaces
    (a long path folds mid-word; cut text would still be missing)."""
    region = app.screen.query_one(".dialog").region.shrink((1, 1, 1, 1))
    lines = screen_lines(app)[region.y : region.bottom]
    return "".join("".join(line[region.x : region.right].split()) for line in lines)


def whole(question_text: str, app: DiplocalApp) -> bool:
    return "".join(question_text.split()) in dialog_words(app)


async def asked(app: DiplocalApp, pilot: Pilot[None], *keys: str) -> str:
    await pilot.press(*keys)
    await until(lambda: showing(app, ConfirmModal))
    await pilot.pause()
    return question(app)


async def to_long_title(app: DiplocalApp, pilot: Pilot[None]) -> None:
    await pilot.press("2", "j", "j", "j", "j")  # Thursday's fifth event
    await pilot.pause()
    assert str(app.screen.query_one("#details-text").render()).startswith(LONG_TITLE)


@pytest.mark.parametrize(
    ("key", "start"), [("d", f'Cancel "{LONG_TITLE}"? It stays'), ("D", f'Delete "{LONG_TITLE}"')]
)
async def test_cancel_and_delete_questions_wrap_whole(
    calendar_file: Path, key: str, start: str
) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await to_long_title(app, pilot)
        asked_text = await asked(app, pilot, key)
        assert asked_text.startswith(start)
        assert whole(asked_text, app), screen_text(app)


async def form_with_changes(app: DiplocalApp, pilot: Pilot[None]) -> EventFormModal:
    await to_long_title(app, pilot)
    await pilot.press("enter")
    form = await pushed(app, EventFormModal)
    form.query_one("#field-title", Input).focus()
    await pilot.press("end", *" of heads of state")
    return form


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_discard_and_quit_questions_wrap_whole(calendar_file: Path, key: str) -> None:
    """escape in the form and quitting with a dirty form ask the same question."""
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await form_with_changes(app, pilot)
        asked_text = await asked(app, pilot, key)
        then = " and quit" if key == "ctrl+q" else ""  # as it was opened, and what yes does
        assert asked_text == f'Discard your changes to "{LONG_TITLE}"{then}?'
        assert whole(asked_text, app), screen_text(app)


async def test_replace_the_broken_file_question_wraps_whole(calendar_file: Path) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "d", "y")  # one edit first: the owner knows the file
        await until(lambda: b'status = "cancelled"' in calendar_file.read_bytes())
        await break_the_file(app, pilot, calendar_file)
        await pilot.press("D", "y")
        await until(lambda: showing(app, ConfirmModal) and "w lists" in question(app))
        await pilot.pause()
        asked_text = question(app)
        assert "has errors" in asked_text
        assert whole(asked_text, app), screen_text(app)
        assert whole("Replace the file", app)
