"""Progress: the core tells each stage and how far it got; the command line draws a bar
on stderr only when stderr is a terminal and the work is slow."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.cli import main, progress
from tui.cli.progress import TerminalProgress
from tui.core.loading.load import load_calendar

sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text

EVENTS = 5000


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.toml"
    path.write_text(calendar_text(EVENTS, overlaps=0.05), encoding="utf-8")
    return path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_loader_tells_each_stage_in_order(large: Path) -> None:
    told: list[tuple[str, int, int]] = []
    load_calendar(large, on_progress=lambda *report: told.append(report))
    stages = [stage for stage, _, _ in told]
    assert stages == sorted(stages, key=["reading", "parsing", "checking"].index)
    assert set(stages) == {"reading", "parsing", "checking"}
    assert ("parsing", large.stat().st_size, large.stat().st_size) in told
    checking = [(done, total) for stage, done, total in told if stage == "checking"]
    assert checking[0] == (0, EVENTS) and checking[-1] == (EVENTS, EVENTS)
    assert [done for done, _ in checking] == sorted(done for done, _ in checking)
    assert len(checking) > 2  # told along the way, not only at the ends


@pytest.mark.parametrize("command", ["check", "export", "agenda"])
def test_nothing_is_drawn_when_stderr_is_not_a_terminal(
    large: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)  # a terminal would get a bar at once
    stdout, stderr = io.StringIO(), io.StringIO()
    assert main([command, str(large)], stdout, stderr) == 0
    # Only the overlap warnings, each on a line of its own: no bar, no control codes.
    lines = stderr.getvalue().splitlines()
    assert lines and all(": warning: " in line for line in lines)
    assert "\x1b" not in stderr.getvalue()


def test_a_terminal_gets_a_bar_for_slow_work(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    stdout, stderr = io.StringIO(), Terminal()
    assert main(["check", str(large)], stdout, stderr) == 0
    drawn = stderr.getvalue()
    assert "checking" in drawn and "\x1b" in drawn
    # The warnings come after the bar is gone, as whole lines.
    after_bar = drawn.splitlines()[-1]
    assert ": warning: " in after_bar
    assert stdout.getvalue().startswith(f"{large}: ok: {EVENTS} events")


def test_a_terminal_gets_no_bar_for_quick_work() -> None:
    now = [0.0]
    stream = Terminal()
    bar = TerminalProgress(stream, delay=1.0, clock=lambda: now[0])
    bar("reading", 0, 1)
    bar("parsing", 0, 1000)
    now[0] = 0.5
    bar("checking", 10, 10)
    bar.close()
    assert stream.getvalue() == ""
    now[0] = 1.5
    bar("checking", 5, 10)
    assert bar.bar is not None
    bar.close()
    assert "checking" in stream.getvalue()


def test_a_large_parse_gets_a_bar_at_once() -> None:
    stream = Terminal()
    bar = TerminalProgress(stream, delay=60.0)
    bar("parsing", 0, progress.SLOW_SIZE)
    assert bar.bar is not None
    bar.close()


def test_rich_is_not_imported_for_a_check_into_a_pipe(large: Path) -> None:
    code = (
        "import sys; from tui.cli import main; "
        f"main(['check', {str(large)!r}]); "
        "print('rich' in sys.modules, file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stderr.splitlines()[-1] == "False"
