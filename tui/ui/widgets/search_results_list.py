"""Every event a search matched, across all days, with its date and time.

The screen assigns ``hits`` (``tui.core.views.search_results.search_results`` for the
filter); rows come from ``tui.core.present.result_rows``. Moving the cursor posts
``Highlighted``, enter posts ``Selected`` with the event and the day to open it on.
Calendar text enters as plain ``Text``, never as markup.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.model import Status
from tui.core.present.result_rows import COMPACT_BELOW, ResultRow, result_rows
from tui.core.views.search_results import SearchHit

_TITLE_STYLE = {Status.CONFIRMED: "", Status.TENTATIVE: "italic", Status.CANCELLED: "strike dim"}


class SearchResultsList(OptionList):
    """One row per matching event."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    hits: reactive[tuple[SearchHit, ...]] = reactive((), init=False)

    class Highlighted(Message):
        """The cursor moved to a result."""

        def __init__(self, results: SearchResultsList, event_id: str, day: date) -> None:
            self.results = results
            self.event_id = event_id
            self.day = day
            super().__init__()

        @property
        def control(self) -> SearchResultsList:
            return self.results

        @property
        def key(self) -> str:
            """The event's id, as the whole visit's messages name it."""
            return self.event_id

    class Selected(Highlighted):
        """Enter on a result: show the event in its day."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days: dict[str, date] = {}  # event id -> the day to open it on
        self._compact: bool | None = None  # whether the rows were laid out narrow

    def watch_hits(self, hits: tuple[SearchHit, ...]) -> None:
        self.days = {hit.event_id: hit.day for hit in hits}
        self._fill(0 if hits else None)

    def on_resize(self) -> None:
        """Narrow, the rows say less of the date and time (``result_rows``): laid out anew
        when the width crosses that line."""
        if self.hits and (self.size.width < COMPACT_BELOW) != self._compact:
            self._fill(self.highlighted)

    def _fill(self, highlighted: int | None) -> None:
        width = self.size.width or COMPACT_BELOW
        self._compact = width < COMPACT_BELOW
        rows = result_rows(self.hits, width)
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(Option(_label(row), id=row.key) for row in rows)
            if highlighted is not None:
                self.highlighted = highlighted

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Highlighted(self, event.option.id, self.days[event.option.id]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Selected(self, event.option.id, self.days[event.option.id]))


def _label(row: ResultRow) -> Text:
    label = Text(row.lead, style="dim", no_wrap=True, overflow="ellipsis")
    label.append(row.title, style=_TITLE_STYLE[row.status])
    if row.who:
        label.append(f" · {row.who}", style="dim")
    return label
