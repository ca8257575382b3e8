"""Editing through the main screen's keys: n, enter, d, D, ctrl+z, and a change on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ui.helpers import main_screen, table_rows
from tests.ui.test_living import open_app, until
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Status
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.form.event_form_modal import EventFormModal

SIZE = (120, 36)


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


def status_of(path: Path, event_id: str) -> Status | None:
    events = {e.id: e for e in load_calendar(path).calendar.events}
    return events[event_id].status if event_id in events else None


async def test_add_cancel_delete_and_undo_from_the_keys(calendar_file: Path) -> None:
    original = calendar_file.read_text(encoding="utf-8")
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.follower.close()  # the saves show at once, without the watcher
        await pilot.press("3", "n")  # a new event on Friday
        form = app.screen
        assert isinstance(form, EventFormModal)
        title = form.query_one("#field-title")
        title.focus()
        await pilot.press(*"Putin and Mirziyoyev meet")
        form.query_one("#field-part_of_day").focus()
        await pilot.press(*"evening")
        await pilot.press("ctrl+s")
        await until(lambda: not isinstance(app.screen, EventFormModal))
        assert "Putin and Mirziyoyev meet" in [row[2] for row in table_rows(app)]
        assert status_of(calendar_file, "putin-and-mirziyoyev-meet") is Status.CONFIRMED
        # d cancels the selected event after a question that names it; it stays in the file.
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        assert "Putin and Mirziyoyev meet" in str(
            app.screen.query_one("#confirm-question").render()
        )
        await pilot.press("y")
        assert status_of(calendar_file, "putin-and-mirziyoyev-meet") is Status.CANCELLED
        # D deletes it; ctrl+z brings it back, cancelled as it was.
        await pilot.press("D", "y")
        assert status_of(calendar_file, "putin-and-mirziyoyev-meet") is None
        await pilot.press("ctrl+z")
        assert status_of(calendar_file, "putin-and-mirziyoyev-meet") is Status.CANCELLED
        # The changes view lists the user's own edits too.
        await pilot.press("u")
        assert "your edit" in str(app.screen.query_one("#text-body").render())
    # Everything but the added event is as the author wrote it.
    text = calendar_file.read_text(encoding="utf-8")
    assert text.startswith(original.rstrip("\n"))


async def test_an_edit_lands_on_top_of_a_change_made_on_disk(calendar_file: Path) -> None:
    """The app shows an older version; the edit is applied to the file as it is now."""
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.follower.close()
        await pilot.press("2")
        theirs = calendar_file.read_text(encoding="utf-8").replace(
            "Official welcome ceremony", "Official welcome ceremony (moved indoors)"
        )
        calendar_file.write_text(theirs, encoding="utf-8")  # someone else saves
        await pilot.press("d", "y")  # cancel the first event of the version shown
        await pilot.pause()
        saved = calendar_file.read_text(encoding="utf-8")
        assert "(moved indoors)" in saved  # their change is kept
        assert status_of(calendar_file, "official-welcome") is Status.CANCELLED  # and ours
        assert saved.replace('status = "cancelled"\n', "", 1) == theirs
        await until(lambda: "moved indoors" in " ".join(row[2] for row in table_rows(app)))


async def test_a_missing_file_offers_a_new_calendar(tmp_path: Path) -> None:
    from tui.core.editing.edit_check import validate_text
    from tui.ui.startup.new_calendar_app import NewCalendarApp

    path = tmp_path / "summit.toml"
    app = NewCalendarApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"CIS summit, Dushanbe")
        zone = app.query_one("#new-zone")
        zone.value = "Asia/Dushanbi"  # a typo: said beside the field, nothing written
        await pilot.click("#new-create")
        assert 'did you mean "Asia/Dushanbe"' in str(app.query_one("#new-message").render())
        assert not path.exists()
        zone.value = "Asia/Dushanbe"
        zone.focus()
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value is True
    text = path.read_text(encoding="utf-8")
    assert 'title = "CIS summit, Dushanbe"' in text
    assert [d for d in validate_text(text, str(path)) if d.severity.value == "error"] == []
