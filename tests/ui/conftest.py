"""Apps on fixed calendars, with a fixed viewer zone and clock, for Pilot and snapshot tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

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


@pytest.fixture(autouse=True)
def press_lands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's ``press`` also waits for the keys the app holds back.

    Pilot waits until Textual's message queues have worked through a key. The app hands a
    key on only once the key before it has landed (tui/ui/typed_ahead.py), from a task of
    its own that Pilot does not see: on a loaded machine ``press`` returned while the last
    keys were still held, and the test read the screen before they had done anything.
    """
    press = Pilot.press

    async def press_and_land(pilot: Pilot[object], *keys: str) -> None:
        await press(pilot, *keys)
        ahead = getattr(pilot.app, "typed_ahead", None)
        if ahead is None or not (ahead._busy or ahead._held):
            return
        deadline = time.monotonic() + 60.0  # only reached when a key never lands
        while (ahead._busy or ahead._held) and pilot.app.is_running:
            assert time.monotonic() < deadline, f"keys held for a minute: {list(ahead._held)}"
            await asyncio.sleep(0.01)
        if pilot.app.is_running:
            await pilot.pause()

    monkeypatch.setattr(Pilot, "press", press_and_land)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here drives the app: marked `ui` (`pytest -m "not ui"` runs the core alone),
    and the monkey tests `monkey` as well."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.ui)
            if item.path.name == "test_monkey.py":
                item.add_marker(pytest.mark.monkey)
