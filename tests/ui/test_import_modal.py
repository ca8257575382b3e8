"""The palette's "Import…": a source, a preview of the changes, nothing written until the
second enter, through the file's owner (one undo step); errors stay in the dialog."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import NOW, VIEWER_ZONE
from tests.ui.helpers import main_screen, pushed, until
from tests.ui.test_editing_keys import record_notices
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.dialogs.import_modal import ImportModal

ICS = Path(__file__).parents[1] / "data" / "ics"
SIZE = (120, 36)


def app_on(path: Path) -> DiplocalApp:
    calendar = load_calendar(path).calendar
    return DiplocalApp(calendar, get_zone(VIEWER_ZONE), lambda: NOW, path=path)


async def test_import_previews_then_writes(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(bundled_calendar(), path)
    before = path.read_bytes()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Import", "enter")
        modal = await pushed(app, ImportModal)  # the palette searches in a worker first
        modal.query_one("#import-source", Input).value = str(ICS / "apple.ics")
        await pilot.press("enter")
        await until(lambda: modal.prepared is not None and modal.running is None)
        preview = str(modal.query_one("#import-changes").render())
        assert (
            'added cis-council-of-heads-of-state-417b14 "CIS Council of Heads of State"' in preview
        )
        assert "Press enter again to import" in str(modal.query_one("#import-message").render())
        assert path.read_bytes() == before  # a preview writes nothing
        await pilot.press("enter")
        await until(lambda: not isinstance(app.screen, ImportModal))
        assert b"CIS summit day" in path.read_bytes()
        assert path.read_bytes().startswith(before)  # what was there stays as it was


async def test_import_errors_stay_in_the_dialog(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(bundled_calendar(), path)
    before = path.read_bytes()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Import", "enter")
        modal = await pushed(app, ImportModal)  # the palette searches in a worker first
        modal.query_one("#import-source", Input).value = str(ICS / "broken-truncated.ics")
        await pilot.press("enter")
        message = modal.query_one("#import-message")
        await until(lambda: message.has_class("-error"))
        assert "broken-truncated.ics:4:1: error: BEGIN:VEVENT is never ended" in str(
            message.render()
        )
        assert message.has_class("-error")
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportModal)
    assert path.read_bytes() == before


def asked(app: DiplocalApp) -> str:
    """The question a ConfirmModal asks, once it is mounted ("" before)."""
    screen = app.screen
    found = screen.query("#confirm-question") if isinstance(screen, ConfirmModal) else None
    return str(found.first().render()) if found else ""


def shown_titles(app: DiplocalApp) -> list[str]:
    return [event.title for event in main_screen(app).calendar.events]


async def preview_in_palette(pilot: Pilot[None], app: DiplocalApp, source: Path) -> ImportModal:
    """The palette's "Import…" with ``source`` previewed (nothing written yet)."""
    await pilot.press("ctrl+p", *"Import", "enter")
    modal = await pushed(app, ImportModal)
    modal.query_one("#import-source", Input).value = str(source)
    await pilot.press("enter")
    await until(lambda: modal.prepared is not None and modal.running is None)
    return modal


async def test_an_import_is_one_step_undone_by_ctrl_z_and_redone_by_ctrl_y(
    tmp_path: Path,
) -> None:
    """The owner writes the import as one edit: ctrl+z puts the very bytes back, saying
    what it undid; ctrl+y writes the import's bytes again."""
    path = tmp_path / "events.toml"
    shutil.copy(bundled_calendar(), path)
    before = path.read_bytes()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        follower = main_screen(app).follower
        assert follower is not None
        follower.close()  # the owner's versions show, not the watcher's
        notices = record_notices(app)
        await preview_in_palette(pilot, app, ICS / "apple.ics")
        await pilot.press("enter")
        await until(lambda: not isinstance(app.screen, ImportModal))
        await until(lambda: path.read_bytes() != before)
        imported = path.read_bytes()
        assert b"CIS summit day" in imported
        await until(lambda: "CIS summit day" in shown_titles(app))
        await pilot.press("ctrl+z")
        await until(lambda: path.read_bytes() == before)
        await until(lambda: "CIS summit day" not in shown_titles(app))
        await pilot.press("ctrl+y")
        await until(lambda: path.read_bytes() == imported)
        await until(lambda: len(notices) >= 3)
        assert notices == [
            "Saved: imported 2 new events from apple.ics",
            "Undid: imported 2 new events from apple.ics",
            "Redid: imported 2 new events from apple.ics",
        ]


async def test_a_file_broken_after_the_preview_is_replaced_only_when_asked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(bundled_calendar(), path)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await preview_in_palette(pilot, app, ICS / "apple.ics")
        broken = path.read_bytes() + b"\n[[events]\n"  # a colleague's typo, meanwhile
        path.write_bytes(broken)
        await pilot.press("enter")
        await until(lambda: "events.toml on disk has errors" in asked(app))
        await pilot.press("n")  # leave it: nothing is written
        await until(lambda: not isinstance(app.screen, ConfirmModal))
        assert path.read_bytes() == broken


async def test_a_read_only_calendar_refuses_the_import_as_every_edit(tmp_path: Path) -> None:
    from tui.ui.main.editor import SHOWN_READ_ONLY

    path = tmp_path / "events.toml"
    shutil.copy(bundled_calendar(), path)
    before = path.read_bytes()
    calendar = load_calendar(path).calendar
    app = DiplocalApp(calendar, get_zone(VIEWER_ZONE), lambda: NOW, path=path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("ctrl+p", *"Import", "enter")
        await until(lambda: bool(notices))
        assert notices == [SHOWN_READ_ONLY]
        assert not isinstance(app.screen, ImportModal)
    assert path.read_bytes() == before
