"""A calendar name that names no file suggests the close names beside it."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import run
from tests.conftest import BASE
from tui.core.loading.near_names import near_hint, near_names


def test_a_typo_finds_the_calendar_beside_it(tmp_path: Path) -> None:
    for name in ("events.toml", "notes.txt", "summit.toml"):
        (tmp_path / name).write_text(BASE, encoding="utf-8")
    (tmp_path / "event.toml").mkdir()  # a folder is no calendar
    assert near_names(tmp_path / "evnets.toml") == ["events.toml"]
    assert near_names(tmp_path / "sumit.toml") == ["summit.toml"]
    assert near_names(tmp_path / "budget.toml") == []
    assert near_names(tmp_path / "missing" / "events.toml") == []  # no folder: nothing
    assert near_hint(["a.toml", "b.toml"]) == ' (did you mean "a.toml" or "b.toml"?)'
    assert near_hint([]) == ""


def test_check_names_it_in_the_error(tmp_path: Path) -> None:
    (tmp_path / "events.toml").write_text(BASE, encoding="utf-8")
    code, out, err = run("check", str(tmp_path / "evnets.toml"))
    assert (code, out) == (1, "")
    assert err == f'{tmp_path / "evnets.toml"}: error: no such file (did you mean "events.toml"?)\n'
    assert not (tmp_path / "evnets.toml").exists()
