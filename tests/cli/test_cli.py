"""The command line: exit codes, the FILE:LINE:COL format, output, and no tracebacks."""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from tests.conftest import BASE, DATA, ROOT, WriteCalendar
from tui.cli import main
from tui.core.loading.load import bundled_calendar

SAMPLE = DATA / "sample.toml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_check_ok() -> None:
    code, out, err = run("check", str(SAMPLE))
    assert (code, err) == (0, "")
    assert out == f"{SAMPLE}: ok: 7 events, 4 participants, 4 countries\n"


def test_check_bad_calendar_lists_every_error(write_calendar: WriteCalendar) -> None:
    path = write_calendar(BASE.replace('host = "TJ"', 'host = "XX"').replace("kind = ", "knd = "))
    code, out, err = run("check", str(path))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{path}:") and ": error: " in line for line in lines)
    assert "Traceback" not in err


NOT_TOML_BLANK = "is not whitespace in TOML (only space and tab are)"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "1:1: error: the file is empty: a calendar needs [calendar]"),
        (" \t\r\n\n", "1:1: error: the file is empty: a calendar needs [calendar]"),
        ("\f", f"1:1: error: TOML syntax: a form feed (U+000C) {NOT_TOML_BLANK}"),
        ("\v", f"1:1: error: TOML syntax: a vertical tab (U+000B) {NOT_TOML_BLANK}"),
        (" \n\t\f\n", f"2:2: error: TOML syntax: a form feed (U+000C) {NOT_TOML_BLANK}"),
        ("\r", f"1:1: error: TOML syntax: a carriage return (U+000D) without a line feed "
         f"{NOT_TOML_BLANK}"),
        ("\u2028", f"1:1: error: TOML syntax: the character U+2028 {NOT_TOML_BLANK}"),
    ],
)  # fmt: skip
def test_only_what_toml_calls_whitespace_is_an_empty_file(
    write_calendar: WriteCalendar, text: str, said: str
) -> None:
    """A form feed or a vertical tab is blank to Python's str.strip(), not to TOML: such a
    file is invalid TOML, located, in `check` and when the TUI starts (before it opens)."""
    path = write_calendar(text)
    for argv in (["check", str(path)], [str(path)]):
        code, out, err = run(*argv)
        assert (code, out, err) == (1, "", f"{path}:{said}\n")


def test_check_warning_keeps_exit_zero(write_calendar: WriteCalendar) -> None:
    extra = (
        '\n[[events]]\nid = "x"\ntitle = "X"\n'
        'start = 2025-10-09T12:00:00\nparticipants = ["putin"]\n'
    )
    code, _, err = run("check", str(write_calendar(BASE + extra)))
    assert code == 0
    assert ": warning: " in err


def test_missing_file_is_exit_1(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "missing.toml"))
    assert (code, err) == (1, f"{tmp_path / 'missing.toml'}: error: no such file\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["export", str(SAMPLE), "--format", "pdf"],
        ["export", str(SAMPLE), "--country", "Narnia"],
        ["agenda", str(SAMPLE), "--tz", "Mars/Base"],
        ["check", "--bogus"],
        ["export", str(SAMPLE), "--participant", "nobody"],
    ],
)
def test_usage_errors_are_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(*argv)
    assert code == 2
    assert "Traceback" not in err + capsys.readouterr().err


def test_unknown_country_lists_the_known_ones() -> None:
    _, _, err = run("agenda", str(SAMPLE), "--country", "Narnia")
    assert err.startswith('diplocal: error: unknown country "Narnia"; known: TJ (Tajikistan)')


def test_country_and_participant_by_unambiguous_prefix() -> None:
    bundled = str(bundled_calendar())
    code, out, err = run("agenda", bundled, "--country", "Kazakh", "--tz", "UTC")
    assert code == 0 and "error" not in err
    assert "Putin and Tokayev meet" in out and "Putin and Aliyev meet" not in out
    code, out, err = run("export", bundled, "--participant", "Lukash", "--format", "toml")
    assert code == 0 and "error" not in err
    assert "[participants.lukashenko]" in out and "Putin and Aliyev meet" not in out


def test_ambiguous_prefix_is_exit_2_listing_the_candidates() -> None:
    code, out, err = run("agenda", str(bundled_calendar()), "--country", "K")
    assert (code, out) == (2, "")
    assert err.startswith('diplocal: error: ambiguous country "K": it may be ')
    assert "Kazakhstan (KZ)" in err and "Kyrgyzstan (KG)" in err
    code, _, err = run("export", str(bundled_calendar()), "--participant", "p")
    assert code == 2 and "Nikol Pashinyan (pashinyan)" in err and "Traceback" not in err


def test_export_ics_to_stdout_filters_by_country() -> None:
    code, out, _ = run("export", str(SAMPLE), "--country", "germany")
    assert code == 0
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(out).walk("VEVENT")]
    assert uids == ["berlin-dinner@test-season", "winter@test-season"]


def test_export_to_file_then_check_it(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    code, _, err = run("export", str(SAMPLE), "-o", str(target), "--participant", "Rakhmon")
    assert code == 0 and "wrote 4 events (toml)" in err
    assert run("check", str(target))[0] == 0


def test_export_into_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "out.ics"
    code, _, err = run("export", str(SAMPLE), "-o", str(target))
    assert code == 1
    assert err.startswith(f"{target}: error: cannot write")


def test_failed_export_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.ics"
    target.write_text("precious")

    def broken(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    code, _, err = run("export", str(SAMPLE), "-o", str(target))
    assert code == 1 and "No space left" in err
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]


def test_agenda_in_utc() -> None:
    code, out, _ = run("agenda", str(SAMPLE), "--tz", "utc", "--country", "RU")
    assert code == 0
    assert out.splitlines()[:4] == [
        "Times in UTC",
        "",
        "Wednesday 8 October 2025",
        # The time column is as wide as its widest entry, 'all day to Sat 11 Oct'.
        f"  {'all day':<21}  ⚖ ICC  Arrival · travel @ Dushanbe airport · Putin, Rahmon (RU, TJ)",
    ]
    talks = "≈06:00\u2013≈08:30"
    assert f"  {talks:<21}  ⚖ ICC  Talks in Dushanbe" in out


def test_agenda_shows_hostile_text_literally() -> None:
    _, out, _ = run("agenda", str(SAMPLE))
    assert "[bold]x[/] [@click=app.quit]q[/] [red [CANCELLED]" in out


def test_broken_calendar_never_opens_the_tui(write_calendar: WriteCalendar) -> None:
    path = write_calendar(BASE.replace('host = "TJ"', 'host = "XX"'))
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main([{str(path)!r}])\n"
        "assert 'textual' not in sys.modules\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    line = BASE[: BASE.index('host = "TJ"')].count("\n") + 1
    assert (
        result.stderr == f'{path}:{line}:8: error: unknown country "XX": not a key of [countries]\n'
    )


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--help")[0] == 0
    assert "diplocal [CALENDAR]" in capsys.readouterr().out
    assert run("export", "--help")[0] == 0
    assert "--country CODE" in capsys.readouterr().out
    assert run("--version")[0] == 0
    assert capsys.readouterr().out.startswith("diplocal 0.")


def test_the_overview_names_every_option_of_a_command_or_says_options() -> None:
    """`diplocal --help` gives each command with a line of its own every option, or ends
    it with [options]: a warning that says "use --to" must find --to there."""
    from tui.cli.parser import build_parser, build_tui_parser

    usage = build_tui_parser().format_usage()
    lines: dict[str, str] = {}
    for line in usage.splitlines():
        words = line.split()
        if "diplocal" in words and len(words) > words.index("diplocal") + 1:
            name = words[words.index("diplocal") + 1]
            lines[name] = line
        elif words and lines:  # a continuation of the command above
            last = next(reversed(lines))
            lines[last] += line
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, line in lines.items():
        if name not in commands.choices or line.rstrip().endswith("[options]"):
            continue
        parser = commands.choices[name]
        options = {o for a in parser._actions for o in a.option_strings if o.startswith("--")}
        missing = sorted(o for o in options - {"--help"} if not re.search(rf"{o}\b", line))
        assert missing == [], (name, missing)
    assert "[--from DATE] [--to DATE]" in usage


def test_core_commands_never_import_textual() -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"main(['check', {str(SAMPLE)!r}])\n"
        f"main(['agenda', {str(SAMPLE)!r}])\n"
        f"main(['export', {str(SAMPLE)!r}, '-o', '-'])\n"
        "import tui.core.loading.load, tui.core.export.ical, tui.core.export.toml_calendar\n"
        "import tui.core.views.agenda_text\n"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_installed_command_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "diplocal"
    result = subprocess.run(
        [str(script), "check", str(tmp_path / "x.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'x.toml'}: error: no such file\n"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "ok: 17 events, 9 participants, 9 countries" in result.stdout


@pytest.mark.slow
def test_broken_pipe_is_quiet() -> None:
    result = subprocess.run(
        f"{sys.executable} -m tui export {SAMPLE} | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == "BEGIN:VCAL"
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_wheel_carries_the_bundled_calendar(tmp_path: Path) -> None:
    root = ROOT
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(root),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    import zipfile

    (wheel,) = tmp_path.glob("diplocal-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/events.toml" in names
    assert "tui/core/loading/load.py" in names
