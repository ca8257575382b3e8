"""Shared fixtures: small calendars written to temporary files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data"

# Hypothesis times each example (200 ms) and its data generation: on CI's two loaded cores a
# starved worker exceeds either now and then, and the run fails with nothing wrong. Speed
# is measured in bench/, not here; a test's own @settings still sets its examples.
settings.register_profile("diplocal", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("diplocal")

# A small valid calendar; bad-calendar tests change one line of it at a time.
BASE = """\
[calendar]
title = "Test summit"
timezone = "Asia/Dushanbe"

[countries.TJ]
name = "Tajikistan"
capital = "Dushanbe"
icc_state_party = true
aliases = ["Republic of Tajikistan"]

[countries.RU]
name = "Russia"
capital = "Moscow"
timezone = "Europe/Moscow"

[participants.putin]
name = "Vladimir Putin"
title = "President of Russia"
country = "RU"
icc_warrant = true

[participants.rahmon]
name = "Emomali Rahmon"
country = "TJ"
aliases = ["Rakhmon"]

[[events]]
id = "talks"
title = "Talks"
kind = "bilateral"
start = 2025-10-09T11:00:00
end = 2025-10-09T13:00:00
host = "TJ"
participants = ["putin", "rahmon"]

[[events]]
id = "summit"
title = "Summit"
kind = "summit"
start = 2025-10-10
participants = ["putin"]
"""

WriteCalendar = Callable[..., Path]


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own calendar cache and state folder, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("DIPLOCAL_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def write_calendar(tmp_path: Path) -> WriteCalendar:
    """Write calendar text (default: BASE) to a file and return its path."""

    def write(text: str = BASE, name: str = "cal.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
