"""The TUI follows its file: edits by another program appear with marks; errors keep the
last good version; the changes view lists what changed and marks it as seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.ui.conftest import NOW, VIEWER_ZONE
from tests.ui.helpers import (
    day_counts,
    details,
    header,
    main_screen,
    pushed,
    shown,
    table_rows,
    until,
)
from tui.core.loading.load import load_calendar
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.text_modal import ChangesModal, TextModal

SIZE = (120, 36)


def sample_copy(folder: Path) -> tuple[Path, str]:
    """The sample calendar copied into ``folder`` as cal.toml, and its text."""
    path = folder / "cal.toml"
    text = (DATA / "sample.toml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    return path, text


def open_app(path: Path) -> DiplocalApp:
    loaded = load_calendar(path)
    return DiplocalApp(
        loaded.calendar,
        local_zone=get_zone(VIEWER_ZONE),
        clock=lambda: NOW,
        warnings=loaded.warnings,
        path=path,
    )


async def test_an_edit_elsewhere_shows_with_a_mark_and_errors_keep_the_last_good(
    tmp_path: Path,
) -> None:
    path, text = sample_copy(tmp_path)
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press("2", "j")  # Thursday, the talks: the selection to keep
        assert details(app).startswith("Talks in Dushanbe")
        # Another program renames the talks and moves the dinner, writing a temp file
        # and renaming it over the calendar, as editors do.
        edited = text.replace('title = "Talks in Dushanbe"', 'title = "Talks, moved"').replace(
            "start = 2025-10-09T20:00:00", "start = 2025-10-09T21:00:00"
        )
        temporary = tmp_path / ".cal.toml.swp"
        temporary.write_text(edited, encoding="utf-8")
        temporary.replace(path)
        await until(lambda: "Talks, moved" in [row[2] for row in table_rows(app)])
        rows = {row.id: row for row in screen.query_one("#events-table").rows}
        assert rows["talks"].mark == "changed" and rows["berlin-dinner"].mark == "moved"
        assert details(app).startswith("Talks, moved")  # the same event stays selected
        assert "CHANGED since you last looked" in details(app)
        assert "title: Talks in Dushanbe → Talks, moved" in details(app)
        assert screen.query_one("#days").rows[1].changed == 2
        # A broken save: the last good version stays, the header says the file has errors.
        path.write_text(edited.replace("[calendar]", "[calendar"), encoding="utf-8")
        await until(lambda: bool(screen.living.errors))
        assert "Talks, moved" in [row[2] for row in table_rows(app)]
        assert "file has errors" in header(app)
        await pilot.press("w")
        await pushed(app, TextModal)
        assert "cal.toml:4:10: error: TOML syntax" in shown(app, "#text-body")
        await pilot.press("escape")
        # Fixed: it recovers by itself.
        path.write_text(edited, encoding="utf-8")
        await until(lambda: not screen.living.errors)
        assert "file has errors" not in header(app)
        # The changes view lists both changes; s marks them as seen and the marks go.
        await pilot.press("u")
        await pushed(app, ChangesModal)
        log = shown(app, "#text-body")
        assert 'changed talks "Talks, moved"' in log and "moved berlin-dinner" in log
        await pilot.press("s")
        await until(lambda: all(not row.mark for row in screen.query_one("#events-table").rows))
        assert day_counts(app)[1] == 3
    assert path.read_text(encoding="utf-8") == edited  # following never writes the file


async def test_r_reloads_by_hand(tmp_path: Path) -> None:
    path, text = sample_copy(tmp_path)
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.follower.close()  # only the key reloads now
        path.write_text(text.replace('title = "Arrival"', 'title = "Landing"'), "utf-8")
        await pilot.press("r")
        await until(lambda: "Landing" in [row[2] for row in table_rows(app)])


async def test_a_save_before_the_watch_begins_is_not_missed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the browser tests under load: a file saved after the version shown was read
    but before the watcher started was never shown (the watch took the file as it found it)."""
    from tui.ui.main.background import Follower

    path, text = sample_copy(tmp_path)
    start = Follower.start

    def saved_first(follower: Follower) -> None:
        path.write_text(text.replace("Talks in Dushanbe", "Talks, moved"), encoding="utf-8")
        start(follower)

    monkeypatch.setattr(Follower, "start", saved_first)
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await until(lambda: "Talks, moved" in [row[2] for row in table_rows(app)])


async def test_a_number_too_long_for_python_is_said_and_the_file_still_followed(
    tmp_path: Path,
) -> None:
    """An event given a 5,000-digit integer (Python converts at most 4,300): the header
    says the file has errors and w says where; the follower goes on, so the fix shows.
    Before, the ValueError ended the follower's worker without a word."""
    path, text = sample_copy(tmp_path)
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        huge = 'title = "Arrival"\nx = 1' + "0" * 5000
        path.write_text(text.replace('title = "Arrival"', huge), encoding="utf-8")
        await until(lambda: bool(screen.living.errors))
        assert "file has errors" in header(app)
        line = text[: text.index('title = "Arrival"')].count("\n") + 2
        await pilot.press("w")
        body = str(app.screen.query_one("#text-body").render())
        assert f"cal.toml:{line}:5: error: a number with more than 4300 digits" in body
        await pilot.press("escape")
        path.write_text(text.replace('title = "Arrival"', 'title = "Landing"'), "utf-8")
        await until(lambda: "Landing" in [row[2] for row in table_rows(app)])
        assert "file has errors" not in header(app)
