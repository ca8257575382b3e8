"""The app's read-only mode (what `diplocal serve --read-only` runs in each tab): every key
that would edit the file or write an export says why it does nothing, and nothing changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ui.conftest import NOW, VIEWER_ZONE
from tests.ui.helpers import main_screen, showing, until
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.dialogs.export_modal import ExportModal
from tui.ui.form.event_form_modal import EventFormModal
from tui.ui.main.dialog_openers import EXPORT_OFF
from tui.ui.main.editor import SHOWN_READ_ONLY
from tui.ui.widgets.details_pane import DetailsPane

SIZE = (120, 36)


@pytest.fixture
def calendar_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # an export, if one were written, would land here
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


def read_only_app(path: Path, *, read_only: bool = True) -> DiplocalApp:
    loaded = load_calendar(path)
    return DiplocalApp(
        loaded.calendar,
        local_zone=get_zone(VIEWER_ZONE),
        clock=lambda: NOW,
        path=path,
        read_only=read_only,
    )


def said(app: DiplocalApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize("key", ["n", "d", "D", "ctrl+z"])
async def test_an_editing_key_says_why_and_opens_nothing(calendar_file: Path, key: str) -> None:
    before = calendar_file.read_bytes()
    app = read_only_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await until(lambda: SHOWN_READ_ONLY in said(app))
        assert app.screen is main_screen(app)  # no form, no question
    assert calendar_file.read_bytes() == before


async def test_enter_on_an_event_reads_it(calendar_file: Path) -> None:
    app = read_only_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.focus_day_view()
        await pilot.press("enter")
        await until(lambda: isinstance(app.focused, DetailsPane))
        assert not isinstance(app.screen, EventFormModal)


async def test_export_writes_no_file_outside_a_browser(calendar_file: Path, tmp_path: Path) -> None:
    app = read_only_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await until(lambda: EXPORT_OFF in said(app))
        assert not isinstance(app.screen, ExportModal)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.toml"]


async def test_the_same_keys_edit_when_not_read_only(calendar_file: Path) -> None:
    """The guard is the flag, not the file: without it, n and d open the form and question."""
    app = read_only_app(calendar_file, read_only=False)
    async with app.run_test(size=SIZE) as pilot:
        main_screen(app).follower.close()
        await pilot.press("n")
        await until(lambda: showing(app, EventFormModal))
        await pilot.press("escape")
        await until(lambda: app.screen is main_screen(app))
        main_screen(app).focus_day_view()
        await pilot.press("d")
        await until(lambda: showing(app, ConfirmModal))
    assert SHOWN_READ_ONLY not in said(app)
