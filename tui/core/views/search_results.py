"""Search results as a list: every event that passes the filter, once, with its date and time.

The panes narrow to what a search matches; this lists the matches across all days, as khal
and gcalcli do, each under the first day it is listed on in the display zone, so that
choosing a result can open that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from tui.core.icc import icc_reasons
from tui.core.model import Status
from tui.core.text import one_line
from tui.core.views.agenda_text import short_name
from tui.core.views.filter import Filter, ZoneMode, display_zone
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import short_day, time_range


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching event: where it is listed, and what a row shows of it."""

    event_id: str
    day: date  # the day to open for it
    date_text: str  # 'Thu 9 Oct 2025'
    time: str  # what is known of its time, as the day view words it
    title: str  # one line, controls made visible
    who: str  # participants' short names
    status: Status
    icc: bool


def search_results(
    index: CalendarIndex, view: Filter, mode: ZoneMode, local: tzinfo, limit: int | None = None
) -> tuple[SearchHit, ...]:
    """The events that pass ``view``, in time order, at most ``limit`` of them."""
    matches = index.matches(view, mode, local)
    of_event = index.days(mode, local).of_event
    calendar = index.calendar
    chosen = matches.events if limit is None else matches.events[:limit]
    hits = []
    for event in chosen:
        day = of_event[index.position[event.id]][0]
        hits.append(
            SearchHit(
                event_id=event.id,
                day=day,
                date_text=f"{short_day(day)} {day.year}",
                time=time_range(event, display_zone(event, mode, local), day),
                title=one_line(event.title),
                who=", ".join(short_name(calendar, pid) for pid in event.participants),
                status=event.status,
                icc=bool(icc_reasons(calendar, event)),
            )
        )
    return tuple(hits)
