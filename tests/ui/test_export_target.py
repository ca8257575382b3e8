"""The export dialog's target: never the calendar open in the app, and a format that matches
the name it is written under."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet

from tests.ui.helpers import pushed, showing, until
from tests.ui.test_living import open_app
from tui.core.loading.load import bundled_calendar
from tui.ui.dialogs.export_modal import ExportModal

SIZE = (120, 36)


@pytest.fixture
def calendar_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "nasty.toml"
    shutil.copyfile(bundled_calendar(), path)
    with path.open("a", encoding="utf-8") as file:
        file.write("# a comment that only the TOML file holds\n")
    return path


def message(modal: ExportModal) -> str:
    return str(modal.query_one("#export-message").render())


@pytest.mark.parametrize("name", ["absolute", "relative", "symlink"])
async def test_the_open_calendar_is_refused_as_the_target(calendar_file: Path, name: str) -> None:
    original = calendar_file.read_bytes()
    target = {
        "absolute": str(calendar_file),
        "relative": "./nasty.toml",
        "symlink": str(calendar_file.parent / "link.toml"),
    }[name]
    (calendar_file.parent / "link.toml").symlink_to(calendar_file)
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        modal = await pushed(app, ExportModal)
        modal.query_one("#export-path", Input).value = target
        # Twice: once would ask to replace an existing file, the second said yes.
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is modal
        assert "is the calendar open here" in message(modal)
        assert modal.query_one("#export-message").has_class("-error")
        assert modal.running is None  # no writer was started
        assert calendar_file.read_bytes() == original
        # Another name is written as before.
        modal.query_one("#export-path", Input).value = "other.ics"
        await pilot.press("enter")
        await until(lambda: not showing(app, ExportModal))
        assert (calendar_file.parent / "other.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert calendar_file.read_bytes() == original


async def test_the_name_picks_the_format(calendar_file: Path) -> None:
    app = open_app(calendar_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        modal = await pushed(app, ExportModal)
        formats = modal.query_one("#export-format", RadioSet)
        path = modal.query_one("#export-path", Input)
        path.value = ""
        path.focus()
        await pilot.press(*"copy.toml")
        # The switch is said in the dialog before anything is written.
        await until(lambda: "format is now TOML" in message(modal))
        assert formats.pressed_button is not None
        assert formats.pressed_button.id == "format-toml"
        await pilot.press("enter")
        written = calendar_file.parent / "copy.toml"
        await until(lambda: not showing(app, ExportModal) and written.exists())
        assert written.read_text(encoding="utf-8").startswith("[calendar]")
        # And back: .ics writes iCalendar even after TOML was chosen.
        await pilot.press("e")
        modal = await pushed(app, ExportModal)
        await pilot.click("#format-toml")
        path = modal.query_one("#export-path", Input)
        await until(lambda: path.value.endswith(".toml"))
        path.value = "copy.ics"
        await until(lambda: "format is now iCalendar" in message(modal))
        path.focus()  # enter on the radio buttons would press one
        await pilot.press("enter")
        written = calendar_file.parent / "copy.ics"
        await until(lambda: not showing(app, ExportModal) and written.exists())
        assert written.read_bytes().startswith(b"BEGIN:VCALENDAR")
