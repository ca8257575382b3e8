"""The main screen's dialogs, opened for it: each is given the data it shows and a callback
for its answer, and knows nothing of the screen (the screen decides what an answer does).

The dialogs' modules are imported when first opened: their widgets are not needed for the
first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from textual.binding import ActiveBinding
from textual.widget import Widget

from tui.core.living.versions import Update
from tui.core.model import Calendar, Event
from tui.core.present.details import about_details, change_log, notice_details
from tui.core.present.screenful import Notices


class DialogOpener:
    """Opens the dialogs of ``host``'s app; answers go to the callbacks given."""

    def __init__(self, host: Widget) -> None:
        self.host = host

    def country_filter(
        self, calendar: Calendar, current: frozenset[str], apply: Callable[[frozenset[str]], None]
    ) -> None:
        """The country filter dialog; ``apply`` gets the codes chosen (not called on escape)."""
        from tui.ui.dialogs.country_filter_modal import CountryFilterModal

        def answered(codes: frozenset[str] | None) -> None:
            if codes is not None:
                apply(codes)

        self.host.app.push_screen(CountryFilterModal(calendar, current), answered)

    def export(
        self, calendar: Calendar, events: Sequence[Event], name: str, source: Path | None
    ) -> None:
        """Export ``events``, under the presenter's default name; ``source`` is the file
        (SEQUENCE numbers are kept per file)."""
        from tui.ui.dialogs.export_modal import ExportModal

        self.host.app.push_screen(ExportModal(calendar, events, Path(name), source))

    def help(self, bindings: dict[str, ActiveBinding]) -> None:
        """Every key that works where the focus is."""
        from tui.ui.dialogs.help_modal import HelpModal

        self.host.app.push_screen(HelpModal(bindings))

    def notices(self, notices: Notices) -> None:
        """The loader's warnings and errors, each as FILE:LINE:COL."""
        from tui.ui.dialogs.text_modal import TextModal

        lines = notice_details(notices.warnings, notices.errors, looking=notices.looking)
        self.host.app.push_screen(TextModal("Warnings and errors", lines))

    def about(self, calendar: Calendar) -> None:
        """The calendar's own title, description, sources, revision and counts."""
        from tui.ui.dialogs.text_modal import TextModal

        self.host.app.push_screen(TextModal("About this calendar", about_details(calendar)))

    def changes(self, log: tuple[Update, ...], mark_seen: Callable[[], None]) -> None:
        """What changed since the user last looked, newest first; `s` calls ``mark_seen``."""
        from tui.ui.dialogs.text_modal import ChangesModal

        def answered(mark: bool | None) -> None:
            if mark:
                mark_seen()

        modal = ChangesModal("Changes since you last looked", change_log(log))
        self.host.app.push_screen(modal, answered)
