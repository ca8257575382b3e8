"""TOML export: self-contained, accepted by check, and a faithful round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT
from tui.core.export.toml_calendar import to_toml
from tui.core.loading.load import load_calendar
from tui.core.model import Calendar
from tui.core.views.filter import Filter
from tui.core.views.index import CalendarIndex

SAMPLE = DATA / "sample.toml"
BUNDLED = ROOT / "events.toml"


@pytest.mark.parametrize("source", [SAMPLE, BUNDLED], ids=["sample", "bundled"])
def test_full_round_trip(source: Path, tmp_path: Path) -> None:
    original = load_calendar(source).calendar
    copy = tmp_path / "copy.toml"
    copy.write_text(to_toml(original), encoding="utf-8")
    again = load_calendar(copy).calendar
    assert again == original


def test_subset_holds_exactly_what_it_references(tmp_path: Path) -> None:
    calendar = load_calendar(SAMPLE).calendar
    index = CalendarIndex(calendar)
    chosen = index.select(Filter(countries=frozenset({"DE"})))
    path = tmp_path / "de.toml"
    path.write_text(to_toml(calendar, chosen), encoding="utf-8")
    subset: Calendar = load_calendar(path).calendar
    assert [e.id for e in subset.events] == ["berlin-dinner", "winter"]
    assert set(subset.participants) == {"scholz", "tokayev"}
    assert set(subset.countries) == {"DE", "KZ"}
    assert subset.events == tuple(e for e in calendar.events if e.id in {"berlin-dinner", "winter"})


def test_hostile_text_survives(tmp_path: Path) -> None:
    calendar = load_calendar(SAMPLE).calendar
    path = tmp_path / "copy.toml"
    path.write_text(to_toml(calendar), encoding="utf-8")
    hostile = next(e for e in load_calendar(path).calendar.events if e.id == "hostile")
    assert hostile.description == "Line one;\nline two, with commas\\ and \x1b[31mESC"
