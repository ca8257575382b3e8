"""The living calendar's warnings of a large file: looked for after its events are shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tui.core.errors import Diagnostic, Severity
from tui.core.living.versions import start, updated, with_warnings
from tui.core.loading.load import Loaded, bundled_calendar, load_calendar

NOW = datetime(2026, 11, 28, tzinfo=UTC)
WARNING = Diagnostic("cal.toml", 3, 1, '"putin" is in two events at once', Severity.WARNING)


def test_warnings_found_later_reach_the_version_they_belong_to_only() -> None:
    calendar = load_calendar(bundled_calendar()).calendar
    looking = replace(start(Loaded(calendar, []), None, NOW), looking=True)
    found = with_warnings(looking, calendar, [WARNING])
    assert found.warnings == (str(WARNING),) and not found.looking
    # A reload showed another version meanwhile: it came with its own warnings.
    other = replace(calendar, title="Retitled")
    reloaded = updated(looking, Loaded(other, []), NOW)
    assert not reloaded.looking
    assert with_warnings(reloaded, calendar, [WARNING]) is reloaded
