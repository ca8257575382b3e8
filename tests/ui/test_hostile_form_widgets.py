"""The event form's real widgets (Input, TextArea) on hostile text: opened and left with
escape it asks nothing, and saved with only the title typed into, every other field is
written back exactly as it was (a TextArea rewrites CRLF and splits on U+2028, FF, VT and
U+0085; the form compares with the value, not with what the widget made of it)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w
from textual.widgets import Input

from tests.conftest import BASE
from tests.ui.helpers import main_screen, showing, until
from tests.ui.test_living import SIZE, open_app
from tui.ui.dialogs.confirm_modal import ConfirmModal
from tui.ui.form.event_form_modal import EventFormModal
from tui.ui.main.main_screen import MainScreen

HOSTILE = {
    "title": "T\x1b]52;c;Y3VybA==\x07\x9b\u202eX",
    "location": "a\u2028b\x9b\u2066\u200b",
    "description": "one\r\ntwo\u2028three\f four\v five\x85end\r\n",
    "sources": ["https://a.example/\u2028x", "\x9b\u202e\u2066\u200b"],
}


def events_of(path: Path) -> dict[str, dict[str, object]]:
    return {e["id"]: e for e in tomllib.loads(path.read_text(encoding="utf-8"))["events"]}


async def test_the_real_form_keeps_untouched_hostile_fields(tmp_path: Path) -> None:
    document = tomllib.loads(BASE)
    for event in document["events"]:  # whichever is selected first holds them
        event.update(HOSTILE)
    path = tmp_path / "cal.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    before = path.read_bytes()
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        selected = main_screen(app).screenful.selected_event
        assert selected is not None
        await pilot.press("enter")
        await until(lambda: showing(app, EventFormModal))
        await pilot.press("escape")  # nothing typed: it closes, asking nothing
        await until(lambda: showing(app, MainScreen | ConfirmModal))
        assert isinstance(app.screen, MainScreen)
        assert path.read_bytes() == before
        await pilot.press("enter")
        await until(lambda: showing(app, EventFormModal))
        app.screen.query_one("#field-title", Input).focus()
        await pilot.press("end", "!", "ctrl+s")
        await until(lambda: path.read_bytes() != before)
    saved = events_of(path)[selected]
    assert saved["title"] == HOSTILE["title"] + "!"
    for field in ("location", "description", "sources"):
        assert saved[field] == HOSTILE[field], field
