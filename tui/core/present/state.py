"""The user's state, what a key press can change, and its transitions: day steps, settling."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, tzinfo
from enum import StrEnum

from tui.core.event_order import clamp
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lanes import LaneMode


class View(StrEnum):
    """What the main pane shows."""

    DAY = "day"  # the chosen day's events as rows
    TIMELINE = "timeline"  # the chosen day as lanes on a time axis
    AGENDA = "agenda"  # every day of the filtered calendar in one list


class SelectionKind(StrEnum):
    """What the details pane is about."""

    EVENT = "event"
    PARTICIPANT = "participant"
    COUNTRY = "country"


@dataclass(frozen=True, slots=True)
class Selection:
    """The one thing whose details are shown."""

    kind: SelectionKind
    key: str


@dataclass(frozen=True, slots=True)
class Browse:
    """The user's state: everything a key press can change about what is shown."""

    filter: Filter = field(default_factory=Filter)
    day: date | None = None
    zone_mode: ZoneMode = ZoneMode.EVENT
    selection: Selection | None = None
    view: View = View.DAY
    lanes_by: LaneMode = LaneMode.PARTICIPANTS
    whole_text: bool = False  # a very long description shown whole, not cut


def settle_day(index: CalendarIndex, browse: Browse, local: tzinfo) -> Browse:
    """After a filter change: leave a day that shows nothing for the next one that does."""
    matches = index.matches(browse.filter, browse.zone_mode, local)
    counts = matches.day_counts
    if not matches.events or browse.day is None or counts.get(browse.day):
        return browse
    days = sorted(day for day, count in counts.items() if count)
    later = [day for day in days if day > browse.day]
    return replace(browse, day=later[0] if later else days[-1])


def step_day(index: CalendarIndex, browse: Browse, local: tzinfo, step: int) -> Browse:
    """``step`` days on from the one shown, stopping at the first and last."""
    days = list(index.by_day(browse.zone_mode, local))
    if not days:
        return browse
    position = days.index(browse.day) if browse.day in days else 0
    return replace(browse, day=days[clamp(position + step, 0, len(days) - 1)])


def nth_day(index: CalendarIndex, browse: Browse, local: tzinfo, number: int) -> date | None:
    """The calendar's day ``number`` (1-based), or None when it has fewer days."""
    days = list(index.by_day(browse.zone_mode, local))
    return days[number - 1] if 1 <= number <= len(days) else None
