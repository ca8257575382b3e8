"""A large calendar loads inside the app: progress on the first frame, errors in view."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from bench.make_calendar import make_calendar
from tests.conftest import BASE
from tests.ui.helpers import main_screen, pushed, shown, until
from tui.cli import IN_APP_SIZE, main
from tui.core.loading.load import load_calendar
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.text_modal import TextModal
from tui.ui.main.main_screen import MainScreen
from tui.ui.startup import loading_screen as loading
from tui.ui.startup.loading_screen import LoadingScreen


def test_a_large_file_read_in_a_moment_from_the_cache_opens_without_the_loading_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen would only flash by: the calendar is read before the app, as a small
    file is; a cold start still opens on the screen with its progress."""
    path = tmp_path / "big.toml"
    padding = ("# " + "x" * 98 + "\n") * (IN_APP_SIZE // 100 + 1)
    path.write_text(tomli_w.dumps(make_calendar(200)) + padding, encoding="utf-8")
    opened_with_a_calendar: list[bool] = []
    monkeypatch.setattr(
        DiplocalApp, "run", lambda app, **_: opened_with_a_calendar.append(app.living is not None)
    )
    monkeypatch.setattr("tui.cli._keys_reach_the_app", lambda: True)
    assert main([str(path)]) == 0  # cold
    load_calendar(path)  # what the app's first load leaves in the cache
    assert main([str(path)]) == 0
    assert opened_with_a_calendar == [False, True]


def main_shown(app: DiplocalApp) -> bool:
    """The main screen is on top and mounted, with its first screenful: not only pushed.
    (Waiting for the push alone raced its mounting: NoMatches '#days' or '#header'.)"""
    return isinstance(app.screen, MainScreen) and app.screen.screenful is not None


async def test_the_first_frame_says_what_is_loaded_then_the_calendar_shows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.toml"
    path.write_text(tomli_w.dumps(make_calendar(2000)), encoding="utf-8")
    app = DiplocalApp(None, path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        assert str(path) in str(app.screen.query_one(".dialog-title").render())
        await until(lambda: main_shown(app), seconds=60)
        assert len(main_screen(app).calendar.events) == 2000
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_a_calendar_that_does_not_load_shows_its_errors_and_exits_1(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BASE.replace('participants = ["putin"]', 'participants = ["nobody"]'), "utf-8")
    app = DiplocalApp(None, path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LoadingScreen)
        await until(lambda: screen.failed, seconds=30)
        errors = str(screen.query_one("#loading-errors").render())
        assert f"{path}:" in errors and "nobody" in errors
        await pilot.press("q")
    assert app.return_code == 1


async def test_a_file_of_only_a_form_feed_is_invalid_toml_not_empty(tmp_path: Path) -> None:
    """TOML's whitespace is space and tab: the loader in the app says where the form feed is."""
    path = tmp_path / "feed.toml"
    path.write_bytes(b"\n\x0c\n")
    app = DiplocalApp(None, path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LoadingScreen)
        await until(lambda: screen.failed, seconds=30)
        errors = str(screen.query_one("#loading-errors").render())
        assert f"{path}:2:1: error: TOML syntax: a form feed (U+000C) is not whitespace" in errors
        await pilot.press("q")
    assert app.return_code == 1


async def test_the_warnings_and_the_cache_follow_the_events_on_screen(
    tmp_path: Path, private_cache: Path
) -> None:
    path = tmp_path / "big.toml"
    path.write_text(tomli_w.dumps(make_calendar(2000, overlaps=0.3)), encoding="utf-8")
    expected = [str(w) for w in load_calendar(path).warnings]  # as `check` finds them
    for entry in (private_cache / "diplocal").glob("*.json"):
        entry.unlink()
    app = DiplocalApp(None, path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: main_shown(app), seconds=60)
        screen = main_screen(app)
        await until(lambda: bool(screen.living.warnings), seconds=60)
        assert list(screen.living.warnings) == expected
        assert any("at the same time" in line for line in expected)
        assert f"⚠ {len(expected)} warnings" in str(screen.query_one("#header").render())
        await until(lambda: bool(list((private_cache / "diplocal").glob("*.json"))), seconds=60)
        await pilot.press("q")


def test_every_new_stage_reaches_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports are thinned to a few a second, but a new stage always shows (the parser can
    hold the interpreter for a second after it)."""
    shown: list[tuple[str, int, int]] = []

    class Calls:
        def call_from_thread(self, _callback: object, *args: Any) -> None:
            shown.append(args)

    monkeypatch.setattr(LoadingScreen, "app", property(lambda _screen: Calls()))
    screen = LoadingScreen(tmp_path / "big.toml", living_of=lambda _loaded: None)  # type: ignore[arg-type,return-value]
    for report in [("reading", 0, 1), ("reading", 1, 1), ("parsing", 0, 9), ("parsing", 4, 9)]:
        screen.progress(*report)
    assert [stage for stage, *_ in shown] == ["reading", "reading", "parsing"]


def test_the_worker_waits_a_frame_only_before_the_parser_holds_the_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm start reads and is done: waiting there only delayed the calendar."""
    waits: list[str] = []

    class Calls:
        def call_from_thread(self, _callback: object, *_args: Any) -> None:
            pass

    monkeypatch.setattr(LoadingScreen, "app", property(lambda _screen: Calls()))
    screen = LoadingScreen(tmp_path / "big.toml", living_of=lambda _loaded: None)  # type: ignore[arg-type,return-value]
    monkeypatch.setattr(loading.time, "sleep", lambda _seconds: waits.append(screen.stage))
    for stage in ["reading", "reading", "parsing", "parsing", "checking", "indexing"]:
        screen.progress(stage, 0, 1)
    assert waits == ["parsing"]


async def test_the_loading_screen_lets_go_of_the_load_and_a_failed_finish_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.toml"
    path.write_text(BASE, encoding="utf-8")
    real = loading.load_calendar

    def load(path: Path, on_progress: Any = None, finish_later: Any = None) -> Any:
        def finish() -> list[Any]:
            raise OSError("the disk went away")

        finish_later(finish)
        return real(path)

    monkeypatch.setattr(loading, "load_calendar", load)
    app = DiplocalApp(None, path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        # Not `app.screen` at once: a small file may be loaded (the main screen pushed)
        # before the test looks, and the assertion failing then tore the app down while
        # the main screen mounted (the NoMatches '#days' of issue 19).
        await until(lambda: main_shown(app), seconds=30)
        (first,) = [s for s in app.screen_stack if isinstance(s, LoadingScreen)]
        assert first.finish is None  # it stays below the main screen: it keeps nothing
        said = "The warnings of this file could not be found: the disk went away"
        await until(lambda: any(said in str(n.message) for n in app._notifications), seconds=30)
        await pilot.press("q")


async def test_the_header_says_while_the_warnings_are_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.toml"
    path.write_text(tomli_w.dumps(make_calendar(300, dst_gaps=3)), encoding="utf-8")
    real = loading.load_calendar
    release = threading.Event()

    def load(path: Path, on_progress: Any = None, finish_later: Any = None) -> Any:
        def held() -> None:
            finish_later(lambda: release.wait(30) and later[0]())

        later: list[Any] = []
        loaded = real(path, finish_later=later.append)
        held()
        return loaded

    monkeypatch.setattr(loading, "load_calendar", load)
    app = DiplocalApp(None, path=path)
    async with app.run_test(size=(160, 30)) as pilot:
        await until(lambda: main_shown(app), seconds=30)
        screen = main_screen(app)
        header = screen.query_one("#header")
        await until(lambda: "looking for warnings" in str(header.render()), seconds=30)
        await pilot.press("w")
        await pushed(app, TextModal)
        assert "Still looking for warnings" in shown(app, "#text-body")
        await pilot.press("escape")
        release.set()
        await until(lambda: "warnings (w)" in str(header.render()), seconds=30)
        assert not screen.living.looking and screen.living.warnings
        await pilot.press("q")
