"""The event form on the real app: typing, checking as you type, saving, conflicts."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Label, Select, TextArea

from tests.core.editing.edit_helpers import only_inside
from tests.ui.conftest import MakeApp
from tests.ui.helpers import pushed, until
from tui.core.editing.document import CalendarDocument, Result
from tui.core.editing.edit_check import validate_text
from tui.core.editing.toml_edit import update_event
from tui.core.errors import Severity
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Calendar, Event
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.confirm_modal import ConfirmModal, cancel_question, delete_question
from tui.ui.dialogs.conflict_modal import ConflictModal
from tui.ui.form.event_form_modal import EventFormModal, FormDone

TALKS = "ru-tj-talks"


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


def loaded(path: Path) -> Calendar:
    return load_calendar(path).calendar


def event_of(calendar: Calendar, event_id: str) -> Event:
    return next(e for e in calendar.events if e.id == event_id)


def errors(text: str) -> list[str]:
    return [str(d) for d in validate_text(text, "x.toml") if d.severity is Severity.ERROR]


def saved_events(path: Path) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in tomllib.loads(path.read_text(encoding="utf-8"))["events"]}


class Opened:
    """A form pushed onto the app, and what it returned."""

    def __init__(self, app: DiplocalApp, form: EventFormModal) -> None:
        self.app = app
        self.form = form
        self.results: list[FormDone | None] = []

    def done(self, result: FormDone | None) -> None:
        self.results.append(result)


async def open_form(
    app: DiplocalApp, pilot: Pilot[None], path: Path, event_id: str | None, day: date | None = None
) -> Opened:
    calendar = loaded(path)
    event = event_of(calendar, event_id) if event_id else None
    form = EventFormModal(CalendarDocument.open(path), calendar, event, day)
    opened = Opened(app, form)
    await app.push_screen(form, opened.done)  # composed and mounted when this returns
    return opened


async def type_into(pilot: Pilot[None], form: EventFormModal, name: str, text: str) -> None:
    """Focus the field, empty it and type ``text`` key by key."""
    field = form.query_one(f"#field-{name}", Input)
    field.focus()
    field.value = ""
    await pilot.pause()
    await pilot.press(*text)


def message(form: EventFormModal, field: str) -> str:
    label = form.query_one(f"#message-{field}", Label)
    return str(label.render()) if label.has_class("-shown") else ""


async def test_editing_every_field_saves_only_that_event(
    make_app: MakeApp, calendar_file: Path
) -> None:
    before = calendar_file.read_text(encoding="utf-8")
    app = make_app(calendar_file)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(app, pilot, calendar_file, TALKS)
        form = opened.form
        await type_into(pilot, form, "title", "Putin and Rahmon: [b]talks[/b]")
        form.query_one("#field-kind", Select).value = "summit"
        await type_into(pilot, form, "date", "2025-10-09")
        await type_into(pilot, form, "start", "12:15")
        await type_into(pilot, form, "end", "15:30")
        form.query_one("#field-end_estimated", Checkbox).focus()
        await pilot.press("space")
        await type_into(pilot, form, "zone", "asia/dush")
        await pilot.press("right")  # takes the suggestion
        await type_into(pilot, form, "location", "Kokhi Navruz, Dushanbe")
        await type_into(pilot, form, "host", "Russia")
        form.query_one("#field-people-query", Input).focus()
        await pilot.press(*"rahmon", "enter")  # unticks Rahmon
        await pilot.press(*["backspace"] * 6, *"tokayev", "enter")
        form.query_one("#field-status", Select).value = "tentative"
        description = form.query_one("#field-description", TextArea)
        description.focus()
        description.text = ""
        await pilot.press(*"New text.", "enter", *"Second line.")
        sources = form.query_one("#field-sources", TextArea)
        sources.text = "https://example.org/a\nhttps://example.org/b"
        await pilot.pause()
        assert form.query_one("#field-zone", Input).value == "Asia/Dushanbe"
        await pilot.press("ctrl+s")
        await until(lambda: bool(opened.results))  # saved in a worker thread
        await pilot.pause()
    [result] = opened.results
    assert result is not None and result.outcome.result is Result.SAVED
    assert result.event_id == TALKS
    after = calendar_file.read_text(encoding="utf-8")
    assert errors(after) == []
    assert only_inside(before, after, TALKS)
    assert after.startswith(before[: before.index("[[events]]")])  # comments above intact
    talks = saved_events(calendar_file)[TALKS]
    assert talks["title"] == "Putin and Rahmon: [b]talks[/b]"
    assert (talks["kind"], talks["status"], talks["host"]) == ("summit", "tentative", "RU")
    assert talks["start"].isoformat() == "2025-10-09T12:15:00"
    assert talks["end"].isoformat() == "2025-10-09T15:30:00"
    assert talks["approximate"] == ["start"]  # it was true: both; the end is unticked
    assert talks["location"] == "Kokhi Navruz, Dushanbe"
    assert talks["participants"] == ["putin", "tokayev"]
    assert talks["description"] == "New text.\nSecond line."
    assert talks["sources"] == ["https://example.org/a", "https://example.org/b"]


async def test_a_new_event_in_the_evening_with_both_participants(
    make_app: MakeApp, calendar_file: Path
) -> None:
    app = make_app(calendar_file)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(app, pilot, calendar_file, None, date(2025, 10, 10))
        form = opened.form
        await type_into(pilot, form, "title", "Putin and Mirziyoyev meet")
        await type_into(pilot, form, "part_of_day", "eve")
        await pilot.press("right")
        form.query_one("#field-people-query", Input).focus()
        await pilot.press(*"putin", "enter", *["backspace"] * 5, *"mirz", "enter")
        await pilot.pause()
        assert "putin-and-mirziyoyev-meet" in str(form.query_one("#form-id", Label).render())
        await pilot.press("ctrl+s")
        await until(lambda: bool(opened.results))  # saved in a worker thread
        await pilot.pause()
    assert opened.results[0] is not None
    assert errors(calendar_file.read_text(encoding="utf-8")) == []
    meet = event_of(loaded(calendar_file), "putin-and-mirziyoyev-meet")
    assert (meet.start, meet.participants) == (date(2025, 10, 10), ("putin", "mirziyoyev"))
    assert [p.value for p in meet.part_of_day] == ["evening"]


async def test_wrong_text_is_said_beside_its_field_and_save_is_refused(
    make_app: MakeApp, calendar_file: Path
) -> None:
    before = calendar_file.read_bytes()
    app = make_app(calendar_file)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(app, pilot, calendar_file, TALKS)
        form = opened.form
        await type_into(pilot, form, "date", "2025-02-30")
        await type_into(pilot, form, "zone", "Asia/Dushanbee")
        await pilot.pause()
        assert "is not a date" in message(form, "date")
        assert 'did you mean "Asia/Dushanbe"' in message(form, "zone")
        assert form.query_one("#form-save", Button).disabled
        assert "date, zone" in str(form.query_one("#form-problem", Label).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        await type_into(pilot, form, "date", "2025-10-09")
        await type_into(pilot, form, "zone", "Asia/Dushanbe")
        await pilot.pause()
        assert message(form, "date") == message(form, "zone") == ""
        assert not form.query_one("#form-save", Button).disabled
    assert calendar_file.read_bytes() == before


async def test_a_burst_of_keys_and_a_pasted_newline_are_saved_as_typed(
    make_app: MakeApp, calendar_file: Path
) -> None:
    app = make_app(calendar_file)
    title = "A burst: " + "x" * 200
    async with app.run_test(size=(80, 24)) as pilot:
        opened = await open_form(app, pilot, calendar_file, TALKS)
        form = opened.form
        field = form.query_one("#field-title", Input)
        field.value = ""
        for char in title:  # all queued before any is handled
            field.post_message(events.Key(char, char))
        field.post_message(events.Paste(" pasted\ninto the title"))
        form.post_message(events.Key("ctrl+s", None))
        await until(lambda: bool(opened.results))  # saved in a worker thread
        await pilot.pause()
        await pilot.pause()
    [result] = opened.results
    assert result is not None
    assert saved_events(calendar_file)[TALKS]["title"] == title + " pasted"


async def test_a_change_behind_the_form_is_kept_and_the_edit_applied_on_top(
    make_app: MakeApp, calendar_file: Path
) -> None:
    app = make_app(calendar_file)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(app, pilot, calendar_file, TALKS)
        theirs = update_event(
            calendar_file.read_text(encoding="utf-8"), "official-welcome", {"location": "Theirs"}
        )
        calendar_file.write_text(theirs, encoding="utf-8")
        await type_into(pilot, opened.form, "location", "Mine")
        await pilot.press("ctrl+s")
        await until(lambda: bool(opened.results))  # saved in a worker thread
        await pilot.pause()
    [result] = opened.results
    assert result is not None and result.outcome.result is Result.SAVED
    saved = saved_events(calendar_file)
    assert (saved["official-welcome"]["location"], saved[TALKS]["location"]) == ("Theirs", "Mine")


@pytest.mark.parametrize(("key", "location"), [("m", "Mine"), ("t", "Theirs")])
async def test_the_same_event_changed_on_disk_shows_both_and_the_user_chooses(
    make_app: MakeApp, calendar_file: Path, key: str, location: str
) -> None:
    app = make_app(calendar_file)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(app, pilot, calendar_file, TALKS)
        theirs = update_event(
            calendar_file.read_text(encoding="utf-8"),
            TALKS,
            {"location": "Theirs", "description": "Their words."},
        )
        calendar_file.write_text(theirs, encoding="utf-8")
        await type_into(pilot, opened.form, "title", "My title")
        await type_into(pilot, opened.form, "location", "Mine")
        await pilot.press("ctrl+s")
        conflict = await pushed(app, ConflictModal)
        await pilot.pause()
        shown = str(conflict.query_one("#conflict-theirs").query_one("Static").render())
        assert 'location = "Theirs"' in shown
        # The right box is exactly what "mine" writes: my keys on their version.
        mine = str(conflict.query_one("#conflict-mine").query_one("Static").render())
        assert 'location = "Mine"' in mine and 'title = "My title"' in mine
        assert "Their words." in mine
        await pilot.press(key)
        await until(lambda: bool(opened.results))  # saved in a worker thread
        await pilot.pause()
    [result] = opened.results
    assert result is not None and (result.outcome.result is Result.SAVED) is (key == "m")
    talks = saved_events(calendar_file)[TALKS]
    assert talks["location"] == location
    assert (talks["title"] == "My title") is (key == "m")


async def test_escape_with_changes_asks_before_discarding(
    make_app: MakeApp, calendar_file: Path
) -> None:
    app = make_app(calendar_file)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(app, pilot, calendar_file, TALKS)
        await type_into(pilot, opened.form, "title", "Changed")
        await pilot.press("escape")
        await pushed(app, ConfirmModal)
        await pilot.press("n")
        await until(lambda: app.screen is opened.form)
        await pilot.press("escape", "y")
        await until(lambda: bool(opened.results))
    assert opened.results == [None]


async def test_confirm_names_the_event_as_plain_text(make_app: MakeApp) -> None:
    app = make_app()
    assert app.living is not None
    event = event_of(app.living.calendar, TALKS)
    answers: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ConfirmModal(delete_question(event)), answers.append)
        shown = str(app.screen.query_one("#confirm-question", Label).render())
        assert event.title in shown
        await pilot.press("enter")  # the focused button is No
        await until(lambda: answers == [False])
        await app.push_screen(ConfirmModal(cancel_question(event)), answers.append)
        await pilot.press("y")
        await until(lambda: len(answers) == 2)
    assert answers == [False, True]
