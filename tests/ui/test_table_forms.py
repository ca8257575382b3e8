"""Adding and editing participants and countries from the app (issue 20): N and E in their
lists, the palette, through the file's owner (one table written, comments kept, undoable)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, Input, Label

from tests.ui.helpers import main_screen, pushed, screen_lines, showing, until
from tests.ui.test_editing_keys import break_the_file, question, record_notices
from tests.ui.test_living import open_app
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.ui.commands import CalendarCommands
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.form.table_form_modal import TableFormModal

SIZE = (120, 36)


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


def changed_lines(before: str, after: str) -> list[str]:
    """The lines the save added or removed (a unified diff without its headers)."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


async def open_form(app: App[None], pilot: Pilot[None], pane: str, key: str) -> TableFormModal:
    main_screen(app).query_one(f"#{pane}").focus()
    await pilot.press(key)
    form = await pushed(app, TableFormModal)
    return form


async def type_into(pilot: Pilot[None], form: TableFormModal, field: str, text: str) -> None:
    form.query_one(f"#field-{field}", Input).focus()
    await pilot.press("ctrl+a", "ctrl+k", *text)  # select nothing, cut to the end: empty


def message(form: TableFormModal, field: str) -> str:
    label = form.query_one(f"#message-{field}", Label)
    return str(label.render()) if label.has_class("-shown") else ""


async def test_adding_a_participant_writes_only_its_table_and_undo_takes_it_back(
    calendar_file: Path,
) -> None:
    original = calendar_file.read_text(encoding="utf-8")
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        main_screen(app).follower.close()  # type: ignore[union-attr]
        notices = record_notices(app)
        form = await open_form(app, pilot, "people", "N")
        await type_into(pilot, form, "id", "lavrov")
        await type_into(pilot, form, "name", "Sergey Lavrov")
        await type_into(pilot, form, "title", "Minister of Foreign Affairs")
        await type_into(pilot, form, "country", "Russia")  # a name is taken as its code
        await pilot.press("ctrl+s")
        await until(lambda: not isinstance(app.screen, TableFormModal))
        await until(lambda: any("Saved: added participant" in n for n in notices))
        assert "Saved: added participant 'Sergey Lavrov'" in notices
        after = calendar_file.read_text(encoding="utf-8")
        lines = changed_lines(original, after)
        assert lines.count("+") == 1  # a blank line sets it apart; nothing else removed
        assert [line for line in lines if line != "+"] == [
            "+[participants.lavrov]",
            '+name = "Sergey Lavrov"',
            '+title = "Minister of Foreign Affairs"',
            '+country = "RU"',
        ]
        person = load_calendar(calendar_file).calendar.participants["lavrov"]
        assert (person.name, person.country) == ("Sergey Lavrov", "RU")
        await until(lambda: "lavrov" in main_screen(app).calendar.participants)
        # ctrl+z takes it back, saying what; the file is byte for byte as it was.
        main_screen(app).focus_day_view()
        await pilot.press("ctrl+z")
        await until(lambda: any(n.startswith("Undid:") for n in notices))
        assert "Undid: added participant 'Sergey Lavrov'" in notices
        await until(lambda: calendar_file.read_text(encoding="utf-8") == original)


async def test_editing_a_country_changes_only_the_keys_changed(calendar_file: Path) -> None:
    original = calendar_file.read_text(encoding="utf-8")
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        main_screen(app).follower.close()  # type: ignore[union-attr]
        notices = record_notices(app)
        countries = main_screen(app).query_one("#countries")
        countries.focus()
        code = countries.highlighted_option.id  # type: ignore[attr-defined]
        form = await open_form(app, pilot, "countries", "E")
        assert form.query_one("#field-id", Input).disabled  # events name it: not renamed
        known = load_calendar(calendar_file).calendar.countries[code]
        assert form.query_one("#field-capital", Input).value == known.capital
        await type_into(pilot, form, "capital", "New Capital")
        await type_into(pilot, form, "blocs", "SCO, CIS")
        await pilot.press("ctrl+s")
        await until(lambda: not isinstance(app.screen, TableFormModal))
        await until(lambda: any("Saved: edited country" in n for n in notices))
        assert f"Saved: edited country '{known.name}' (blocs, capital)" in notices
        lines = changed_lines(original, calendar_file.read_text(encoding="utf-8"))
        blocs = ", ".join(f'"{bloc}"' for bloc in known.blocs)
        assert sorted(lines) == sorted(
            [
                f'-capital = "{known.capital}"',
                '+capital = "New Capital"',
                f"-blocs = [{blocs}]",
                '+blocs = ["SCO", "CIS"]',
            ]
        )


async def test_a_wrong_field_is_said_beside_it_and_nothing_typed_is_lost(
    calendar_file: Path,
) -> None:
    original = calendar_file.read_bytes()
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, "people", "N")
        await type_into(pilot, form, "id", "Not An Id")
        await type_into(pilot, form, "name", "Someone")
        await type_into(pilot, form, "country", "Atlantis")
        assert message(form, "id").startswith("Use lower-case letters")
        assert message(form, "country").startswith('Unknown country "Atlantis"')
        assert message(form, "name") == ""
        assert form.query_one("#form-save", Button).disabled
        await pilot.press("ctrl+s")  # refused: the form stays, with what was typed
        assert app.screen is form
        assert form.query_one("#field-id", Input).value == "Not An Id"
        assert form.query_one("#field-country", Input).value == "Atlantis"
        await type_into(pilot, form, "id", "putin")  # taken already
        assert 'participant "putin" already' in message(form, "id")
    assert calendar_file.read_bytes() == original


async def test_a_broken_file_refuses_the_save_and_keeps_the_form(calendar_file: Path) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, "countries", "N")  # the owner opens on a good file
        await pilot.press("escape")  # nothing typed: it closes without a question
        await until(lambda: not isinstance(app.screen, TableFormModal))
        await break_the_file(app, pilot, calendar_file)
        broken = calendar_file.read_bytes()
        form = await open_form(app, pilot, "countries", "N")
        await type_into(pilot, form, "id", "MN")
        await type_into(pilot, form, "name", "Mongolia")
        await type_into(pilot, form, "capital", "Ulaanbaatar")
        await pilot.press("ctrl+s")
        await until(lambda: showing(app, ConfirmModal))
        assert "has errors" in question(app)
        await pilot.press("n")  # keep editing
        await until(lambda: app.screen is form)
        assert form.query_one("#field-name", Input).value == "Mongolia"
        assert "w lists the errors" in str(form.query_one("#form-problem").render())
        # Quitting with it typed asks first, as escape does.
        await pilot.press("ctrl+q")
        await until(lambda: showing(app, ConfirmModal))
        assert question(app) == 'Discard your changes to the new country "Mongolia" and quit?'
        await pilot.press("n")
        await until(lambda: app.screen is form)
        assert app.return_code is None
    assert calendar_file.read_bytes() == broken


async def test_read_only_refuses_the_form(calendar_file: Path) -> None:
    app = open_app(calendar_file)
    app.read_only = True
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        main_screen(app).query_one("#people").focus()
        await pilot.press("N")
        await until(lambda: bool(notices))
        assert notices[-1].startswith("Read-only")
        assert not isinstance(app.screen, TableFormModal)


async def test_the_palette_offers_adding_and_editing_participants_and_countries(
    calendar_file: Path,
) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE):
        screen = main_screen(app)
        names = [name for name, _, _ in CalendarCommands(screen).commands(screen)]
        assert "Add participant…" in names and "Add country…" in names
        assert "Edit participant: Vladimir Putin" in names
        assert "Edit country: Tajikistan (TJ)" in names


async def test_editing_a_participant_and_adding_a_country(calendar_file: Path) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        main_screen(app).follower.close()  # type: ignore[union-attr]
        notices = record_notices(app)
        people = main_screen(app).query_one("#people")
        people.focus()
        pid = people.highlighted_option.id  # type: ignore[attr-defined]
        name = load_calendar(calendar_file).calendar.participants[pid].name
        form = await open_form(app, pilot, "people", "E")
        await type_into(pilot, form, "title", "Chair of the summit")
        await pilot.press("ctrl+s")
        await until(lambda: any("Saved: edited participant" in n for n in notices))
        assert f"Saved: edited participant '{name}' (title)" in notices
        after = load_calendar(calendar_file).calendar
        assert after.participants[pid].title == "Chair of the summit"
        form = await open_form(app, pilot, "countries", "N")
        for field, text in (("id", "mn"), ("name", "Mongolia"), ("capital", "Ulaanbaatar")):
            await type_into(pilot, form, field, text)
        await pilot.press("ctrl+s")
        await until(lambda: any("Saved: added country 'Mongolia'" in n for n in notices))
        await until(lambda: "MN" in main_screen(app).calendar.countries)
        assert load_calendar(calendar_file).calendar.countries["MN"].capital == "Ulaanbaatar"


async def test_a_new_rows_empty_fields_are_not_called_wrong_before_a_save(
    calendar_file: Path,
) -> None:
    """Found by a new user: a new participant's form opened with 'must not be empty' under
    every field. A field says so once it was changed, or once ctrl+s was tried."""
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, "people", "N")
        await pilot.pause()
        assert [message(form, f) for f in ("id", "name", "country")] == ["", "", ""]
        assert str(form.query_one("#form-problem", Label).render()) == ""
        await pilot.press("ctrl+s")  # refused, and now each empty field says why
        await pilot.pause()
        assert app.screen is form
        assert message(form, "id") != "" and message(form, "name") != ""


@pytest.mark.parametrize(
    ("pane", "key", "size"),
    [("people", "N", SIZE), ("countries", "E", SIZE), ("people", "E", (80, 24))],
)
async def test_the_footer_shows_the_forms_keys_not_the_lists(
    calendar_file: Path, pane: str, key: str, size: tuple[int, int]
) -> None:
    """The form's own keys at the bottom of the terminal: the main screen's footer under
    it showed the list's N and E, which the form does not answer."""
    app = open_app(calendar_file)
    async with app.run_test(size=size) as pilot:
        await open_form(app, pilot, pane, key)
        await until(lambda: screen_lines(app)[-1] == "^s Save esc Cancel")
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, TableFormModal))
        await until(lambda: screen_lines(app)[-1].startswith("N Add a "))
