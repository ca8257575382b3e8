"""When each event begins and is over, as numbers, and the header's words when the whole
calendar lies before or after now. Kept apart from ``now`` so the first frame's header needs
neither the timeline nor the whole visit (``now`` imports both).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import inf, nan
from weakref import WeakKeyDictionary

from tui.core.event_order import moment, start_instant, venue_zone
from tui.core.model import Event, Status
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import relative


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


@dataclass(frozen=True, slots=True)
class _Times:
    """Position -> POSIX timestamps: when each event begins and is over, the moment it is
    ordered by (nan: none, so no comparison holds), and the end that makes it "under way"
    (-inf: never). Arrays of C doubles: 8 bytes a value, where a list of floats took 32."""

    first: array[float]
    last: array[float]
    moment: array[float]
    end: array[float]


# Built once per index: `.` at 10,000 events then compares floats, not zoned datetimes.
_TIMES: WeakKeyDictionary[CalendarIndex, _Times] = WeakKeyDictionary()


def times_of(index: CalendarIndex) -> _Times:
    found = _TIMES.get(index)
    if found is None:
        events = index.calendar.events
        moments = [moment(e) for e in events]
        found = _Times(
            array("d", [first_instant(e).timestamp() for e in events]),
            array("d", [last_instant(e).timestamp() for e in events]),
            array("d", [m.timestamp() if m is not None else nan for m in moments]),
            array(
                "d",
                [
                    e.end.timestamp() if isinstance(e.end, datetime) and not e.dated else -inf
                    for e in events
                ],
            ),
        )
        _TIMES[index] = found
    return found


# The first and last events (positions) of each index: the header asks on every key press.
_SPAN: WeakKeyDictionary[CalendarIndex, tuple[int, int] | None] = WeakKeyDictionary()


def outside_words(index: CalendarIndex, now: datetime) -> str:
    """The header's words when the whole calendar lies after or before ``now`` ("starts in
    3 days", "ended 1 year ago"), as ``find_now`` says them; '' while it is on, or empty.

    Also '' until the index is built: a large calendar's first frame does not wait for a
    pass over every event (0.15 s at 100,000); its index worker calls ``learn_span``, and
    the header says the words once the indexes are in.
    """
    if index not in _SPAN:
        if not index.warm:
            return ""
        learn_span(index)
    span = _SPAN[index]
    if span is None:
        return ""
    events, at = index.calendar.events, now.timestamp()
    begin, finish = span
    if at < first_instant(events[begin]).timestamp():
        return f"starts {relative(first_instant(events[begin]), now)}"
    if at >= last_instant(events[finish]).timestamp():
        return f"ended {relative(last_instant(events[finish]), now)}"
    return ""


def learn_span(index: CalendarIndex) -> None:
    """Find the first and last events ``outside_words`` speaks of (safe in a thread)."""
    _SPAN[index] = _first_and_last(index)


def _first_and_last(index: CalendarIndex) -> tuple[int, int] | None:
    """The first event to begin and the last to be over (the last listed of those), as
    ``find_now`` picks them; cancelled events only when nothing else is left. The header
    asks on every frame: two timestamps per event, once, not all of ``times_of``."""
    events = index.calendar.events
    every = range(len(events))
    live = [n for n in every if events[n].status is not Status.CANCELLED] or list(every)
    if not live:
        return None
    begin = min(live, key=lambda n: first_instant(events[n]).timestamp())
    finish = max(reversed(live), key=lambda n: last_instant(events[n]).timestamp())
    return begin, finish
