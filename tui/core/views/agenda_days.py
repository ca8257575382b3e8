"""Which days an agenda prints: ``--from now|DATE --days N`` as plain data.

Days are the display zone's (venue time: the calendar's zone), as the day view lists them.
From a date, the window holds that day and the ``days - 1`` after it. From now, it starts
on today and leaves out the events already over: an event is over when its end has
passed, or, when no end was given, its start (no end is invented); a dated event lasts
to the end of its last day in the venue's zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from tui.core.model import Event
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.now import days_zone
from tui.core.views.now_times import last_instant


@dataclass(frozen=True, slots=True)
class DayWindow:
    """The days an agenda covers. None: from the first day, or to the last."""

    first: date | None = None
    days: int | None = None
    after: datetime | None = None  # from now: events over by then are left out

    def holds(self, day: date) -> bool:
        """Whether ``day`` is in the window."""
        if self.first is not None and day < self.first:
            return False
        return self.days is None or self.first is None or day < self.first + timedelta(self.days)


def window_from_now(
    index: CalendarIndex, mode: ZoneMode, local: tzinfo, now: datetime, days: int | None
) -> DayWindow:
    """The window of ``--from now``: today in the days' zone, events not yet over."""
    today = now.astimezone(days_zone(index, mode, local)).date()
    return DayWindow(today, days, now)


def agenda_days(
    index: CalendarIndex,
    chosen: Sequence[Event],
    mode: ZoneMode,
    local: tzinfo,
    window: DayWindow = DayWindow(),
) -> dict[date, list[Event]]:
    """The window's days that list some of ``chosen``, each with those events in order."""
    wanted = {event.id for event in chosen}
    if window.after is not None:
        after = window.after.timestamp()  # an instant, whatever zone the clock gave it in
        wanted = {event.id for event in chosen if last_instant(event).timestamp() > after}
    return {
        day: shown
        for day, events in index.by_day(mode, local).items()
        if window.holds(day) and (shown := [e for e in events if e.id in wanted])
    }
