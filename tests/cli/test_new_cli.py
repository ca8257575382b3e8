"""`diplocal new`: a valid empty calendar, never over an existing file; empty calendars load."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import BASE
from tui.cli import main
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.present.screenful import present
from tui.core.present.state import Browse
from tui.core.views.index import CalendarIndex
from tui.core.zones import get_zone


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("title", "extra", "calendar_id"),
    [
        ("Putin in Uzbekistan", [], "putin-in-uzbekistan"),
        ('A "quoted"\ntitle [bold]x[/]', ["--id", "quoted"], "quoted"),
        ("Визит в Ташкент", [], "calendar"),
    ],
)
def test_new_writes_a_calendar_check_accepts(
    tmp_path: Path, title: str, extra: list[str], calendar_id: str
) -> None:
    path = tmp_path / "visit.toml"
    code, out, err = run("new", str(path), "--title", title, "--timezone", "Asia/Tashkent", *extra)
    assert (code, out, err) == (0, "", f"{path}: wrote a new calendar with no events\n")
    assert run("check", str(path)) == (
        0,
        f"{path}: ok: 0 events, 0 participants, 0 countries\n",
        "",
    )
    calendar = load_calendar(path).calendar
    assert (calendar.title, calendar.id, calendar.timezone) == (title, calendar_id, "Asia/Tashkent")


def test_an_empty_calendar_presents_an_empty_screen(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    assert run("new", str(path), "--title", "Empty", "--timezone", "UTC")[0] == 0
    index = CalendarIndex(load_calendar(path).calendar)
    index.build()
    screen = present(index, Browse(), get_zone("UTC"), datetime(2025, 1, 1, tzinfo=UTC))
    assert screen.rows == () and screen.days == () and screen.selection is None
    assert screen.empty_reason != ""
    assert run("agenda", str(path)) == (0, "No events match.\n", "")


def test_new_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "visit.toml"
    path.write_text("precious", encoding="utf-8")
    code, _, err = run("new", str(path), "--title", "X", "--timezone", "UTC")
    assert (code, err) == (1, f"{path}: error: already exists; not overwriting it\n")
    assert path.read_text(encoding="utf-8") == "precious"


def test_new_into_a_missing_folder_is_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "visit.toml"
    code, _, err = run("new", str(path), "--title", "X", "--timezone", "UTC")
    assert code == 1 and err.startswith(f"{path}: error: cannot write: ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--title", "X", "--timezone", "Asia/Tashkentt"], 'did you mean "Asia/Tashkent"'),
        (["--title", "  ", "--timezone", "UTC"], "the title must not be empty"),
        (["--title", "X", "--timezone", "UTC", "--id", "Bad Id"], "must match"),
        (["--timezone", "UTC"], "the following arguments are required: --title"),
        (["--title", "X"], "the following arguments are required: --timezone"),
    ],
)
def test_new_usage_mistakes_are_exit_2(
    tmp_path: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "visit.toml"
    code, _, err = run("new", str(path), *argv)
    err += capsys.readouterr().err  # argparse writes its own usage errors to sys.stderr
    assert code == 2 and message in err and "Traceback" not in err
    assert not path.exists()


def without_a_terminal(folder: Path, name: str) -> subprocess.CompletedProcess[str]:
    """`diplocal NAME < /dev/null` in ``folder``, in a process of its own, outside any
    textual-serve tab; it fails if Textual was imported."""
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main([{name!r}])\n"
        "assert 'textual' not in sys.modules\n"
        "sys.exit(status)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
        env={k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"},
        timeout=120,  # bounded: before, it waited for a key forever
    )


def test_a_missing_file_without_a_terminal_says_how_to_make_it(tmp_path: Path) -> None:
    """`diplocal FILE < /dev/null` for a missing FILE: no one can answer "create it?", so
    it says so with the command that makes one, exits 1 and writes nothing. It opened the
    question and waited for keys that could never come."""
    result = without_a_terminal(tmp_path, "my visit.toml")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "my visit.toml: error: no such file; to make one there: "
        "diplocal new 'my visit.toml' --title TITLE --timezone ZONE\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_app_without_a_terminal_says_so_and_where_the_text_is(tmp_path: Path) -> None:
    """`diplocal events.toml < /dev/null` (a cron job, a pipe): no key could ever reach the
    app, which waited forever. It says so, names the text commands, exits 2, before
    Textual is imported. textual-serve's tabs have their own driver and are let through."""
    shutil.copyfile(bundled_calendar(), tmp_path / "events.toml")
    result = without_a_terminal(tmp_path, "events.toml")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "diplocal: error: standard input is not a terminal, so the app cannot read keys; "
        "for the schedule as text: diplocal agenda events.toml\n"
    )


def test_declining_the_new_calendar_says_which_name_was_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.ui.startup.new_calendar_app import NewCalendarApp

    asked: list[tuple[str, ...]] = []

    def decline(app: NewCalendarApp) -> bool:
        asked.append(app.near)
        return False

    monkeypatch.setattr(NewCalendarApp, "run", decline)
    monkeypatch.setattr("tui.cli._keys_reach_the_app", lambda: True)  # as in a terminal
    (tmp_path / "events.toml").write_text(BASE, encoding="utf-8")
    typo = tmp_path / "evnets.toml"
    code, _, err = run(str(typo))
    assert code == 1 and asked == [("events.toml",)]
    assert err == f'{typo}: no calendar written (did you mean "events.toml"?)\n'
