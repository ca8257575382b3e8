"""`diplocal diff OLD NEW`: exit 0 same, 1 different, 2 bad usage or an unloadable calendar."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASE, DATA, WriteCalendar
from tui.cli import main

SAMPLE = DATA / "sample.toml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_same_calendar_is_exit_0_and_silent(write_calendar: WriteCalendar) -> None:
    other = write_calendar("# reformatted\n" + BASE, name="other.toml")
    assert run("diff", str(write_calendar()), str(other)) == (0, "", "")


def test_every_kind_in_order_with_old_and_new(write_calendar: WriteCalendar) -> None:
    new = (
        BASE.replace("T11:00:00", "T12:00:00")
        .replace('kind = "summit"', 'kind = "summit"\nstatus = "cancelled"')
        .replace('title = "Test summit"', 'title = "Summit week"')
        + '\n[[events]]\nid = "dinner"\ntitle = "Dinner"\nstart = 2025-10-09T19:00:00\n'
    )
    code, out, err = run("diff", str(write_calendar()), str(write_calendar(new, name="new.toml")))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        'added dinner "Dinner": start 2025-10-09 19:00 Asia/Dushanbe',
        'cancelled summit "Summit": status confirmed → cancelled',
        'moved talks "Talks": start 2025-10-09 11:00 Asia/Dushanbe'
        " → 2025-10-09 12:00 Asia/Dushanbe",
        # The calendar's id is a slug of its title when the file gives none.
        'changed calendar:summit-week "Summit week": title Test summit → Summit week; '
        "id test-summit → summit-week",
    ]


def test_json_shape(write_calendar: WriteCalendar) -> None:
    removed = BASE[: BASE.index('[[events]]\nid = "summit"')]
    old, new = write_calendar(), write_calendar(removed, name="new.toml")
    code, out, _ = run("diff", str(old), str(new), "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "old": str(old),
        "new": str(new),
        "same": False,
        "changes": [
            {
                "kind": "removed",
                "subject": "event",
                "id": "summit",
                "title": "Summit",
                "start": "2025-10-10",
                "fields": [],
            }
        ],
    }


def test_json_when_the_same(write_calendar: WriteCalendar) -> None:
    path = str(write_calendar())
    code, out, _ = run("diff", path, path, "--format", "json")
    assert code == 0
    assert json.loads(out)["same"] is True and json.loads(out)["changes"] == []


def test_unloadable_calendars_are_exit_2_with_every_located_error(
    write_calendar: WriteCalendar,
) -> None:
    old = write_calendar(BASE.replace('host = "TJ"', 'host = "XX"'), name="old.toml")
    new = write_calendar("[calendar\n", name="new.toml")
    code, out, err = run("diff", str(old), str(new))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"{old}:") and ": error: " in lines[0]
    assert lines[-1].startswith(f"{new}:1:") and "TOML syntax" in lines[-1]
    assert "Traceback" not in err


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("diff", str(SAMPLE), str(tmp_path / "gone.toml"))
    assert (code, err) == (2, f"{tmp_path / 'gone.toml'}: error: no such file\n")


@pytest.mark.parametrize(
    "argv",
    [["diff"], ["diff", str(SAMPLE)], ["diff", str(SAMPLE), str(SAMPLE), "--format", "xml"]],
)
def test_bad_usage_is_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(*argv)
    assert code == 2
    assert "Traceback" not in err + capsys.readouterr().err


def test_diff_never_touches_the_calendars(write_calendar: WriteCalendar) -> None:
    old = write_calendar()
    new = write_calendar(BASE.replace("T11:00:00", "T12:00:00"), name="new.toml")
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in (old, new)]
    assert run("diff", str(old), str(new))[0] == 1
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in (old, new)] == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["cal.toml", "new.toml"]


@pytest.mark.slow
def test_installed_command(write_calendar: WriteCalendar) -> None:
    new = write_calendar(BASE.replace('title = "Talks"', 'title = "Talks 2"'), name="n.toml")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "diff", str(write_calendar()), str(new)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == 'changed talks "Talks 2": title Talks → Talks 2\n'
