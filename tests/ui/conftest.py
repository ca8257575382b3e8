"""Apps on fixed calendars, with a fixed viewer zone and clock, for Pilot and snapshot tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import DATA
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp

SAMPLE = DATA / "sample.toml"
VIEWER_ZONE = "America/New_York"
NOW = datetime(2025, 10, 9, 9, 0, tzinfo=UTC)  # the morning of the talks, in UTC

MakeApp = Callable[..., DiplocalApp]


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeApp:
    """An app on a calendar (default: the bundled one), exporting into a temporary folder."""
    monkeypatch.chdir(tmp_path)

    def make(path: Path | None = None) -> DiplocalApp:
        calendar = load_calendar(path or bundled_calendar()).calendar
        return DiplocalApp(calendar, local_zone=get_zone(VIEWER_ZONE), clock=lambda: NOW)

    return make


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here drives the app: marked `ui` (`pytest -m "not ui"` runs the core alone),
    and the monkey tests `monkey` as well."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.ui)
            if item.path.name == "test_monkey.py":
                item.add_marker(pytest.mark.monkey)
