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
from datetime import UTC, date, datetime, timedelta, tzinfo

from tui.core.event_order import moment, start_instant, venue_zone
from tui.core.model import Event, Status
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
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


def first_instant(event: Event) -> datetime:
    """The instant an event begins: its start, or the venue's midnight of its first date."""
    return start_instant(event.start, venue_zone(event))


def last_instant(event: Event) -> datetime:
    """The instant an event is over: its end (its start when no end was given), or the
    venue's midnight after its last date."""
    end = event.end
    if isinstance(end, datetime):
        return end
    return start_instant(end + timedelta(days=1), venue_zone(event))


def under_way(event: Event, now: datetime) -> bool:
    """Whether a timed event with a start and an end is going on at ``now``."""
    start, end = event.start, event.end
    return isinstance(start, datetime) and isinstance(end, datetime) and start <= now < end


def find_now(
    index: CalendarIndex,
    chosen: Sequence[Event],
    mode: ZoneMode,
    local: tzinfo,
    now: datetime,
) -> NowPoint:
    """The day and event for ``now`` among ``chosen`` (the filtered events), in ``mode``."""
    days = index.days(mode, local)
    # Cancelled events are no destination, unless nothing else is left.
    listed = [e for e in chosen if e.status is not Status.CANCELLED] or list(chosen)
    if not listed:
        return NowPoint(None, None, None)

    def day_of(event: Event) -> date:
        shown = days.of_event[index.position[event.id]]
        today = now.astimezone(days_zone(index, mode, local)).date()
        return today if today in shown else shown[0]

    begin = min(listed, key=first_instant)
    finish = max(reversed(listed), key=last_instant)  # the last listed of the last ones
    if now < first_instant(begin):
        return NowPoint(
            day_of(begin), begin.id, None, f"starts {relative(first_instant(begin), now)}"
        )
    if now >= last_instant(finish):
        return NowPoint(
            day_of(finish), finish.id, None, f"ended {relative(last_instant(finish), now)}"
        )
    going = [e for e in listed if under_way(e, now)]
    if going:  # the latest to start is the one most likely in front of the viewer
        current = max(going, key=first_instant)
        return NowPoint(day_of(current), current.id, Now.UNDER_WAY)
    upcoming = [(at, n) for n, e in enumerate(listed) if (at := moment(e)) and at >= now]
    if upcoming:
        following = listed[min(upcoming)[1]]
        return NowPoint(day_of(following), following.id, Now.NEXT)
    # Only events without a moment (all day, time not announced) remain: today's first.
    today = now.astimezone(days_zone(index, mode, local)).date()
    later = [e for e in listed if max(days.of_event[index.position[e.id]]) >= today]
    target = later[0] if later else finish
    return NowPoint(day_of(target), target.id, Now.NEXT)


def today_in(index: CalendarIndex, mode: ZoneMode, local: tzinfo, now: datetime) -> date:
    """The date at ``now`` in the zone whose days ``mode`` lists."""
    return now.astimezone(days_zone(index, mode, local)).date()


def now_column(timeline: Timeline, painting: Painting, now: datetime) -> int | None:
    """The column of the now line on a painted timeline, or None when ``now`` is not on
    the axis's span or falls outside the shown window's columns."""
    if not timeline.start <= now <= timeline.end:
        return None
    at = column(timeline.fraction(now), painting.width, painting.label_width, painting.window)
    return at if painting.label_width <= at < painting.width else None
