"""Editing through the main screen's keys: n, enter, d, D, ctrl+z, and a change on disk."""

from __future__ import annotations

import difflib
import shutil
import threading
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, Input

from tests.ui.helpers import header, main_screen, pushed, showing, shown, table_rows, until
from tests.ui.test_living import open_app
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Status
from tui.core.present.state import Selection, SelectionKind
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.dialogs.text_modal import ChangesModal
from tui.ui.form.event_form_modal import EventFormModal
from tui.ui.widgets.day_view import EventList

SIZE = (120, 36)


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


MET = "putin-and-mirziyoyev-meet"


def record_notices(app: App[Any]) -> list[str]:
    """Every notice the app shows from now on, oldest first (kept past their timeout)."""
    seen: list[str] = []
    shown = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(str(message))
        shown(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def has_status(path: Path, event_id: str, status: Status | None) -> bool:
    return status_of(path, event_id) is status


def status_of(path: Path, event_id: str) -> Status | None:
    events = {e.id: e for e in load_calendar(path).calendar.events}
    return events[event_id].status if event_id in events else None


async def test_add_cancel_delete_and_undo_from_the_keys(calendar_file: Path) -> None:
    original = calendar_file.read_text(encoding="utf-8")
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.follower.close()  # the saves show at once, without the watcher
        notices = record_notices(app)
        await pilot.press("3", "n")  # a new event on Friday
        form = await pushed(app, EventFormModal)
        title = form.query_one("#field-title")
        title.focus()
        await pilot.press(*"Putin and Mirziyoyev meet")
        form.query_one("#field-part_of_day").focus()
        await pilot.press(*"evening")
        await pilot.press("ctrl+s")
        await until(lambda: "Putin and Mirziyoyev meet" in [row[2] for row in table_rows(app)])
        assert not isinstance(app.screen, EventFormModal)
        assert status_of(calendar_file, "putin-and-mirziyoyev-meet") is Status.CONFIRMED
        # d cancels the selected event after a question that names it; it stays in the file.
        await pilot.press("d")
        await pushed(app, ConfirmModal)
        assert "Putin and Mirziyoyev meet" in question(app)
        await pilot.press("y")
        await until(lambda: status_of(calendar_file, MET) is Status.CANCELLED)
        # D deletes it; ctrl+z brings it back, cancelled as it was, and says so.
        await pilot.press("D", "y")
        await until(lambda: status_of(calendar_file, MET) is None)
        await pilot.press("ctrl+z")
        await until(lambda: status_of(calendar_file, MET) is Status.CANCELLED)
        # ctrl+y makes it again; each step was announced by name.
        await pilot.press("ctrl+y")
        await until(lambda: status_of(calendar_file, MET) is None)
        await until(lambda: len(notices) >= 5)
        assert notices == [
            "Saved: added 'Putin and Mirziyoyev meet'",
            "Saved: cancelled 'Putin and Mirziyoyev meet'",
            "Saved: deleted 'Putin and Mirziyoyev meet'",
            "Undid: deleted 'Putin and Mirziyoyev meet'",
            "Redid: deleted 'Putin and Mirziyoyev meet'",
        ]
        await pilot.press("ctrl+z")
        await until(lambda: status_of(calendar_file, MET) is Status.CANCELLED)
        # The changes view lists the user's own edits too.
        await pilot.press("u")
        await pushed(app, ChangesModal)
        assert "your edit" in shown(app, "#text-body")
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
        # Saved in a worker thread: wait for it, then look at the file.
        await until(lambda: status_of(calendar_file, "official-welcome") is Status.CANCELLED)
        saved = calendar_file.read_text(encoding="utf-8")
        assert "(moved indoors)" in saved  # their change is kept
        assert status_of(calendar_file, "official-welcome") is Status.CANCELLED  # and ours
        # Nothing else changed: the status, and the event's revision stamp (``updated``).
        diff = difflib.ndiff(theirs.splitlines(), saved.splitlines())
        changed = sorted(line for line in diff if line[:2] in ("+ ", "- "))
        assert changed[0] == '+ status = "cancelled"' and len(changed) == 2
        assert changed[1].startswith("+ updated = ")
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
        await until(lambda: app.return_value is not None)
    assert app.return_value is True
    text = path.read_text(encoding="utf-8")
    assert 'title = "CIS summit, Dushanbe"' in text
    assert [d for d in validate_text(text, str(path)) if d.severity.value == "error"] == []


async def test_the_new_calendar_question_names_a_file_it_may_be_a_typo_of(
    tmp_path: Path,
) -> None:
    from tui.ui.startup.new_calendar_app import NewCalendarApp

    app = NewCalendarApp(tmp_path / "evnets.toml", ["events.toml"])
    async with app.run_test(size=(80, 24)) as pilot:
        said = str(app.query_one("#new-near").render())
        assert "events.toml" in said and "Cancel" in said
        await pilot.press("escape")
    assert app.return_value is False
    assert not (tmp_path / "evnets.toml").exists()


async def break_the_file(app: App[Any], pilot: Pilot[Any], path: Path) -> None:
    """A colleague saves a typo: the header says the file has errors (r: at once, whether
    or not the watcher has started yet)."""
    path.write_text(path.read_text(encoding="utf-8") + "\n[[events]\n", encoding="utf-8")
    await pilot.press("r")
    await until(lambda: "file has errors" in header(app))


async def test_a_broken_file_on_disk_never_ends_the_app_and_each_key_says_why(
    calendar_file: Path,
) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("2", "d", "y")  # one edit, so ctrl+z has something to take back
        await until(lambda: status_of(calendar_file, "official-welcome") is Status.CANCELLED)
        await break_the_file(app, pilot, calendar_file)
        broken = calendar_file.read_bytes()
        # d and D: the question, then why nothing was saved and the offer to replace the file.
        for key in ("d", "D"):
            await pilot.press(key, "y")
            await until(lambda: showing(app, ConfirmModal) and "w lists" in question(app))
            assert "has errors" in question(app)
            await pilot.press("n")  # leave it
            await until(lambda: not isinstance(app.screen, ConfirmModal))
        # ctrl+z and ctrl+y say why, in a notice.
        await pilot.press("ctrl+z")
        await until(lambda: bool(notices) and notices[-1].startswith("Cannot undo"))
        assert notices[-1].startswith("Cannot undo: the file on disk has errors, first ")
        assert notices[-1].endswith(
            "Expected ']]' at the end of an array declaration. w lists them."
        )
        # enter and n open the form on the version shown; its save says why and keeps it all.
        for keys in (("enter",), ("n",)):
            await pilot.press(*keys)
            form = await pushed(app, EventFormModal)
            form.query_one("#field-title", Input).focus()
            await pilot.press("end", *" typed", "ctrl+s")
            await until(lambda: showing(app, ConfirmModal))
            assert "has errors" in question(app)
            await pilot.press("n")  # keep editing
            await until(lambda: not isinstance(app.screen, ConfirmModal))
            assert app.screen is form
            assert form.query_one("#field-title", Input).value.endswith(" typed")
            assert "w lists the errors" in str(form.query_one("#form-problem").render())
            await pilot.press("escape", "y")  # discard, asked first
            await until(lambda: not isinstance(app.screen, EventFormModal))
        assert app.is_running and app.return_code is None
        assert calendar_file.read_bytes() == broken  # nothing written over it unasked


async def test_replacing_the_broken_file_is_a_choice_that_writes_the_last_good_version(
    calendar_file: Path,
) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "d", "y")
        await until(lambda: status_of(calendar_file, "official-welcome") is Status.CANCELLED)
        await break_the_file(app, pilot, calendar_file)
        await pilot.press("D", "y")
        await until(lambda: showing(app, ConfirmModal) and "w lists" in question(app))
        await pilot.press("y")  # replace the file
        await until(lambda: b"[[events]\n" not in calendar_file.read_bytes())
        await until(lambda: status_of(calendar_file, "official-welcome") is None)


async def test_the_first_edit_on_a_broken_file_says_why_without_a_form(
    calendar_file: Path,
) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await break_the_file(app, pilot, calendar_file)
        await pilot.press("n")
        await until(lambda: bool(notices))
        assert notices[-1].startswith("Cannot edit: the file on disk has errors")
        assert "w lists them" in notices[-1]
        assert not isinstance(app.screen, EventFormModal) and app.return_code is None


def question(app: App[Any]) -> str:
    return str(app.screen.query_one("#confirm-question").render())


async def test_quitting_with_a_typed_title_in_the_form_asks_first(calendar_file: Path) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        form = await pushed(app, EventFormModal)
        form.query_one("#field-title", Input).focus()
        await pilot.press(*"Unsaved words")
        await pilot.press("ctrl+q")
        await until(lambda: showing(app, ConfirmModal))
        assert question(app) == 'Discard your changes to the new event "Unsaved words" and quit?'
        assert str(app.screen.query_one("#confirm-yes", Button).label) == "Discard and quit"
        await pilot.press("n")  # keep editing: everything typed is still there
        await until(lambda: app.screen is form)
        assert form.query_one("#field-title", Input).value == "Unsaved words"
        assert app.return_code is None
        await app.run_action("quit")  # the palette's Quit runs the same action
        await until(lambda: showing(app, ConfirmModal))
        await pilot.press("y")
        await until(lambda: app.return_code == 0)


async def test_undo_and_redo_from_the_palette_say_what_they_did(calendar_file: Path) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("2", "d", "y")
        await until(lambda: status_of(calendar_file, "official-welcome") is Status.CANCELLED)
        for typed, status in (
            ("undo the last", Status.CONFIRMED),
            ("redo the last", Status.CANCELLED),
        ):
            await pilot.press("ctrl+p", *typed)
            await pilot.pause()
            await pilot.press("enter")
            await until(partial(has_status, calendar_file, "official-welcome", status))
        assert [n.split(":")[0] for n in notices] == ["Saved", "Undid", "Redid"]
        assert notices[-1] == "Redid: cancelled 'Official welcome ceremony'"


async def test_a_save_runs_off_the_ui_thread_and_keys_are_answered_meanwhile(
    calendar_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write is held until the screen has answered a key: on the UI thread this would
    never return (the key could not be handled while the save blocks it)."""
    from tui.core.editing import document

    release = threading.Event()
    save = document.save_calendar

    def held_save(*args: Any, **kwargs: Any) -> str:
        assert threading.current_thread() is not threading.main_thread()
        release.wait(timeout=30)  # bounded: a broken test ends, never hangs
        return save(*args, **kwargs)

    monkeypatch.setattr(document, "save_calendar", held_save)
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press("2", "d", "y")  # the save starts and is held
        await pilot.press("3")  # meanwhile: another day
        await until(lambda: screen.browse.day is not None and screen.browse.day.day == 10)
        assert status_of(calendar_file, "official-welcome") is Status.CONFIRMED  # not yet
        release.set()
        await until(lambda: status_of(calendar_file, "official-welcome") is Status.CANCELLED)


async def test_d_after_a_participant_acts_on_the_event_highlighted(calendar_file: Path) -> None:
    """Found by a new user: a participant chosen, then tab to the events: d said "Choose an
    event first." although an event was highlighted there. Focus selects the row it is on."""
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.query_one("#people").focus()
        await pilot.press("j")  # a participant's details
        await pilot.pause()
        screen.query_one("#events-table").focus()
        await pilot.pause()
        first = table_rows(app)[0][2]
        await pilot.press("d")
        await pushed(app, ConfirmModal)
        assert first in question(app)


@pytest.mark.parametrize(("at", "then"), [("last", -1), ("home", 0), ("down", 1)])
async def test_deleting_an_event_leaves_the_cursor_on_its_neighbour(
    calendar_file: Path, at: str, then: int
) -> None:
    """The one after it, or the one before when it was the last of the day."""
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.follower.close()  # the saves show at once, without the watcher
        await pilot.press("2", "end" if at == "last" else at)
        ids = [row.id for row in screen.query_one(EventList).rows]
        gone = screen.browse.selection
        assert gone is not None
        await pilot.press("D", "y")
        await until(lambda: status_of(calendar_file, gone.key) is None)
        left = [i for i in ids if i != gone.key]
        await until(lambda: [row.id for row in screen.query_one(EventList).rows] == left)
        expected = left[then]  # after the first: the next; after the last: the one before
        await until(lambda: screen.browse.selection == Selection(SelectionKind.EVENT, expected))
        assert screen.query_one(EventList).cursor == left.index(expected)
