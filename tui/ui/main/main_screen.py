"""The main screen: holds the user's state, asks the presenter what to show, and lays it out.

State lives in one reactive, ``browse``. Each change recomputes one ``Screenful`` (a pure
core function), and every pane is bound to it and redraws only its own part when that part
changed. Panes post small messages up; nothing reads state back out of a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input

from tui.core.views.index import CalendarIndex

if TYPE_CHECKING:
    from tui.core.editing.history import EditHistory
    from tui.core.errors import Diagnostic
    from tui.core.loading.load import Finish
    from tui.ui.widgets.agenda_view import AgendaView
    from tui.ui.widgets.timeline_view import TimelineView
from tui.core.living.versions import Living, with_warnings
from tui.core.model import Calendar
from tui.core.present.screenful import Notices, Screenful, present
from tui.core.present.state import Browse, Selection, SelectionKind, View, settle_day
from tui.core.views.filter import Filter
from tui.core.zones import get_zone, local_zone_name
from tui.ui.keys import MAIN_KEYS
from tui.ui.main import edit_intents
from tui.ui.main.browse_keys import BrowseKeys
from tui.ui.main.dialog_keys import DialogKeys
from tui.ui.main.follower import Follower
from tui.ui.main.pane_layout import PaneLayout
from tui.ui.widgets.calendar_header import CalendarHeader
from tui.ui.widgets.country_list import CountryList
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import DayView, EventList
from tui.ui.widgets.details_pane import DetailsPane
from tui.ui.widgets.participant_list import ParticipantList
from tui.ui.widgets.search_bar import SearchBar

Clock = Callable[[], datetime]
INDEX_NOW = 5_000  # events; larger calendars build their filter indexes after first paint


class MainScreen(BrowseKeys, DialogKeys, Screen[None]):
    """Days, day view, participants, countries and details, all under one filter."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (80, "-narrow"), (160, "-wide")]

    BINDINGS = MAIN_KEYS
    AUTO_FOCUS = ""  # on_mount focuses the main view, once its rows are known

    browse: reactive[Browse] = reactive(Browse, init=False)
    screenful: reactive[Screenful | None] = reactive(None, init=False)

    def __init__(
        self,
        living: Living,
        local_zone: tzinfo | None = None,
        clock: Clock | None = None,
        path: Path | None = None,
        finish: Finish | None = None,
    ) -> None:
        super().__init__()
        self.living = living
        # The rest of a large file's load (its warnings, its cache), once it is on screen.
        self.finish = (living.calendar, finish) if finish is not None else None
        self.path = path  # the file followed and edited; None: shown only
        self.changes = {c.id: c for c in living.since_baseline}
        self.clock = clock or (lambda: datetime.now(UTC))
        self.index = CalendarIndex(living.calendar)
        self.local_zone = local_zone or get_zone(local_zone_name())
        self.follower = Follower(self)
        self._history: EditHistory | None = None

    @property
    def history(self) -> EditHistory:
        """The saved edits ctrl+z can undo (made when first needed: tomlkit loads late)."""
        if self._history is None:
            from tui.core.editing.history import EditHistory

            self._history = EditHistory()
        return self._history

    @property
    def calendar(self) -> Calendar:
        return self.living.calendar

    @property
    def notices(self) -> Notices:
        return Notices(self.living.warnings, self.living.errors, self.living.looking)

    def set_living(self, living: Living) -> None:
        """Show another version (a reload or an edit); the user's state is kept, the
        selected event by its id when it still exists."""
        if living.calendar is not self.living.calendar:
            self.index = CalendarIndex(living.calendar)
            self.index.build()
        self.living = living
        self.changes = {c.id: c for c in living.since_baseline}
        self.show()

    # --- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The class Textual would set on the first resize, after the first frame: set now,
        # the first frame is laid out for the terminal's width, and no resize restyles it all.
        # (No restyle now either: the class only selects panes, styled as they mount.)
        width = self.app.size.width
        breakpoints = sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True)
        self.add_class(next(name for least, name in breakpoints if width >= least), update=False)
        bound = MainScreen.screenful
        yield CalendarHeader(id="header").data_bind(bound)
        yield SearchBar(id="search")
        yield PaneLayout(id="body").data_bind(bound)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if len(self.calendar.events) <= INDEX_NOW:
            self.index.build()
        else:
            # Paint the first day now; count by country once the indexes are built. The
            # thread starts after the first frame so it does not compete with it.
            self.call_after_refresh(self.start_indexing)
        self.show()
        # At once, not after a refresh as focus() would: the first frame shows the focus
        # (and the footer its keys) where it stays.
        self.set_focus(self.main_view())
        self.call_after_refresh(self.follower.start)  # after the first frame
        if self.finish is not None:
            self.call_after_refresh(self.start_finishing)

    def on_unmount(self) -> None:
        self.follower.close()

    def start_indexing(self) -> None:
        self.run_worker(self.build_index, thread=True, name="index", exit_on_error=False)

    def start_finishing(self) -> None:
        assert self.finish is not None
        calendar, finish = self.finish
        self.finish = None
        work = partial(self.finish_load, calendar, finish)
        self.run_worker(work, thread=True, name="finish", exit_on_error=False)

    def finish_load(self, calendar: Calendar, finish: Finish) -> None:
        """Worker thread: find and locate the warnings, write the cache, show the warnings."""
        warnings: list[Diagnostic] = []
        try:
            warnings = finish()
        except Exception as error:  # say so: the calendar shown stays right, only unwarned
            message = f"The warnings of this file could not be found: {error}"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            raise
        finally:  # no longer looking, found or not
            self.app.call_from_thread(
                lambda: self.set_living(with_warnings(self.living, calendar, warnings))
            )

    def build_index(self) -> None:
        """Worker thread: build the filter indexes, then show the counts they give."""
        self.index.build()
        self.app.call_from_thread(self.show)

    # --- state -> screen ------------------------------------------------------------
    def watch_browse(self) -> None:
        self.show()

    def show(self) -> None:
        """Ask the presenter for the screen of the current state; the panes follow."""
        self.screenful = present(
            self.index, self.browse, self.local_zone, self.clock(), self.notices, self.changes
        )

    def watch_screenful(self, screenful: Screenful | None) -> None:
        if screenful is None:
            return
        if self.browse.day != screenful.day or self.browse.selection != screenful.selection:
            # The presenter settled the day or the selection: that is the state now.
            self.set_reactive(
                MainScreen.browse,
                replace(self.browse, day=screenful.day, selection=screenful.selection),
            )
        if not screenful.rows and self.focused is self.query_one(DayView).table:
            self.query_one(DayList).focus()

    def change(self, **changes: object) -> None:
        """Change the user's state once: one presenter call, each pane drawn at most once."""
        self.browse = replace(self.browse, **changes)  # type: ignore[arg-type]

    def change_filter(self, view: Filter) -> None:
        """Apply a filter, moving to a day that shows something."""
        table_had_focus = self.focused is self.query_one(DayView).table
        self.browse = settle_day(self.index, replace(self.browse, filter=view), self.local_zone)
        if table_had_focus:
            self.focus_day_view()

    # --- messages from the panes ----------------------------------------------------
    @on(DayList.Chosen)
    def choose_day(self, message: DayList.Chosen) -> None:
        self.change(day=message.day)

    @on(EventList.Moved)
    def choose_event(self, message: EventList.Moved) -> None:
        """The cursor is on an event in the day view; enter reads it."""
        self.select_event(message.event_id, chosen=isinstance(message, EventList.Chosen))

    # The timeline's and the whole visit's widgets load when first shown (``PaneLayout``),
    # so their messages are handled by name, not with ``@on`` and their classes.
    def on_timeline_view_event_highlighted(self, message: TimelineView.EventHighlighted) -> None:
        self.select_event(message.event_id, chosen=False)

    def on_timeline_view_event_chosen(self, message: TimelineView.EventChosen) -> None:
        self.select_event(message.event_id, chosen=True)

    def select_event(self, event_id: str, *, chosen: bool) -> None:
        """Select an event; ``chosen`` (enter) edits it, or reads it when it cannot be."""
        self.change(selection=Selection(SelectionKind.EVENT, event_id))
        if chosen:
            if edit_intents.can_edit(self):
                self.action_edit()
            else:
                self.query_one(DetailsPane).focus()

    def on_agenda_view_event_chosen(self, message: AgendaView.EventChosen) -> None:
        """enter in the whole visit: that event, in its day."""
        selection = Selection(SelectionKind.EVENT, message.event_id)
        self.change(view=View.DAY, day=message.day, selection=selection)
        self.call_after_refresh(self.focus_day_view)

    @on(ParticipantList.Chosen)
    def choose_participant(self, message: ParticipantList.Chosen) -> None:
        self.show_participant(message.key)

    @on(ParticipantList.Applied)
    def apply_participant(self, message: ParticipantList.Applied) -> None:
        self.show_participant(message.key)
        self.filter_by_participant(message.key)

    @on(CountryList.Chosen)
    def choose_country(self, message: CountryList.Chosen) -> None:
        self.change(selection=Selection(SelectionKind.COUNTRY, message.key))

    @on(CountryList.Applied)
    def apply_country(self, message: CountryList.Applied) -> None:
        self.filter_by_country(message.key)

    @on(Input.Changed, "#search")
    def search_changed(self, message: Input.Changed) -> None:
        self.change_filter(replace(self.browse.filter, text=message.value))

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        self.focus_day_view()

    def focus_day_view(self) -> None:
        """Focus the main view: the day's events (or the day list when the day shows
        none), the timeline or the whole visit."""
        self.main_view().focus()

    def main_view(self) -> Widget:
        """The widget ``focus_day_view`` focuses."""
        if self.browse.view is not View.DAY:
            return self.query_one(PaneLayout).view_widget
        if self.screenful is not None and self.screenful.rows:
            return self.query_one("#events-table")
        return self.query_one(DayList)

    # --- intents (keys and the command palette) ---------------------------------------
    def go_to_day(self, day: date) -> None:
        """Show ``day`` in the day view."""
        self.change(day=day)

    def filter_by_country(self, code: str) -> None:
        """Show only the events that involve one country."""
        self.change_filter(replace(self.browse.filter, countries=frozenset({code})))

    def filter_by_participant(self, participant_id: str) -> None:
        """Show only a participant's events (within the country filter, if any)."""
        self.change_filter(replace(self.browse.filter, participants=frozenset({participant_id})))

    def show_participant(self, participant_id: str) -> None:
        """Show a participant's itinerary in the details pane."""
        self.change(selection=Selection(SelectionKind.PARTICIPANT, participant_id))
