"""The user's state, what a key press can change, and its transitions: day steps, settling.

The screen normalises every state it is given with ``settle`` before asking ``present`` what to
show, so the state is always one the screen can show as it is: nothing flows back from the
presenter's result into the state.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from enum import StrEnum

from tui.core.event_order import clamp
from tui.core.model import Event
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lanes import LaneMode


class View(StrEnum):
    """What the main pane shows."""

    DAY = "day"  # the chosen day's events as rows
    TIMELINE = "timeline"  # the chosen day as lanes on a time axis
    AGENDA = "agenda"  # every day of the filtered calendar in one list
    MONTH = "month"  # a month at a glance: each day with its count of matching events


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
    month_day: date | None = None  # the month view's cursor: any day, with events or not


def settle(index: CalendarIndex, browse: Browse, local: tzinfo) -> Browse:
    """``browse`` made showable: a day the calendar has, and a selection on that day.

    The day is one of the calendar's days (the first when it is gone or not chosen yet;
    None only when there are none). The details follow the day view: an event selection
    stays when its event is shown on the day, else it moves to the day's first event (None
    when the day shows none); a participant or country selection stays while the calendar
    has them. Returns ``browse`` itself when it is settled already.
    """
    by_day = index.by_day(browse.zone_mode, local)
    day = browse.day if browse.day in by_day else next(iter(by_day), None)
    selection = browse.selection
    if selection is not None and not _exists(index, selection):
        selection = None  # a participant or country the file no longer has (a reload)
    if selection is None or selection.kind is SelectionKind.EVENT:
        ids = [event.id for event in shown_on(index, browse, day, local)]
        if selection is None or selection.key not in ids:
            selection = Selection(SelectionKind.EVENT, ids[0]) if ids else None
    if (day, selection) == (browse.day, browse.selection):
        return browse
    return replace(browse, day=day, selection=selection)


def _exists(index: CalendarIndex, selection: Selection) -> bool:
    calendar = index.calendar
    if selection.kind is SelectionKind.PARTICIPANT:
        return selection.key in calendar.participants
    if selection.kind is SelectionKind.COUNTRY:
        return selection.key in calendar.countries
    return True  # an event: kept only while shown on the day, below


def neighbour(index: CalendarIndex, browse: Browse, local: tzinfo, event_id: str) -> str | None:
    """Where the cursor goes when ``event_id`` leaves the day shown (deleted): the event
    after it, else the one before; None when it was alone (or is not shown there)."""
    ids = [event.id for event in shown_on(index, browse, browse.day, local)]
    if event_id not in ids or len(ids) == 1:
        return None
    at = ids.index(event_id)
    return ids[at + 1] if at + 1 < len(ids) else ids[at - 1]


def shown_on(index: CalendarIndex, browse: Browse, day: date | None, local: tzinfo) -> list[Event]:
    """The events the day view shows on ``day``: those that pass the filter, in the day's order."""
    if day is None:
        return []
    day_events = index.by_day(browse.zone_mode, local).get(day, [])
    wanted = index.matches(browse.filter, browse.zone_mode, local).ids
    return day_events if wanted is None else [e for e in day_events if e.id in wanted]


def filtered(index: CalendarIndex, browse: Browse, view: Filter, local: tzinfo) -> Browse:
    """``browse`` under the filter ``view``, on a day that shows something. The details
    follow the list the filter shows: a participant or country stays selected only when
    the filter is by them (enter on them in their list), else the day's event is."""
    return settle_day(index, _following(replace(browse, filter=view)), local)


def _following(browse: Browse) -> Browse:
    """``browse`` with a participant or country selection dropped unless the filter is
    by them (settling then selects the shown day's event)."""
    selection = browse.selection
    if selection is None or selection.kind is SelectionKind.EVENT:
        return browse
    people, countries = browse.filter.participants, browse.filter.countries
    by = people if selection.kind is SelectionKind.PARTICIPANT else countries
    return browse if selection.key in by else replace(browse, selection=None)


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


def toggled_view(browse: Browse, view: View) -> Browse:
    """`t` / `a` / `M`: show ``view``, or the day view when ``view`` is shown. The month
    opens with its cursor on the day shown; the details follow the view's event, not a
    participant or country chosen before."""
    shown = replace(browse, view=View.DAY if browse.view is view else view)
    if shown.view is View.MONTH:
        shown = replace(shown, month_day=browse.day)
    return replace(shown, selection=_event_only(browse.selection))


def other_lanes(browse: Browse) -> Browse:
    """`v`: the timeline, with lanes by the other mode (participants or venues)."""
    lanes = browse.lanes_by
    other = LaneMode.VENUES if lanes is LaneMode.PARTICIPANTS else LaneMode.PARTICIPANTS
    return replace(
        browse, lanes_by=other, view=View.TIMELINE, selection=_event_only(browse.selection)
    )


def _event_only(selection: Selection | None) -> Selection | None:
    """An event selection as it is; None for a participant or country (then settled)."""
    return selection if selection is not None and selection.kind is SelectionKind.EVENT else None


def at_now(index: CalendarIndex, browse: Browse, local: tzinfo, now: datetime) -> Browse:
    """`.`: the day and event under way at ``now`` among the filtered events, else the next
    one (the first or last when the calendar lies wholly after or before ``now``)."""
    from tui.core.views.now import find_now  # it loads the timeline: not for the first frame

    chosen = index.matches(browse.filter, browse.zone_mode, local).events
    point = find_now(index, chosen, browse.zone_mode, local, now)
    if point.day is None or point.event_id is None:
        return browse
    selection = Selection(SelectionKind.EVENT, point.event_id)
    month_day = point.day if browse.view is View.MONTH else browse.month_day
    return replace(browse, day=point.day, selection=selection, month_day=month_day)
