"""Zone names on the command line: any case when only one zone is spelt so; a capital with
no zone of its own is pointed to the zone it is on."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.loading.load import bundled_calendar
from tui.core.zones import find_zone, suggest_zone

BUNDLED = str(bundled_calendar())


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_tz_in_any_case_is_the_zone() -> None:
    code, out, err = run("agenda", BUNDLED, "--tz", "pacific/auckland")
    assert (code, err) == (0, "")
    assert out == run("agenda", BUNDLED, "--tz", "Pacific/Auckland")[1]


def test_a_new_calendar_takes_a_zone_in_any_case_and_writes_it_as_iana_spells_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "visit.toml"
    code, _, err = run("new", str(path), "--title", "Visit", "--timezone", "asia/dushanbe")
    assert code == 0, err
    assert tomllib.loads(path.read_text(encoding="utf-8"))["calendar"]["timezone"] == (
        "Asia/Dushanbe"
    )


def test_astana_is_pointed_to_almaty_not_to_a_similar_spelling(tmp_path: Path) -> None:
    code, _, err = run("new", str(tmp_path / "v.toml"), "--title", "V", "--timezone", "Asia/Astana")
    assert code == 2
    assert 'unknown time zone "Asia/Astana" (did you mean "Asia/Almaty"?)' in err
    code, _, err = run("agenda", BUNDLED, "--tz", "Asia/Astana")
    assert code == 2 and '"Asia/Almaty"' in err and "Qostanay" not in err


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("pacific/auckland", "Pacific/Auckland"),
        ("EUROPE/MOSCOW", "Europe/Moscow"),
        ("Asia/Dushanbe", "Asia/Dushanbe"),
        ("Asia/Astana", None),  # not a zone: only suggested
        ("Dushanbe", None),
    ],
)
def test_find_zone(typed: str, zone: str | None) -> None:
    assert find_zone(typed) == zone


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Asia/Astana", "Asia/Almaty"),
        ("Astana", "Asia/Almaty"),
        ("Asia/Nur-Sultan", "Asia/Almaty"),
        ("europe/moscow", "Europe/Moscow"),
        ("Europe/Moskow", "Europe/Moscow"),
        ("Mars/Olympus", None),
    ],
)
def test_suggest_zone(typed: str, meant: str | None) -> None:
    assert suggest_zone(typed) == meant
