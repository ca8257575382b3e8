"""The main screen: owns what is shown (filter, day, zone, selection) and hands it to the panes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input

from tui.core.icc import icc_reasons
from tui.core.index import CalendarIndex
from tui.core.model import Calendar, Event
from tui.core.query import Filter, ZoneMode, display_zone
from tui.core.timefmt import short_day
from tui.core.zones import get_zone, local_zone_name
from tui.ui import render
from tui.ui.widgets.country_list import CountryList
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import DayView
from tui.ui.widgets.details import DetailsPane
from tui.ui.widgets.header import CalendarHeader
from tui.ui.widgets.people_list import ParticipantList

if TYPE_CHECKING:
    from tui.ui.screens.export import ExportResult

Clock = Callable[[], datetime]
SelectionKind = Literal["event", "participant", "country"]
Selection = tuple[SelectionKind, str]
ZONE_NAMES = {ZoneMode.EVENT: "venue time", ZoneMode.UTC: "UTC"}
INDEX_NOW = 5_000  # events; larger calendars build their filter indexes after first paint


class MainScreen(Screen[None]):
    """Days, day view, participants, countries and details, all under one filter."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (80, "-narrow"), (160, "-wide")]

    BINDINGS = [
        Binding("left_square_bracket", "step_day(-1)", "Previous day", show=False),
        Binding("right_square_bracket", "step_day(1)", "Next day", show=False),
        *[
            Binding(str(n), f"jump_day({n})", "Jump to day N", show=False, key_display="1..9")
            for n in range(1, 10)
        ],
        Binding("c", "country_filter", "Filter"),
        Binding("C", "clear_countries", "Clear filter", show=False),
        Binding("slash", "search", "Search"),
        Binding("z", "cycle_zone", "Zone"),
        Binding("e", "export", "Export"),
        Binding("m", "maximize", "Maximize pane", show=False),
        Binding("M", "minimize", "Restore panes", show=False),
        Binding("escape", "escape", "Clear search, restore panes", show=False),
        Binding("question_mark", "help", "Help"),
    ]

    view: reactive[Filter] = reactive(Filter, init=False)
    day: reactive[date | None] = reactive(None, init=False)
    zone_mode: reactive[ZoneMode] = reactive(ZoneMode.EVENT, init=False)
    selection: reactive[Selection | None] = reactive(None, init=False)

    def __init__(
        self, calendar: Calendar, local_zone: tzinfo | None = None, clock: Clock | None = None
    ) -> None:
        super().__init__()
        self.calendar = calendar
        self.clock = clock or (lambda: datetime.now(UTC))
        self.index = CalendarIndex(calendar)
        self.local_zone = local_zone or get_zone(local_zone_name())
        self.matching: list[Event] = list(calendar.events)
        self.matching_ids: set[str] | None = None  # None: no filter, everything matches

    # --- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield CalendarHeader(id="header")
        # Disabled while hidden, so focus can never land in it unseen.
        yield Input(
            placeholder="Search titles, places, people…  (escape clears)",
            id="search",
            disabled=True,
        )
        with Horizontal(id="body"):
            with Vertical(id="nav"):
                yield DayList(id="days")
                yield ParticipantList(id="people")
                yield CountryList(id="countries")
            with Vertical(id="main"):
                yield DayView(id="day-view")
                yield DetailsPane(id="details")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        titles = {
            "#days": "Days",
            "#people": "Participants",
            "#countries": "Countries",
            "#details": "Details",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        days = self.index.by_day(self.zone_mode, self.local_zone)
        self.set_reactive(MainScreen.day, next(iter(days), None))
        if len(self.calendar.events) <= INDEX_NOW:
            self.index.build()
        else:
            # Paint the first day now; count by country once the indexes are built. The
            # thread starts after the first frame so it does not compete with it.
            self.call_after_refresh(self.start_indexing)
        self.refresh_view()
        self.focus_day_view()

    def start_indexing(self) -> None:
        self.run_worker(self.build_index, thread=True, name="index", exit_on_error=False)

    def build_index(self) -> None:
        """Worker thread: build the filter indexes, then show the counts they give."""
        self.index.build()
        self.app.call_from_thread(self.refresh_view)

    # --- state -> panes -------------------------------------------------------------
    def watch_view(self) -> None:
        table_had_focus = self.focused is self.query_one(DayView).table
        self.refresh_view()
        self.go_to_a_matching_day()
        if table_had_focus:
            self.focus_day_view()

    def go_to_a_matching_day(self) -> None:
        """After a filter change, leave a day that shows nothing for the next one that does."""
        if not self.matching or self.day is None:
            return
        counts = self.query_one(DayList).rows
        if any(day == self.day and count for day, count in counts):
            return
        later = [day for day, count in counts if count and day > self.day]
        earlier = [day for day, count in counts if count]
        self.go_to_day(later[0] if later else earlier[-1])

    def watch_zone_mode(self) -> None:
        self.refresh_view()

    def watch_day(self) -> None:
        self.show_day()
        self.show_header()

    def watch_selection(self) -> None:
        self.show_details()

    def refresh_view(self) -> None:
        """Recompute what matches the filter and update every pane."""
        shown_before = self.selection
        selection = self.index.selection(self.view, self.zone_mode, self.local_zone)
        self.matching = selection.events
        self.matching_ids = {e.id for e in self.matching} if self.view.active else None
        by_day = self.index.by_day(self.zone_mode, self.local_zone)
        if self.day not in by_day and by_day:
            self.set_reactive(MainScreen.day, next(iter(by_day)))
        counts = [(day, selection.day_counts.get(day, 0)) for day in by_day]
        self.query_one(DayList).show_days(counts, self.day)
        # In the file's order, which is the editor's: the principal guest and host first.
        people = selection.participants
        participants = [v for k, v in self.calendar.participants.items() if k in people]
        self.query_one(ParticipantList).show_people(participants)
        known = selection.country_counts
        country_counts = [
            (country, None if known is None else known.get(code, 0))
            for code, country in sorted(self.calendar.countries.items(), key=lambda c: c[1].name)
        ]
        self.query_one(CountryList).show_countries(country_counts, self.view.countries)
        self.show_header()
        self.show_day()
        # A new selection has just drawn the details (watch_selection); the same one still
        # needs them redrawn, for times in another zone or counts that changed.
        if self.selection == shown_before:
            self.show_details()

    def show_header(self) -> None:
        days = list(self.index.by_day(self.zone_mode, self.local_zone))
        span = f"{short_day(days[0])} to {short_day(days[-1])} {days[-1].year}" if days else ""
        self.query_one(CalendarHeader).show(
            self.calendar.title, span, self.describe_filter(), self.describe_zone()
        )

    def describe_filter(self) -> str:
        """'Kazakhstan or Russia, "summit" (3 of 17 events)', or '' with no filter."""
        parts = []
        if self.view.countries:
            names = sorted(self.calendar.countries[c].name for c in self.view.countries)
            parts.append(" or ".join(names))
        if self.view.text.strip():
            parts.append(f'"{self.view.text.strip()}"')
        if not parts:
            return ""
        return f"{', '.join(parts)} ({len(self.matching)} of {len(self.calendar.events)} events)"

    def describe_zone(self) -> str:
        if self.zone_mode is ZoneMode.LOCAL:
            return f"{getattr(self.local_zone, 'key', 'local')} (your zone)"
        return ZONE_NAMES[self.zone_mode]

    def show_day(self) -> None:
        by_day = self.index.by_day(self.zone_mode, self.local_zone)
        day_events = by_day.get(self.day, []) if self.day else []
        wanted = self.matching_ids
        events = day_events if wanted is None else [e for e in day_events if e.id in wanted]
        view = self.query_one(DayView)
        view.border_title = f"Events · {short_day(self.day)}" if self.day else "Events"
        view.show_events(
            self.day,
            events,
            zone_of=lambda e: display_zone(e, self.zone_mode, self.local_zone),
            countries_of=lambda e: ", ".join(sorted(self.index.countries_for(e))),
            marked=lambda e: bool(icc_reasons(self.calendar, e)),
            empty_reason=self.empty_reason(bool(day_events)),
        )
        # The details follow the day view unless the user is reading about someone.
        if self.selection is None or self.selection[0] == "event":
            current = view.current_event_id()
            self.selection = ("event", current) if current else None
        if not events and self.focused is view.table:
            self.query_one(DayList).focus()

    def empty_reason(self, day_has_events: bool) -> str:
        if not self.matching:
            return (
                f"No events match the filter: {self.describe_filter()}.\n"
                "Press C to clear the countries, / then escape to clear the search."
            )
        if day_has_events:
            return "No events on this day match the filter. Other days have some: see the counts."
        return "No events on this day."

    def show_details(self) -> None:
        pane = self.query_one(DetailsPane)
        if self.selection is None:
            pane.show(Text("Nothing selected.", style="italic"))
            return
        kind, key = self.selection
        if kind == "event":
            position = self.index.position.get(key)
            if position is None:
                return
            event = self.calendar.events[position]
            text = render.event_details(
                self.calendar, self.index, event, self.zone_mode, self.local_zone, self.clock()
            )
        elif kind == "participant":
            person = self.calendar.participants[key]
            text = render.participant_details(
                self.calendar, self.index, person, self.zone_mode, self.local_zone
            )
        else:
            text = render.country_details(self.calendar, self.index, self.calendar.countries[key])
        pane.show(text)

    # --- messages from the panes ----------------------------------------------------
    @on(DayList.Chosen)
    def choose_day(self, message: DayList.Chosen) -> None:
        self.day = message.day

    @on(DayView.EventHighlighted)
    def choose_event(self, message: DayView.EventHighlighted) -> None:
        self.selection = ("event", message.event_id)

    @on(ParticipantList.Chosen)
    def choose_participant(self, message: ParticipantList.Chosen) -> None:
        self.selection = ("participant", message.key)

    @on(CountryList.Chosen)
    def choose_country(self, message: CountryList.Chosen) -> None:
        self.selection = ("country", message.key)

    @on(Input.Changed, "#search")
    def search_changed(self, message: Input.Changed) -> None:
        self.view = Filter(self.view.countries, self.view.participants, message.value)

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        self.focus_day_view()

    def focus_day_view(self) -> None:
        """Focus the day's events, or the day list when the day shows none."""
        if self.query_one(DayView).has_class("-empty"):
            self.query_one(DayList).focus()
        else:
            self.query_one("#events-table").focus()

    # --- intents (keys and the command palette) ---------------------------------------
    def go_to_day(self, day: date) -> None:
        """Show ``day`` in the day view and put the day list's cursor on it."""
        self.day = day
        self.query_one(DayList).move_to(day)

    def filter_by_country(self, code: str) -> None:
        """Show only the events that involve one country."""
        self.view = Filter(frozenset({code}), self.view.participants, self.view.text)

    def show_participant(self, participant_id: str) -> None:
        """Show a participant's itinerary in the details pane."""
        self.selection = ("participant", participant_id)

    def action_step_day(self, step: int) -> None:
        days = list(self.index.by_day(self.zone_mode, self.local_zone))
        if days:
            position = days.index(self.day) if self.day in days else 0
            self.go_to_day(days[max(0, min(len(days) - 1, position + step))])

    def action_jump_day(self, number: int) -> None:
        days = list(self.index.by_day(self.zone_mode, self.local_zone))
        if number <= len(days):
            self.go_to_day(days[number - 1])
        else:
            self.notify(f"The calendar has {len(days)} days.", severity="warning")

    # The dialogs load when first opened: their widgets are not needed for the first paint.
    def action_country_filter(self) -> None:
        from tui.ui.screens.country_filter import CountryFilterModal

        def apply(codes: frozenset[str] | None) -> None:
            if codes is not None:
                self.view = Filter(codes, self.view.participants, self.view.text)

        self.app.push_screen(CountryFilterModal(self.calendar, self.view.countries), apply)

    def action_clear_countries(self) -> None:
        self.view = Filter(frozenset(), self.view.participants, self.view.text)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.disabled = False
        search.add_class("-shown")
        search.focus()

    def action_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.value or search.has_class("-shown"):
            search.value = ""
            search.remove_class("-shown")
            search.disabled = True
            self.focus_day_view()
        elif self.maximized is not None:
            self.minimize()

    def action_cycle_zone(self) -> None:
        # The header says which zone is in force; no toast needed.
        self.zone_mode = self.zone_mode.next()

    def action_export(self) -> None:
        from tui.ui.screens.export import ExportModal

        def done(result: ExportResult | None) -> None:
            if result is not None:
                message = f"Exported {result.count} events to {result.path.resolve()}"
                self.notify(message, title="Export", markup=False)

        # Relative, so it reads short and lands in the current directory; a filtered view
        # is named for its countries (putin-tajikistan-2025-kz.ics).
        codes = "-".join(sorted(code.lower() for code in self.view.countries))
        default = Path(f"{self.calendar.id}{'-' + codes if codes else ''}.ics")
        self.app.push_screen(ExportModal(self.calendar, self.matching, default), done)

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpModal

        self.app.push_screen(HelpModal(self.active_bindings))
