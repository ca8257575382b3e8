"""The main screen's dialogs, opened for it: each is given the data it shows and a callback
for its answer, and knows nothing of the screen (the screen decides what an answer does).

The dialogs' modules are imported when first opened: their widgets are not needed for the
first paint.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

from textual.binding import ActiveBinding
from textual.widget import Widget

from tui.core.living.versions import Update
from tui.core.model import Calendar, Event
from tui.core.present.details import about_details, change_log, notice_details
from tui.core.present.screenful import Notices

# Keys that change the file, and the panes where enter chooses an event (to edit it).
# By action as bound: d and D share remove_event; N and E are the participant's and country's.
EDITING_ACTIONS = frozenset(
    {"new_event", "remove_event(False)", "remove_event(True)", "undo", "redo", "add", "edit"}
)
EVENT_PANES = frozenset({"events-table", "timeline"})


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
        (SEQUENCE numbers are kept per file). Read-only, a download in the viewer's browser
        (``diplocal serve``), never a file on this machine."""
        from tui.ui.dialogs.export_modal import ExportModal

        if getattr(self.host.app, "read_only", False):
            download(self.host, calendar, events, name)
        else:
            self.host.app.push_screen(ExportModal(calendar, events, Path(name), source))

    def help(self, bindings: dict[str, ActiveBinding], *, editable: bool) -> None:
        """Every key that works where the focus is, saying what it does here: enter on an
        event edits it, or reads it when the calendar cannot be edited; edits say so."""
        from tui.ui.dialogs.help_modal import HelpModal

        says: dict[str, str] = {}
        if not editable:
            for active in bindings.values():
                binding = active.binding
                if binding.action in EDITING_ACTIONS:
                    says[binding.action] = f"{binding.description} (not here: read-only)"
        focused = self.host.app.focused
        if focused is not None and focused.id in EVENT_PANES:
            says["select_cursor"] = "Edit the event" if editable else "Read the event's details"
        self.host.app.push_screen(HelpModal(bindings, says))

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


EXPORT_OFF = "Read-only: export is off here (in a browser it downloads the .ics)."


def download(host: Widget, calendar: Calendar, events: Sequence[Event], name: str) -> None:
    """The events as an .ics download in the viewer's browser, when there is one. Made in a
    thread worker: a large calendar takes seconds, and the app keeps answering."""
    app = host.app
    if not app.is_web:
        host.notify(EXPORT_OFF, severity="warning")
        return
    from tui.core.export.formats import ExportFormat, export_bytes, with_format

    filename = Path(with_format(name, ExportFormat.ICS)).name

    def deliver(data: bytes) -> None:
        app.deliver_binary(io.BytesIO(data), save_filename=filename, mime_type="text/calendar")

    def make() -> None:
        try:
            data = export_bytes(calendar, events, ExportFormat.ICS)
        except Exception as error:  # say so, then let the worker fail with it
            message = f"The download could not be made: {error}"
            app.call_from_thread(app.notify, message, severity="error", markup=False)
            raise
        app.call_from_thread(deliver, data)

    host.notify(f"Downloading {filename}", markup=False)
    host.run_worker(make, thread=True, name="download", exit_on_error=False)
