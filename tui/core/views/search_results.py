"""Search results as a list: every event that passes the filter, once, with its date and time.

The panes narrow to what a search matches; this lists the matches across all days, as khal
and gcalcli do, each under the first day it is listed on in the display zone, so that
choosing a result can open that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from tui.core.icc import icc_reasons
from tui.core.model import Event, PartOfDay, Status
from tui.core.text import one_line
from tui.core.views.agenda_text import short_name
from tui.core.views.filter import Filter, ZoneMode, display_zone
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import APPROX, EN_DASH, short_day, time_range

# A part of the day in a range, in a narrow list: 'aft-eve' (an en dash) ('afternoon-evening').
SHORT_PARTS = {
    PartOfDay.EARLY_MORNING: "early",
    PartOfDay.MORNING: "morn",
    PartOfDay.MIDDAY: "midday",
    PartOfDay.AFTERNOON: "aft",
    PartOfDay.EVENING: "eve",
    PartOfDay.NIGHT: "night",
}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching event: where it is listed, and what a row shows of it."""

    event_id: str
    day: date  # the day to open for it
    date_text: str  # 'Thu 9 Oct 2025'
    time: str  # what is known of its time, as the day view words it
    short_date: str  # 'Thu 9 Oct'; the year only outside the first result's
    short_time: str  # where it starts (``start_time``), for a narrow list
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
    first_year = of_event[index.position[chosen[0].id]][0].year if chosen else None
    for event in chosen:
        day = of_event[index.position[event.id]][0]
        zone = display_zone(event, mode, local)
        hits.append(
            SearchHit(
                event_id=event.id,
                day=day,
                date_text=f"{short_day(day)} {day.year}",
                time=time_range(event, zone, day),
                short_date=short_day(day, first_year),
                short_time=start_time(event, zone),
                title=one_line(event.title),
                who=", ".join(short_name(calendar, pid) for pid in event.participants),
                status=event.status,
                icc=bool(icc_reasons(calendar, event)),
            )
        )
    return tuple(hits)


def start_time(event: Event, zone: tzinfo) -> str:
    """Where an event starts, in a few cells: '11:55', '≈13:47' (estimated), 'by ≈13:47'
    (a report found it under way then), 'all day', 'no time', 'evening', 'aft-eve' (an en dash)."""
    start = event.start
    if isinstance(start, datetime):
        mark = APPROX if event.start_estimated else ""
        return f"{mark}{start.astimezone(zone):%H:%M}"
    if event.all_day:
        return "all day"
    if event.under_way_at is not None:
        return f"by {APPROX}{event.under_way_at.astimezone(zone):%H:%M}"
    parts = event.part_of_day
    if len(parts) == 1:
        return "early am" if parts[0] is PartOfDay.EARLY_MORNING else parts[0].value
    if parts:
        return EN_DASH.join(SHORT_PARTS[part] for part in parts)
    return "no time"
