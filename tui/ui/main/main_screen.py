"""The main screen: holds the user's state (``browse``, settled as it is set), asks the pure
presenter for one ``Screenful`` per change and hands each pane its part. Panes post messages
up; workers post what they loaded; dialogs answer through callbacks. One class, no mixins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input

from tui.core.living.versions import Living, with_warnings
from tui.core.model import Calendar
from tui.core.present.screenful import Notices, Screenful, present
from tui.core.present.state import (
    Browse,
    Selection,
    SelectionKind,
    View,
    at_now,
    filtered,
    nth_day,
    other_lanes,
    settle,
    step_day,
    toggled_view,
)
from tui.core.views.filter import Filter
from tui.core.views.index import CalendarIndex
from tui.core.zones import get_zone, local_zone_name
from tui.ui.keys import MAIN_KEYS
from tui.ui.main.background import (
    Follower,
    Preparer,
    VersionLoaded,
    WarningsFound,
    build_index,
    finish_load,
    mark_seen,
    version_news,
)
from tui.ui.main.copying import copy_markdown
from tui.ui.main.dialog_openers import DialogOpener
from tui.ui.main.editor import Editor, EventSaved
from tui.ui.main.links import with_source
from tui.ui.main.pane_layout import PaneLayout, width_class
from tui.ui.main.publishing import Publishing
from tui.ui.widgets.calendar_header import CalendarHeader
from tui.ui.widgets.choice_list import ChoiceList
from tui.ui.widgets.cursor_list import CursorList
from tui.ui.widgets.day_view import DayView
from tui.ui.widgets.details_pane import DetailsPane
from tui.ui.widgets.fitted_footer import FittedFooter
from tui.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.core.loading.load import Finish
    from tui.ui.widgets.agenda_view import AgendaView
    from tui.ui.widgets.month_view import MonthView
    from tui.ui.widgets.search_results_list import SearchResultsList
    from tui.ui.widgets.timeline_view import TimelineView

    DaySelected = AgendaView.Selected | SearchResultsList.Selected | MonthView.Selected

Clock = Callable[[], datetime]
INDEX_NOW = 5_000  # events; larger calendars build their filter indexes after first paint
NOW_EVERY = 60.0  # seconds: the screen is shown anew, so the timeline's now line moves


class MainScreen(Screen[None]):
    """Days, day view, participants, countries and details, all under one filter."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (80, "-narrow"), (160, "-wide")]

    BINDINGS = MAIN_KEYS
    AUTO_FOCUS = ""  # on_mount focuses the main view, once its rows are known

    browse: reactive[Browse] = reactive(Browse, init=False, repaint=False)
    screenful: reactive[Screenful | None] = reactive(None, init=False, repaint=False)

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
        preparer = Preparer(self, lambda: (self.living, self.browse.zone_mode, self.local_zone))
        self.follower = Follower(self, path, preparer) if path is not None else None
        self.editor = Editor(self, path, self.follower, preparer)
        self.dialogs = DialogOpener(self)
        self.publishing = Publishing(self, path, lambda: self.calendar, self.show, self.clock)

    @property
    def calendar(self) -> Calendar:
        return self.living.calendar

    def set_living(self, living: Living, index: CalendarIndex | None = None) -> None:
        """Show another version (a reload, an edit; ``index`` its, built in a worker)."""
        if living.calendar is not self.living.calendar:
            self.index = index if index is not None else CalendarIndex(living.calendar)
            self.index.build()
        self.living = living
        self.changes = {c.id: c for c in living.since_baseline}
        self.resettle()

    def resettle(self) -> None:
        """Show the state again after the calendar under it changed (settled anew for it)."""
        if (settled := settle(self.index, self.browse, self.local_zone)) != self.browse:
            self.browse = settled  # watch_browse shows it
        else:
            self.show()

    # --- layout and workers ---------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Textual's first-resize class, set now: the first frame fits the width (no restyle).
        self.add_class(width_class(self.HORIZONTAL_BREAKPOINTS, self.app.size.width), update=False)
        yield CalendarHeader(id="header")
        yield SearchBar(id="search")
        yield PaneLayout(id="body")
        yield FittedFooter()

    def on_mount(self) -> None:
        if len(self.calendar.events) <= INDEX_NOW:
            self.index.build()
        else:
            # The first day now; the indexes in a thread that starts after the first frame.
            self.call_after_refresh(build_index, self, self.index)
        self.resettle()
        self.set_interval(NOW_EVERY, self.show)
        # At once, not after a refresh: the first frame shows the focus where it stays.
        self.set_focus(self.query_one(PaneLayout).main_view())
        if self.follower is not None:
            self.call_after_refresh(self.follower.start)  # after the first frame
        self.call_after_refresh(self.publishing.start)
        if self.finish is not None:
            self.call_after_refresh(finish_load, self, *self.finish)
            self.finish = None

    def on_unmount(self) -> None:
        if self.follower is not None:
            self.follower.close()

    def on_warnings_found(self, message: WarningsFound) -> None:
        if message.failure:
            self.notify(message.failure, severity="error", markup=False)
        self.set_living(with_warnings(self.living, message.calendar, message.warnings))

    def on_index_built(self) -> None:
        self.show()

    def on_version_loaded(self, message: VersionLoaded) -> None:
        """A reload, a save or the watcher: the new version, or its errors beside it."""
        news = version_news(bool(self.living.errors), message.result)
        self.set_living(*message.shown_after(self.living))
        if news is not None:  # words, severity, timeout
            self.notify(news[0], severity=news[1], timeout=news[2])

    # --- state -> screen ------------------------------------------------------------
    def validate_browse(self, browse: Browse) -> Browse:
        """Every state is settled as it is set: a day it has, a selection on it."""
        return settle(self.index, browse, self.local_zone)

    def watch_browse(self) -> None:
        self.show()

    def show(self) -> None:
        """Ask the presenter for the screen of the current state; the panes follow."""
        state = (self.index, self.browse, self.local_zone, self.clock())
        self.screenful = present(*state, Notices.of(self.living), self.changes, self.publishing.at)

    def watch_screenful(self, screenful: Screenful | None) -> None:
        if screenful is None:
            return
        self.query_one(CalendarHeader).header = screenful.header
        self.query_one(PaneLayout).hand_down(screenful)

    def change(self, **changes: object) -> None:
        """Change the user's state once: one presenter call, each pane drawn at most once."""
        self.browse = replace(self.browse, **changes)  # type: ignore[arg-type]

    def change_filter(self, view: Filter) -> None:
        """Apply a filter, moving to a day that shows something."""
        table_had_focus = self.focused is self.query_one(DayView).table
        self.browse = filtered(self.index, self.browse, view, self.local_zone)
        if table_had_focus:
            self.focus_day_view()

    # --- messages from the panes ----------------------------------------------------
    @on(CursorList.Highlighted, "#days")
    def choose_day(self, message: CursorList.Highlighted) -> None:
        self.change(day=date.fromisoformat(message.key))

    @on(CursorList.Highlighted, "#events-table")
    def highlight_event(self, message: CursorList.Highlighted) -> None:
        """The cursor is on an event in the day view; enter reads it."""
        self.select_event(message.key, chosen=False)

    @on(CursorList.Selected, "#events-table")
    def select_listed_event(self, message: CursorList.Selected) -> None:
        self.select_event(message.key, chosen=True)

    # The timeline and the whole visit load when first shown: handled by name, not ``@on``.
    def on_timeline_view_highlighted(self, message: TimelineView.Highlighted) -> None:
        self.select_event(message.event_id, chosen=False)

    def on_timeline_view_selected(self, message: TimelineView.Selected) -> None:
        self.select_event(message.event_id, chosen=True)

    def select_event(self, event_id: str, *, chosen: bool) -> None:
        """Select an event; ``chosen`` (enter) edits it, or reads it when it cannot be."""
        self.change(selection=Selection(SelectionKind.EVENT, event_id))
        if chosen:
            if self.editor.can_edit():
                self.action_edit()
            else:
                self.query_one(DetailsPane).focus()

    def on_agenda_view_selected(self, message: DaySelected) -> None:
        """enter in the whole visit, the search results or the month: show the day (and event)."""
        selection = Selection(SelectionKind.EVENT, message.key)
        self.change(view=View.DAY, day=message.day, selection=selection)
        self.call_after_refresh(self.focus_day_view)

    on_search_results_list_selected = on_month_view_selected = on_agenda_view_selected

    def on_month_view_highlighted(self, message: MonthView.Highlighted) -> None:
        self.change(month_day=message.day)

    @on(ChoiceList.Highlighted, "#people")
    def choose_participant(self, message: ChoiceList.Highlighted) -> None:
        self.show_participant(message.key)

    @on(ChoiceList.Selected, "#people")
    def apply_participant(self, message: ChoiceList.Selected) -> None:
        self.show_participant(message.key)
        self.filter_by_participant(message.key)

    @on(ChoiceList.Highlighted, "#countries")
    def choose_country(self, message: ChoiceList.Highlighted) -> None:
        self.change(selection=Selection(SelectionKind.COUNTRY, message.key))

    @on(ChoiceList.Selected, "#countries")
    def apply_country(self, message: ChoiceList.Selected) -> None:
        self.change(selection=Selection(SelectionKind.COUNTRY, message.key))
        self.filter_by_country(message.key)

    @on(Input.Changed, "#search")
    def search_changed(self, message: Input.Changed) -> None:
        self.change_filter(replace(self.browse.filter, text=message.value))

    @on(Input.Submitted, "#search")
    def focus_day_view(self) -> None:
        """Focus the main view (the day's events or the day list, the timeline, the whole
        visit or the month); enter in the search line does it too."""
        self.query_one(PaneLayout).main_view().focus()

    # --- intents (keys and the command palette) ---------------------------------------
    def filter_by_country(self, code: str) -> None:
        """Show only the events that involve one country."""
        self.change_filter(replace(self.browse.filter, countries=frozenset({code})))

    def filter_by_participant(self, participant_id: str) -> None:
        """Show only a participant's events (within the country filter, if any)."""
        self.change_filter(replace(self.browse.filter, participants=frozenset({participant_id})))

    def show_participant(self, participant_id: str) -> None:  # their itinerary, in the details
        self.change(selection=Selection(SelectionKind.PARTICIPANT, participant_id))

    # --- keys that change what is shown (bound in tui.ui.keys) ------------------------
    def action_step_day(self, step: int) -> None:
        self.browse = step_day(self.index, self.browse, self.local_zone, step)

    def action_jump_day(self, number: int) -> None:
        day = nth_day(self.index, self.browse, self.local_zone, number)
        if day is None:
            days = len(self.screenful.days) if self.screenful else 0
            self.notify(f"The calendar has {days} days.", severity="warning")
        else:
            self.change(day=day)

    def action_go_now(self) -> None:
        self.browse = at_now(self.index, self.browse, self.local_zone, self.clock())
        self.query_one(PaneLayout).reveal_selected(self.screenful)
        self.call_after_refresh(self.focus_day_view)

    def action_copy_markdown(self) -> None:
        in_days = self.focused is self.query_one("#days")
        copy_markdown(self, self.index, self.browse, self.local_zone, in_days)

    def action_clear_filter(self) -> None:
        nobody = frozenset[str]()  # and no country
        self.change_filter(replace(self.browse.filter, countries=nobody, participants=nobody))

    def action_search(self) -> None:
        self.query_one(SearchBar).slash()

    def action_escape(self) -> None:
        """Close the search, or show every pane again, or go back to the day view."""
        if self.query_one(SearchBar).close():
            self.focus_day_view()
        elif not self.query_one(PaneLayout).restore() and self.browse.view is not View.DAY:
            self.action_toggle_view(self.browse.view.value)

    def action_toggle_maximize(self) -> None:
        self.query_one(PaneLayout).toggle(self.focused)

    def action_toggle_view(self, name: str) -> None:
        self.browse = toggled_view(self.browse, View(name))
        self.call_after_refresh(self.focus_day_view)

    def action_switch_lanes(self) -> None:
        self.browse = other_lanes(self.browse)
        self.call_after_refresh(self.focus_day_view)

    def action_cycle_zone(self) -> None:
        # The header says which zone is in force; no toast needed.
        self.change(zone_mode=self.browse.zone_mode.next())

    def action_whole_text(self) -> None:
        self.change(whole_text=not self.browse.whole_text)

    # --- dialogs: their answers come back to the callbacks given --------------------
    def action_country_filter(self) -> None:
        self.dialogs.country_filter(self.calendar, self.browse.filter.countries, self.set_countries)

    def set_countries(self, codes: frozenset[str]) -> None:
        self.change_filter(replace(self.browse.filter, countries=codes))

    def action_export(self) -> None:
        if self.screenful is not None:
            events = self.index.select(self.browse.filter)
            self.dialogs.export(self.calendar, events, self.screenful.export_name, self.path)

    def action_help(self) -> None:
        self.dialogs.help(self.active_bindings, editable=self.editor.can_edit())

    def action_source_link(self, verb: str) -> None:
        with_source(self, self.screenful.sources if self.screenful else (), verb)

    def action_warnings(self) -> None:
        self.dialogs.notices(Notices.of(self.living))

    def action_about(self) -> None:
        self.dialogs.about(self.calendar)

    def action_changes(self) -> None:
        self.dialogs.changes(self.living.log, self.mark_seen)

    def mark_seen(self) -> None:
        """Everything shown so far is seen; the next start shows what changed after now."""
        self.set_living(mark_seen(self.living, self.path))

    def action_reload(self) -> None:
        if self.follower is None:
            self.notify("This calendar was not read from a file.", severity="warning")
        else:
            self.follower.reload_now()

    # --- editing: a few entry points into the editor (it holds the file's owner) ------
    def action_new_event(self) -> None:
        self.editor.open_form(self.calendar, None, self.browse.day)

    def action_edit(self) -> None:
        if (event := self.editor.selected_event(self.index, self.browse)) is not None:
            self.editor.open_form(self.calendar, event, self.browse.day)

    def action_remove_event(self, delete: bool) -> None:
        self.editor.ask_then_edit(self.index, self.browse, self.local_zone, delete=delete)

    def on_choice_list_edit_asked(self, message: ChoiceList.EditAsked) -> None:
        self.editor.open_table_form(self.calendar, message.control.table, message.key)

    def action_undo(self) -> None:
        self.editor.undo()

    def action_redo(self) -> None:
        self.editor.redo()

    def on_event_saved(self, message: EventSaved) -> None:
        self.change(selection=Selection(SelectionKind.EVENT, message.event_id))
