"""An export can be stopped part-way: ``check`` is called as events are written."""

from __future__ import annotations

import pytest

from tui.core.export import ical
from tui.core.export.formats import ExportFormat, export_bytes
from tui.core.loading.load import bundled_calendar, load_calendar


class Stop(Exception):
    pass


def test_check_is_called_and_may_stop_the_export(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ical, "CHECK_EVERY", 1)
    calendar = load_calendar(bundled_calendar()).calendar
    calls: list[int] = []
    ical.to_icalendar(calendar, check=calls.append)
    # The number written so far: the dialog's progress bar shows it.
    assert calls == list(range(len(calendar.events)))

    def stop(written: int) -> None:
        if len(calls) > len(calendar.events) + 2:
            raise Stop
        calls.append(1)

    with pytest.raises(Stop):
        export_bytes(calendar, calendar.events, ExportFormat.ICS, check=stop)
