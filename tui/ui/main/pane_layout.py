"""The panes below the header, and `m`: one pane fills the body, the header stays.

Textual's own maximize hides everything else, the header with the filter and zone too;
this keeps the header and footer and hides only the other panes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from tui.core.present.screenful import Screenful
from tui.core.present.state import View
from tui.ui.widgets.country_list import CountryList
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import DayView
from tui.ui.widgets.details_pane import DetailsPane
from tui.ui.widgets.participant_list import ParticipantList

if TYPE_CHECKING:
    from tui.ui.widgets.agenda_view import AgendaView
    from tui.ui.widgets.month_view import MonthView
    from tui.ui.widgets.search_results_list import SearchResultsList
    from tui.ui.widgets.timeline_view import TimelineView

PANES = ("days", "people", "countries", "results", "day-area", "details")
# The main pane's widget for each view.
VIEW_IDS = {
    View.DAY: "day-view",
    View.TIMELINE: "timeline",
    View.AGENDA: "agenda",
    View.MONTH: "month",
}
TITLES = {
    "days": "Days",
    "people": "Participants",
    "countries": "Countries",
    "details": "Details",
}


class PaneLayout(Horizontal):
    """The body: the lists on the left, the day and the details beside or below them.

    It lays the panes out; the screen hands each its part of the ``Screenful``.
    """

    day_title = ""  # the main pane's title last handed down

    def compose(self) -> ComposeResult:
        with Vertical(id="nav"):
            yield DayList(id="days")
            yield ParticipantList(id="people")
            yield CountryList(id="countries")
        with Vertical(id="main"):
            with ContentSwitcher(id="day-area", initial="day-view"):
                # The timeline and the whole visit are mounted when first shown.
                yield DayView(id="day-view")
            yield DetailsPane(id="details")

    def on_mount(self) -> None:
        for name, title in TITLES.items():
            self.query_one(f"#{name}").border_title = title

    def show_view(self, view: View) -> None:
        """Show the view's widget in the main pane, mounting it the first time. The month
        fills the body: the lists, the details and the search results give it their room."""
        switcher = self.query_one(ContentSwitcher)
        if self._view(view) is None:
            switcher.mount(_view_widget(view))  # registered at once, shown below
        switcher.current = VIEW_IDS[view]
        self.set_class(view is View.MONTH, "-month")

    def hand_down(self, screenful: Screenful) -> None:
        """The one place where each pane of the body gets its typed part. A reactive given
        a value equal to the one it has does nothing, so a pane redraws only when its own
        part changed. The rows go before the cursor's place in them."""
        days = self.query_one(DayList)
        days.rows = screenful.days
        days.day = screenful.day
        self.query_one(ParticipantList).people = screenful.people
        self.query_one(CountryList).countries = screenful.countries
        day_view = self.query_one(DayView)
        day_view.listing = screenful.listing
        day_view.selected = screenful.selected_event
        self.query_one(DetailsPane).details = screenful.shown_details
        self.show_view(screenful.view)
        timeline, agenda, month = self.timeline_view, self.agenda_view, self.month_view
        if timeline is not None:
            timeline.timeline = screenful.timeline
            timeline.selected = screenful.selected_event
            timeline.now = screenful.now
        if agenda is not None:
            agenda.agenda = screenful.agenda
        if month is not None:
            month.grid = screenful.month
            month.cursor = screenful.month_day
        if screenful.day_title != self.day_title:  # setting a border title always repaints
            self.day_title = screenful.day_title
            for view in (day_view, timeline, agenda, month):
                if view is not None:
                    view.border_title = screenful.day_title
        self.hand_results(screenful)
        if not screenful.rows and self.screen.focused is day_view.table:
            self.query_one(DayList).focus()  # the focus does not stay on an empty table

    def reveal_selected(self, screenful: Screenful | None) -> None:
        """`.` in the whole visit: its cursor goes to the event `.` chose, scrolled into view
        (the other views show the selection as it is handed down)."""
        agenda = self.agenda_view
        event_id = screenful.selected_event if screenful is not None else None
        if agenda is not None and agenda.display and screenful and event_id and screenful.day:
            agenda.reveal(event_id, screenful.day)

    def hand_results(self, screenful: Screenful) -> None:
        """While searching, every match across the days, above the day (mounted the first
        time, as its modules are not needed before); hidden when not searching."""
        results = self.results_list
        if results is None and not screenful.results:
            return
        if results is None:
            from tui.ui.widgets.search_results_list import SearchResultsList

            results = SearchResultsList(id="results")
            results.set_class(self.maximized_pane is not None, "-hidden")  # `m` holds
            self.query_one("#main").mount(results, before=0)
        results.hits = screenful.results
        shown, matching = len(screenful.results), screenful.matching
        more = f" (the first {shown} of {matching})" if shown < matching else f" ({shown})"
        results.border_title = f"Search results{more}"
        results.set_class(not screenful.results, "-not-searching")

    @property
    def results_list(self) -> SearchResultsList | None:
        """The search results, once a search has shown them."""
        found = self.query("#results")
        return found.first() if found else None  # type: ignore[return-value]

    def _view(self, view: View) -> Widget | None:
        """The widget of ``view``, if it has been mounted."""
        wanted = VIEW_IDS[view]
        return next((w for w in self.query_one(ContentSwitcher).children if w.id == wanted), None)

    @property
    def timeline_view(self) -> TimelineView | None:
        """The timeline, once it has been shown."""
        return self._view(View.TIMELINE)  # type: ignore[return-value]

    @property
    def agenda_view(self) -> AgendaView | None:
        """The whole visit, once it has been shown."""
        return self._view(View.AGENDA)  # type: ignore[return-value]

    @property
    def month_view(self) -> MonthView | None:
        """The month, once it has been shown."""
        return self._view(View.MONTH)  # type: ignore[return-value]

    def main_view(self) -> Widget:
        """The widget to focus in the main pane: the day's events (or the day list when the
        day shows none), the timeline or the whole visit."""
        switcher = self.query_one(ContentSwitcher)
        if switcher.current != VIEW_IDS[View.DAY]:
            return self.query_one(f"#{switcher.current}") if switcher.current else switcher
        day_view = self.query_one(DayView)
        listing = day_view.listing
        return day_view.table if listing is not None and listing.rows else self.query_one(DayList)

    def pane_of(self, widget: Widget | None) -> Widget | None:
        """The pane that holds ``widget``, if any."""
        node = widget
        while node is not None and node is not self:
            if isinstance(node, Widget) and node.id in PANES:
                return node
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    @property
    def maximized_pane(self) -> Widget | None:
        return next((w for w in self.query(".-maximized").results(Widget)), None)

    def toggle(self, focused: Widget | None) -> None:
        """Fill the body with the focused pane, or restore the panes if one fills it."""
        pane = self.pane_of(focused)
        if self.maximized_pane is not None or pane is None:
            self.restore()
        else:
            self.show_only(pane)

    def restore(self) -> bool:
        """Every pane shown again; whether one was maximized."""
        maximized = bool(self.query(".-maximized"))
        self.show_only(None)
        return maximized

    def show_only(self, pane: Widget | None) -> None:
        for name in PANES:
            found = self.query(f"#{name}")  # the search results only once a search showed them
            if not found:
                continue
            widget = found.first()
            widget.set_class(pane is not None and widget is not pane, "-hidden")
            widget.set_class(widget is pane, "-maximized")
        for column in self.children:
            holds = pane is not None and pane in column.walk_children()
            column.set_class(pane is not None and not holds, "-hidden")
            column.set_class(holds, "-maximizing")


def width_class(breakpoints: list[tuple[int, str]], width: int) -> str:
    """The class Textual's breakpoints give ``width`` (the widest whose least it reaches)."""
    return next(name for least, name in sorted(breakpoints, reverse=True) if width >= least)


def _view_widget(view: View) -> Widget:
    """A new widget for the timeline, the whole visit or the month. Their modules (and the
    core's layout of them) load here, the first time the view is shown, not before the first
    frame."""
    if view is View.TIMELINE:
        from tui.ui.widgets.timeline_view import TimelineView

        return TimelineView(id=VIEW_IDS[view])
    if view is View.MONTH:
        from tui.ui.widgets.month_view import MonthView

        return MonthView(id=VIEW_IDS[view])
    from tui.ui.widgets.agenda_view import AgendaView

    return AgendaView(id=VIEW_IDS[view])
