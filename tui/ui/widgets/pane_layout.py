"""The panes below the header, and `m`: one pane fills the body, the header stays.

Textual's own maximize hides everything else, the header with the filter and zone too;
this keeps the header and footer and hides only the other panes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from tui.core.present import Screenful, SelectionKind, View
from tui.ui.widgets.agenda_view import AgendaView
from tui.ui.widgets.country_list import CountryList
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import DayView
from tui.ui.widgets.details import DetailsPane
from tui.ui.widgets.participant_list import ParticipantList
from tui.ui.widgets.timeline_view import TimelineView

PANES = ("days", "people", "countries", "day-area", "details")
# The main pane's widget for each view.
VIEW_IDS = {View.DAY: "day-view", View.TIMELINE: "timeline", View.AGENDA: "agenda"}
TITLES = {
    "days": "Days",
    "people": "Participants",
    "countries": "Countries",
    "details": "Details",
}


class PaneLayout(Horizontal):
    """The body: the lists on the left, the day and the details beside or below them.

    It passes the screen's ``Screenful`` down to each pane, which draws its own part.
    """

    screenful: reactive[Screenful | None] = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        bound = PaneLayout.screenful
        with Vertical(id="nav"):
            yield DayList(id="days").data_bind(bound)
            yield ParticipantList(id="people").data_bind(bound)
            yield CountryList(id="countries").data_bind(bound)
        with Vertical(id="main"):
            with ContentSwitcher(id="day-area", initial="day-view"):
                yield DayView(id="day-view").data_bind(bound)
                yield TimelineView(id="timeline")
                yield AgendaView(id="agenda")
            yield DetailsPane(id="details").data_bind(bound)

    def on_mount(self) -> None:
        for name, title in TITLES.items():
            self.query_one(f"#{name}").border_title = title

    def watch_screenful(self, screenful: Screenful | None) -> None:
        """Show the view's widget, and hand the timeline and agenda their part."""
        if screenful is None:
            return
        self.query_one(ContentSwitcher).current = VIEW_IDS[screenful.view]
        timeline = self.query_one(TimelineView)
        timeline.timeline = screenful.timeline
        timeline.border_title = self.query_one(AgendaView).border_title = screenful.day_title
        if screenful.timeline is not None:
            selection = screenful.selection
            if selection is not None and selection.kind is SelectionKind.EVENT:
                timeline.select(selection.key)
        self.query_one(AgendaView).agenda = screenful.agenda

    @property
    def view_widget(self) -> Widget:
        """The widget of the view shown now: the one to focus."""
        switcher = self.query_one(ContentSwitcher)
        return self.query_one(f"#{switcher.current}") if switcher.current else switcher

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

    def restore(self) -> None:
        self.show_only(None)

    def show_only(self, pane: Widget | None) -> None:
        for name in PANES:
            widget = self.query_one(f"#{name}")
            widget.set_class(pane is not None and widget is not pane, "-hidden")
            widget.set_class(widget is pane, "-maximized")
        for column in self.children:
            holds = pane is not None and pane in column.walk_children()
            column.set_class(pane is not None and not holds, "-hidden")
            column.set_class(holds, "-maximizing")
