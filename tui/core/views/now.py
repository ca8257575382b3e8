"""Where "now" is in a calendar: the day and event to go to, and the header's words for it.

``find_now`` answers the `.` key and ``diplocal agenda --from now``: the event under way at
an instant, else the next one, on the day it is listed under in the display zone. When the
calendar lies wholly before or after the instant, it says so in words ("starts in 3 days",
"ended 1 year ago", pendulum's wording) and points at the first or last event instead.
``now_column`` places the present on a painted timeline. Plain data: tests fix the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from tui.core.model import Event, Status
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.now_times import first_instant, last_instant, times_of
from tui.core.views.time_words import relative
from tui.core.views.timeline import Timeline
from tui.core.views.timeline_cells import Painting
from tui.core.views.timeline_layout import column
from tui.core.views.whole_visit import Now
from tui.core.zones import get_zone


@dataclass(frozen=True, slots=True)
class NowPoint:
    """Where to go for "now".

    ``day`` and ``event_id`` are None only for a calendar with no events to show.
    ``relation`` is None when the instant lies outside the calendar; ``outside`` then says
    how far ("starts in 3 days", "ended 1 year ago"), and is '' while the calendar is on.
    """

    day: date | None
    event_id: str | None
    relation: Now | None
    outside: str = ""


def days_zone(index: CalendarIndex, mode: ZoneMode, local: tzinfo) -> tzinfo:
    """The zone whose midnights bound the days listed in ``mode`` (venue: the calendar's)."""
    if mode is ZoneMode.UTC:
        return UTC
    return local if mode is ZoneMode.LOCAL else get_zone(index.calendar.timezone)


def find_now(
    index: CalendarIndex,
    chosen: Sequence[Event],
    mode: ZoneMode,
    local: tzinfo,
    now: datetime,
) -> NowPoint:
    """The day and event for ``now`` among ``chosen`` (the filtered events), in ``mode``."""
    events, position = index.calendar.events, index.position
    positions = [position[e.id] for e in chosen]
    # Cancelled events are no destination, unless nothing else is left.
    live = [n for n in positions if events[n].status is not Status.CANCELLED] or positions
    if not live:
        return NowPoint(None, None, None)
    of_event = index.days(mode, local).of_event
    today = now.astimezone(days_zone(index, mode, local)).date()

    def point(n: int, relation: Now | None, outside: str = "") -> NowPoint:
        shown = of_event[n]
        return NowPoint(today if today in shown else shown[0], events[n].id, relation, outside)

    times, at = times_of(index), now.timestamp()
    begin = min(live, key=times.first.__getitem__)
    finish = max(reversed(live), key=times.last.__getitem__)  # the last listed of the last
    if at < times.first[begin]:
        return point(begin, None, f"starts {relative(first_instant(events[begin]), now)}")
    if at >= times.last[finish]:
        return point(finish, None, f"ended {relative(last_instant(events[finish]), now)}")
    first, end = times.first, times.end
    going = [n for n in live if first[n] <= at < end[n]]
    if going:  # the latest to start is the one most likely in front of the viewer
        return point(max(going, key=first.__getitem__), Now.UNDER_WAY)
    moments = times.moment
    upcoming = [(m, n) for n in live if (m := moments[n]) >= at]  # nan (no moment): never
    if upcoming:
        return point(min(upcoming)[1], Now.NEXT)
    # Only events without a moment (all day, time not announced) remain: today's first.
    later = [n for n in live if max(of_event[n]) >= today]
    return point(later[0] if later else finish, Now.NEXT)


def now_column(timeline: Timeline, painting: Painting, now: datetime) -> int | None:
    """The column of the now line on a painted timeline, or None when ``now`` is not on
    the axis's span or falls outside the shown window's columns."""
    if not timeline.start.timestamp() <= now.timestamp() <= timeline.end.timestamp():
        return None
    at = column(timeline.fraction(now), painting.width, painting.label_width, painting.window)
    return at if painting.label_width <= at < painting.width else None
