"""What starting the TUI imports: only what the first frame needs.

Each module below cost milliseconds of every start before it was made lazy (issue 15): the
editor (tomlkit), the timeline and the whole visit, the loading screen, the exporters and
the file watcher. They load when first used; these tests keep it so, in a fresh
interpreter, since a test process has long imported everything. pendulum loads with the
first event's details (it words their relative time and duration), not with the app.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

NOT_AT_START = (
    "tomlkit",
    "icalendar",
    "tui.core.editing.save",
    "tui.core.editing.toml_edit",
    "tui.core.editing.history",
    "tui.core.living.changes",
    "tui.core.export.ical",
    "tui.core.views.timeline",
    "tui.core.views.timeline_layout",
    "tui.core.views.agenda_text",
    "tui.core.views.whole_visit",
    "tui.ui.widgets.timeline_view",
    "tui.ui.widgets.agenda_view",
    "tui.ui.startup.loading_screen",
    "tui.ui.form.event_form_modal",
    "textual.widgets._progress_bar",
    # The commands' own modules: `diplocal [CALENDAR]` parses its arguments without them.
    "tui.cli.commands",
    "tui.cli.serve",
    "tui.cli.import_command",
    "tui.cli.publish_args",
    "tui.cli.pull_args",
    "tui.core.export.formats",
)


def loaded_after(code: str, names: tuple[str, ...] = NOT_AT_START) -> list[str]:
    """The modules of ``names`` that running ``code`` in a fresh interpreter loaded."""
    check = f"\nimport sys\nprint(' '.join(m for m in {names!r} if m in sys.modules))\n"
    result = subprocess.run(
        [sys.executable, "-c", code + check], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_importing_the_app_loads_none_of_the_late_modules() -> None:
    # The file watcher too: it starts after the first frame.
    late = (*NOT_AT_START, "watchfiles", "pendulum")
    assert loaded_after("import tui.cli, tui.ui.app", late) == []


def test_saying_when_the_calendar_was_published_loads_no_http_client() -> None:
    """The header reads when the calendar was last published after the first frame, in
    every start; httpx (4.5 MB of memory) loads only when publishing or pulling."""
    assert loaded_after("import tui.core.sharing.remembered", ("httpx",)) == []


@pytest.mark.slow
def test_the_first_frame_loads_none_of_the_late_modules() -> None:
    """The bundled calendar on screen, an event selected and its details shown (which
    word its time relative to now), headless at 120x36."""
    code = """
import asyncio
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.ui.app import DiplocalApp

async def main() -> None:
    app = DiplocalApp(load_calendar(bundled_calendar()).calendar)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screenful = app.screen.screenful
        assert screenful is not None and screenful.rows and screenful.details

asyncio.run(main())
"""
    assert loaded_after(code) == []
