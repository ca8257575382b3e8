"""What the screen shows for a given state: one pure function, plain data out.

``present(index, browse, local_zone, now)`` turns the calendar and the user's state (filter,
day, display zone, selection) into a ``Screenful``: the header's parts, the days with their
counts, the day's rows, the participant and country rows, the details of whatever is
selected, why a view is empty, and the default export name. The UI only draws it, so every
decision about what to show lives here, once, and is tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from types import MappingProxyType
from typing import TYPE_CHECKING

from tui.core.event_order import SECTION_HEADINGS, countries_in_order, sections
from tui.core.icc import icc_reasons
from tui.core.model import Calendar, Country, Event, Participant
from tui.core.present.details import DetailLine, country_details, event_details, participant_details
from tui.core.text import one_line
from tui.core.views.filter import Filter, ZoneMode, display_zone
from tui.core.views.index import CalendarIndex, Matches
from tui.core.views.lanes import LaneMode
from tui.core.views.now_times import outside_words
from tui.core.views.time_words import relative, short_day, time_range

if TYPE_CHECKING:
    # The timeline and the whole visit are laid out only while shown (imported there).
    from tui.core.living.changes import Change
    from tui.core.views.month import MonthGrid
    from tui.core.views.search_results import SearchHit
    from tui.core.views.timeline import Timeline
    from tui.core.views.whole_visit import AgendaScreen
from tui.core.present.month_layout import month_shown
from tui.core.present.parts import (
    CountryRow,
    DayListing,
    DayRow,
    DetailsShown,
    EventRow,
    Header,
    Notices,
    PersonRow,
)
from tui.core.present.state import Browse, Selection, SelectionKind, View, settle, shown_on

__all__ = [  # the parts, where the screen's readers have always found them
    "CountryRow",
    "DayListing",
    "DayRow",
    "DetailsShown",
    "EventRow",
    "Header",
    "Notices",
    "PersonRow",
    "Screenful",
    "present",
]


@dataclass(frozen=True, slots=True)
class Screenful:
    """Everything on the main screen for one state, as plain data."""

    header: Header
    days: tuple[DayRow, ...]
    day: date | None
    day_title: str  # the main pane's title, for the view shown
    rows: tuple[EventRow, ...]
    empty_reason: str  # why ``rows`` is empty; '' when it is not
    people: tuple[PersonRow, ...]
    countries: tuple[CountryRow, ...]
    selection: Selection | None
    details: tuple[DetailLine, ...]
    sources: tuple[str, ...]  # the links of what the details are about, as in the file: data
    matching: int  # events that pass the filter
    export_name: str
    view: View = View.DAY
    timeline: Timeline | None = None  # only while the timeline is shown
    agenda: AgendaScreen | None = None  # only while the whole visit is shown
    now: datetime | None = None  # the instant shown, for the timeline's now line
    results: tuple[SearchHit, ...] = ()  # every event a search matches; () when not searching
    month: MonthGrid | None = None  # only while the month view is shown
    month_day: date | None = None  # its cursor's day

    # Each pane's part, compared by value: a pane redraws only when its part changed.
    @property
    def listing(self) -> DayListing:
        return DayListing(self.rows, self.empty_reason)

    @property
    def shown_details(self) -> DetailsShown:
        return DetailsShown(self.selection, self.details)

    @property
    def selected_event(self) -> str | None:
        """The selected event's id; None when the details are about someone or nothing."""
        selected = self.selection
        return selected.key if selected and selected.kind is SelectionKind.EVENT else None


ZONE_NAMES = {ZoneMode.EVENT: "venue time", ZoneMode.UTC: "UTC"}


def present(
    index: CalendarIndex,
    browse: Browse,
    local: tzinfo,
    now: datetime,
    notices: Notices = Notices(),  # noqa: B008  # frozen, so sharing the default is safe
    changes: Mapping[str, Change] = MappingProxyType({}),
    published: datetime | None = None,
) -> Screenful:
    """The screen for ``browse``: pure, so the same state always shows the same thing.

    ``browse`` is shown as ``settle`` makes it, so ``Screenful.day`` and ``.selection`` are
    the settled state's: a screen that settles its state first shows exactly its state.

    ``changes`` says, by event id, what changed since the version the user last saw;
    ``published``, when the calendar was last published to its CalDAV collection.
    """
    calendar = index.calendar
    browse = settle(index, browse, local)  # the screen settles it first: then this is a no-op
    matches = index.matches(browse.filter, browse.zone_mode, local)
    by_day = index.by_day(browse.zone_mode, local)
    day, selection = browse.day, browse.selection
    rows = _day_rows(index, browse, day, local, changes)
    return Screenful(
        header=Header(
            one_line(calendar.title),
            date_span(list(by_day)),
            describe_filter(calendar, browse.filter, len(matches.events)),
            describe_zone(browse.zone_mode, local),
            len(notices.warnings),
            len(notices.errors),
            notices.looking,
            outside_words(index, now),
            published_words(published, now),
        ),
        days=_day_list(by_day, matches, changes),
        day=day,
        day_title=_view_title(browse, day, len(matches.events)),
        rows=tuple(rows),
        empty_reason="" if rows else _empty_reason(calendar, browse, matches, day, by_day),
        people=tuple(_person_row(calendar, calendar.participants[p]) for p in _people(matches)),
        countries=tuple(
            _country_row(country, matches, browse.filter)
            for country in countries_in_order(calendar)
        ),
        selection=selection,
        details=_details(index, browse, selection, local, now, changes),
        sources=_sources(index, selection),
        matching=len(matches.events),
        export_name=export_name(calendar, browse.filter),
        view=browse.view,
        timeline=_timeline(index, browse, day, rows, local, changes),
        agenda=_agenda(index, browse, local, now),
        now=now,
        results=_results(index, browse, local),
        month=month_shown(index, browse, local, now, changes),
        month_day=browse.month_day or day,
    )


def published_words(published: datetime | None, now: datetime) -> str:
    """'published 2 minutes ago' (pendulum's words), or '' when never published."""
    if published is None:
        return ""
    return f"published {relative(min(published, now), now)}"  # a clock behind says "seconds"


# Rows in the search results list: beyond this, its title says how many more matched.
RESULTS_LIMIT = 500


def _results(index: CalendarIndex, browse: Browse, local: tzinfo) -> tuple[SearchHit, ...]:
    """Every event a search matches, across all days: only while a search text is typed."""
    if not browse.filter.text.strip():
        return ()
    from tui.core.views.search_results import search_results  # not for the first frame

    return search_results(index, browse.filter, browse.zone_mode, local, RESULTS_LIMIT)


def _agenda(
    index: CalendarIndex, browse: Browse, local: tzinfo, now: datetime
) -> AgendaScreen | None:
    """Every day in one list, laid out only while the whole visit is shown."""
    if browse.view is not View.AGENDA:
        return None
    from tui.core.views.whole_visit import agenda_screen  # not needed for the first frame

    return agenda_screen(index, browse.filter, browse.zone_mode, local, now)


def _view_title(browse: Browse, day: date | None, matching: int) -> str:
    """The main pane's title: 'Events · Thu 9 Oct', 'Timeline · Thu 9 Oct · lanes by venue'."""
    if browse.view is View.AGENDA:
        return f"The whole calendar · {matching} events"
    if browse.view is View.MONTH:
        return "Month · [ ] another month · enter opens the day · escape goes back"
    on = f" · {short_day(day)}" if day else ""
    if browse.view is View.TIMELINE:
        lanes = "venue" if browse.lanes_by is LaneMode.VENUES else "participant"
        return f"Timeline{on} · lanes by {lanes}"
    return f"Events{on}"


def _timeline(
    index: CalendarIndex,
    browse: Browse,
    day: date | None,
    rows: list[EventRow],
    local: tzinfo,
    changes: Mapping[str, Change],
) -> Timeline | None:
    """The day's lanes, laid out only while the timeline is shown."""
    if browse.view is not View.TIMELINE or day is None:
        return None
    from tui.core.views.timeline import layout_timeline, timeline_zones  # not needed at first paint

    events = [index.calendar.events[index.position[row.id]] for row in rows]
    zone, second = timeline_zones(index.calendar, browse.zone_mode, local)
    people = browse.filter.participants or None
    marks = {row.id: row.mark for row in rows if row.mark}
    return layout_timeline(
        index, day, events, browse.lanes_by, zone, second, marks=marks, people=people
    )


def _day_list(
    by_day: dict[date, list[Event]], matches: Matches, changes: Mapping[str, Change]
) -> tuple[DayRow, ...]:
    counts = matches.day_counts
    wanted = matches.ids
    first_year = next(iter(by_day)).year if by_day else None  # days are in time order
    return tuple(
        DayRow(
            day,
            short_day(day, first_year),
            counts.get(day, 0),
            sum(1 for e in events if e.id in changes and (wanted is None or e.id in wanted))
            if changes
            else 0,
        )
        for day, events in by_day.items()
    )


def date_span(days: list[date]) -> str:
    """'Wed 8 Oct to Fri 10 Oct 2025'; '' for no days."""
    if not days:
        return ""
    if days[0] == days[-1]:
        return f"{short_day(days[0])} {days[0].year}"
    if days[0].year != days[-1].year:  # 'Wed 1 Jan 9996 to Wed 31 Dec 9997'
        return f"{short_day(days[0])} {days[0].year} to {short_day(days[-1])} {days[-1].year}"
    return f"{short_day(days[0])} to {short_day(days[-1])} {days[-1].year}"


def describe_filter(calendar: Calendar, view: Filter, matching: int) -> str:
    """'Kazakhstan or Russia, "summit" (3 of 17 events)', or '' with no filter."""
    parts = []
    if view.countries:
        parts.append(" or ".join(sorted(calendar.countries[c].name for c in view.countries)))
    if view.participants:
        names = sorted(calendar.participants[p].name for p in view.participants)
        parts.append("with " + " or ".join(names))
    if view.text.strip():
        parts.append(f'"{view.text.strip()}"')
    if not parts:
        return ""
    return one_line(f"{', '.join(parts)} ({matching} of {len(calendar.events)} events)")


def describe_zone(mode: ZoneMode, local: tzinfo) -> str:
    """'venue time', 'UTC', or 'America/New_York (your zone)'."""
    if mode is ZoneMode.LOCAL:
        return f"{getattr(local, 'key', 'local')} (your zone)"
    return ZONE_NAMES[mode]


def export_name(calendar: Calendar, view: Filter) -> str:
    """A relative file name for the view: 'putin-tajikistan-2025-kz-ru.ics'."""
    codes = "-".join(sorted(code.lower() for code in view.countries))
    return f"{calendar.id}{'-' + codes if codes else ''}.ics"


def _day_rows(
    index: CalendarIndex,
    browse: Browse,
    day: date | None,
    local: tzinfo,
    changes: Mapping[str, Change],
) -> list[EventRow]:
    """The day's events that pass the filter, in the day's order."""
    if day is None:
        return []
    calendar = index.calendar
    mode = browse.zone_mode
    shown = shown_on(index, browse, day, local)
    rows = []
    for place, events in sections(shown):
        heading = SECTION_HEADINGS[place]
        for n, event in enumerate(events):
            time = time_range(event, display_zone(event, mode, local), day)
            if heading:  # the heading says it once; 'to Fri 10 Oct' stays
                time = time.removeprefix(heading).strip()
            rows.append(
                EventRow(
                    id=event.id,
                    time=time,
                    icc=bool(icc_reasons(calendar, event)),
                    title=one_line(event.title),
                    kind=event.kind.value,
                    status=event.status,
                    countries=", ".join(sorted(index.countries_for(event))),
                    heading=heading if n == 0 else "",
                    mark=changes[event.id].kind.value if event.id in changes else "",
                )
            )
    return rows


EMPTY_CALENDAR = (
    "The calendar has no events yet: press n to add one.\n"
    "Participants and countries: tab to their list, N adds one, E edits the one chosen "
    "(or ctrl+p: Add participant…, Add country…). Add a participant's country first."
)


def _empty_reason(
    calendar: Calendar,
    browse: Browse,
    matches: Matches,
    day: date | None,
    by_day: dict[date, list[Event]],
) -> str:
    if not calendar.events:
        return EMPTY_CALENDAR
    if not matches.events:
        return (
            f"No events match the filter: "
            f"{describe_filter(calendar, browse.filter, 0)}.\n"
            "Press C to clear the filter, / then escape to clear the search."
        )
    if day is not None and by_day.get(day):
        return "No events on this day match the filter. Other days have some: see the counts."
    return "No events on this day."


def _people(matches: Matches) -> list[str]:
    # In the file's order, which is the editor's: the principal guest and host first.
    return matches.participants


def _person_row(calendar: Calendar, person: Participant) -> PersonRow:
    return PersonRow(person.id, one_line(person.name), person.country, one_line(person.title))


def _country_row(country: Country, matches: Matches, view: Filter) -> CountryRow:
    counts = matches.country_counts
    count = None if counts is None else counts.get(country.code, 0)
    return CountryRow(country.code, one_line(country.name), count, country.code in view.countries)


def _sources(index: CalendarIndex, selection: Selection | None) -> tuple[str, ...]:
    if selection is None or selection.kind is not SelectionKind.EVENT:
        return ()
    position = index.position.get(selection.key)
    if position is None:
        return ()
    return index.calendar.events[position].sources  # as written: o and y act on these


def _details(
    index: CalendarIndex,
    browse: Browse,
    selection: Selection | None,
    local: tzinfo,
    now: datetime,
    changes: Mapping[str, Change],
) -> tuple[DetailLine, ...]:
    if selection is None:
        return (DetailLine.note("Nothing selected."),)
    calendar, mode = index.calendar, browse.zone_mode
    if selection.kind is SelectionKind.EVENT:
        position = index.position.get(selection.key)
        if position is None:
            return (DetailLine.note("Nothing selected."),)
        event = calendar.events[position]
        change = changes.get(event.id)
        return event_details(index, event, mode, local, now, change, browse.whole_text)
    if selection.kind is SelectionKind.PARTICIPANT:
        return participant_details(index, calendar.participants[selection.key], mode, local)
    return country_details(index, calendar.countries[selection.key])
