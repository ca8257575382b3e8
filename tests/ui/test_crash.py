"""A crash in the running TUI: `diplocal` exits non-zero with one line naming the report.

The app runs headless through the real command line (`tui.cli.main`); an autopilot presses
`?` and the help action, patched to fail, raises inside the running app.
"""

from __future__ import annotations

import gc
import io
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import SAMPLE
from tui.cli import main
from tui.cli.output import EXIT_OK
from tui.ui.app import DiplocalApp
from tui.ui.main.main_screen import MainScreen


class Boom(RuntimeError):
    """The failure the test plants."""


def run_headless(monkeypatch: pytest.MonkeyPatch, press: str) -> None:
    """Make ``DiplocalApp.run`` headless at 120x36, pressing ``press`` once it is up."""
    real_run = DiplocalApp.run

    async def autopilot(pilot: Pilot[None]) -> None:
        await pilot.press(press)
        await pilot.pause()
        pilot.app.exit()  # reached only when nothing crashed

    def headless_run(app: DiplocalApp, **_: Any) -> None:
        real_run(app, headless=True, size=(120, 36), auto_pilot=autopilot)

    monkeypatch.setattr(DiplocalApp, "run", headless_run)
    # The autopilot's keys reach the app without a terminal on standard input.
    monkeypatch.setattr("tui.cli._keys_reach_the_app", lambda: True)


def test_crash_exits_non_zero_with_one_line_and_a_private_report(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def fail(_screen: MainScreen) -> None:
        raise Boom("planted by the test")

    monkeypatch.setattr(MainScreen, "action_help", fail)
    run_headless(monkeypatch, "question_mark")
    out, err = io.StringIO(), io.StringIO()

    code = main([str(SAMPLE)], stdout=out, stderr=err)

    assert code not in (EXIT_OK, None)
    lines = err.getvalue().splitlines()
    assert len(lines) == 1, lines
    crashed = "diplocal: error: the terminal UI crashed; the full traceback is in "
    assert lines[0].startswith(crashed)
    report = Path(lines[0].rsplit(" ", 1)[1])
    assert report.parent == tmp_path / "state" / "diplocal"
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "Boom: planted by the test" in text
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    captured = capsys.readouterr()  # Textual printed no traceback of its own either
    assert "Traceback" not in captured.err + captured.out and "Boom" not in captured.err


def test_a_clean_quit_exits_zero(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    run_headless(monkeypatch, "z")
    err = io.StringIO()
    assert main([str(SAMPLE)], stdout=io.StringIO(), stderr=err) == EXIT_OK
    assert err.getvalue() == ""
    # The state folder holds the baseline for the changes, and no crash report.
    assert not list((tmp_path / "state").rglob("diplocal-crash-*"))


def test_report_of_a_failed_worker_holds_the_original_traceback(tmp_path: Path) -> None:
    """Textual's WorkerFailed does not chain the worker's error; the report shows it."""
    from textual.worker import WorkerFailed

    from tui.core.system.crash import write_crash_report

    try:
        raise Boom("inside the worker")
    except Boom as inner:
        failed = WorkerFailed(inner)
    report = write_crash_report(failed)
    assert report is not None
    text = report.read_text(encoding="utf-8")
    assert "WorkerFailed" in text and "Boom: inside the worker" in text
    assert 'raise Boom("inside the worker")' in text


def test_a_crash_before_the_first_frame_leaves_the_collector_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The app holds the cyclic collector until its first frame; a start that crashes
    before drawing one must still hand it back, or the process runs on without it."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def fail(_screen: MainScreen) -> None:
        raise Boom("planted by the test")

    monkeypatch.setattr(MainScreen, "on_mount", fail)
    run_headless(monkeypatch, "question_mark")

    code = main([str(SAMPLE)], stdout=io.StringIO(), stderr=io.StringIO())

    assert code not in (EXIT_OK, None)
    assert gc.isenabled()
