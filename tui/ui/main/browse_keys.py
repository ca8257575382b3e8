"""The main screen's keys that change what is shown: days, filter, search, zone, views.

A mixin of ``MainScreen``; each action changes the screen's state (``browse``) once, and
the presenter does the rest.
"""

from __future__ import annotations

from dataclasses import replace

from tui.core.present.state import View, nth_day, step_day
from tui.core.views.lanes import LaneMode
from tui.ui.main.main_part import MainPart
from tui.ui.main.pane_layout import PaneLayout
from tui.ui.widgets.search_bar import SearchBar


class BrowseKeys(MainPart):
    """Actions bound in ``tui.ui.keys``; mixed into ``MainScreen`` only."""

    def action_step_day(self, step: int) -> None:
        self.main.browse = step_day(self.main.index, self.main.browse, self.main.local_zone, step)

    def action_jump_day(self, number: int) -> None:
        day = nth_day(self.main.index, self.main.browse, self.main.local_zone, number)
        if day is None:
            days = len(self.main.screenful.days) if self.main.screenful else 0
            self.main.notify(f"The calendar has {days} days.", severity="warning")
        else:
            self.main.change(day=day)

    def action_clear_filter(self) -> None:
        self.main.change_filter(
            replace(self.main.browse.filter, countries=frozenset(), participants=frozenset())
        )

    def action_search(self) -> None:
        # A priority key (see tui.ui.keys): in the search line itself, "/" is typed.
        search = self.main.query_one(SearchBar)
        if self.main.focused is search:
            search.insert_text_at_cursor("/")
        else:
            search.open()

    def action_escape(self) -> None:
        search = self.main.query_one(SearchBar)
        if search.shown:
            search.close()
            self.main.focus_day_view()
        else:
            self.main.query_one(PaneLayout).restore()

    def action_toggle_maximize(self) -> None:
        self.main.query_one(PaneLayout).toggle(self.main.focused)

    def action_toggle_view(self, name: str) -> None:
        view = View(name)
        self.main.change(view=View.DAY if self.main.browse.view is view else view)
        self.main.call_after_refresh(self.main.focus_day_view)

    def action_switch_lanes(self) -> None:
        lanes = self.main.browse.lanes_by
        other = LaneMode.VENUES if lanes is LaneMode.PARTICIPANTS else LaneMode.PARTICIPANTS
        self.main.change(lanes_by=other, view=View.TIMELINE)
        self.main.call_after_refresh(self.main.focus_day_view)

    def action_cycle_zone(self) -> None:
        # The header says which zone is in force; no toast needed.
        self.main.change(zone_mode=self.main.browse.zone_mode.next())

    def action_whole_text(self) -> None:
        self.main.change(whole_text=not self.main.browse.whole_text)
