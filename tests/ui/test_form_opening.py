"""A form opened on an event, a participant or a country: the cursor after each field's
text, nothing selected, and the question before discarding names what was opened."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.ui.helpers import main_screen, showing
from tests.ui.test_editing_keys import question
from tests.ui.test_living import open_app, until
from tui.core.loading.load import bundled_calendar
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.form.event_form_modal import EventFormModal
from tui.ui.form.saving_form import SavingForm
from tui.ui.form.table_form_modal import TableFormModal

SIZE = (120, 36)
FIRST = "Putin arrives in Dushanbe: start of the state visit"


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


@pytest.mark.parametrize(
    ("pane", "key", "kind", "field", "name"),
    [
        ("events-table", "enter", EventFormModal, "title", FIRST),
        ("people", "E", TableFormModal, "name", "Vladimir Putin"),
        ("countries", "E", TableFormModal, "name", "Armenia"),
    ],
)
async def test_the_first_key_adds_to_the_field_and_discarding_names_the_original(
    calendar_file: Path,
    pane: str,
    key: str,
    kind: type[SavingForm],
    field: str,
    name: str,
) -> None:
    before = calendar_file.read_bytes()
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        main_screen(app).query_one(f"#{pane}").focus()
        await pilot.press(key)
        await until(lambda: showing(app, kind))
        form = app.screen
        typed = form.query_one(f"#field-{field}", Input)
        assert app.focused is typed
        assert typed.value == name
        assert typed.selection.is_empty and typed.cursor_position == len(name)
        await pilot.press(*" X")
        assert typed.value == f"{name} X"  # added to, not replaced
        await pilot.press("escape")
        await until(lambda: showing(app, ConfirmModal))
        assert question(app) == f'Discard your changes to "{name}"?'
        await pilot.press("y")
        await until(lambda: not isinstance(app.screen, SavingForm))
    assert calendar_file.read_bytes() == before
