"""The main screen's intents that open a dialog or talk to the system.

Each takes the screen and changes its state only through its public methods. The dialogs
are imported when first opened: their widgets are not needed for the first paint.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.present.details import about_details, change_log, notice_details
from tui.core.system.opener import open_url

if TYPE_CHECKING:
    from tui.ui.main.main_screen import MainScreen


def choose_countries(screen: MainScreen) -> None:
    """The country filter dialog; what it returns becomes the filter."""
    from tui.ui.dialogs.country_filter_modal import CountryFilterModal

    def apply(codes: frozenset[str] | None) -> None:
        if codes is not None:
            screen.change_filter(replace(screen.browse.filter, countries=codes))

    current = screen.browse.filter.countries
    screen.app.push_screen(CountryFilterModal(screen.calendar, current), apply)


def export(screen: MainScreen) -> None:
    """Export what the filter leaves, under the presenter's default name; read-only, a
    download in the viewer's browser (``diplocal serve``), never a file on this machine."""
    from tui.ui.dialogs.export_modal import ExportModal

    if getattr(screen.app, "read_only", False):
        _download(screen)
    elif screen.screenful is not None:
        events = screen.index.select(screen.browse.filter)
        default = Path(screen.screenful.export_name)
        screen.app.push_screen(ExportModal(screen.calendar, events, default))


EXPORT_OFF = "Read-only: export is off here (in a browser it downloads the .ics)."


def _download(screen: MainScreen) -> None:
    """The filtered events as an .ics download in the viewer's browser, when there is one.
    Made in a thread worker: a large calendar takes seconds, and the app keeps answering."""
    if not screen.app.is_web or screen.screenful is None:
        screen.notify(EXPORT_OFF, severity="warning")
        return
    from tui.core.export.formats import ExportFormat, export_bytes, with_format

    app, calendar = screen.app, screen.calendar
    events = screen.index.select(screen.browse.filter)
    name = Path(with_format(screen.screenful.export_name, ExportFormat.ICS)).name

    def deliver(data: bytes) -> None:
        app.deliver_binary(io.BytesIO(data), save_filename=name, mime_type="text/calendar")

    def make() -> None:
        try:
            data = export_bytes(calendar, events, ExportFormat.ICS)
        except Exception as error:  # say so, then let the worker fail with it
            message = f"The download could not be made: {error}"
            app.call_from_thread(app.notify, message, severity="error", markup=False)
            raise
        app.call_from_thread(deliver, data)

    screen.notify(f"Downloading {name}", markup=False)
    screen.run_worker(make, thread=True, name="download", exit_on_error=False)


def show_help(screen: MainScreen) -> None:
    """Every key that works where the focus is."""
    from tui.ui.dialogs.help_modal import HelpModal

    screen.app.push_screen(HelpModal(screen.active_bindings))


def with_source(screen: MainScreen, verb: str, then: Callable[[MainScreen, str], None]) -> None:
    """Act on the selected event's one source link, or ask which when it has several."""
    from tui.ui.dialogs.source_picker import SourcePicker

    sources = screen.screenful.sources if screen.screenful else ()
    if not sources:
        screen.notify("The selection has no source links.", severity="warning")
    elif len(sources) == 1:
        then(screen, sources[0])
    else:

        def chosen(url: str | None) -> None:
            if url:
                then(screen, url)

        screen.app.push_screen(SourcePicker(verb, sources), chosen)


def open_source(screen: MainScreen, url: str) -> None:
    """Open a link with the system's opener, or the viewer's browser when the app is
    served to one (``diplocal serve``), and say what happened."""
    if screen.app.is_web:
        screen.app.open_url(url)
        screen.notify(f"Opening {url}", markup=False)
    elif open_url(url):
        screen.notify(f"Opening {url}", markup=False)
    else:
        screen.notify("Nothing here can open links: press y to copy it.", severity="warning")


def copy_source(screen: MainScreen, url: str) -> None:
    """Copy a link to the clipboard (through the terminal), and say so."""
    screen.app.copy_to_clipboard(url)
    screen.notify(f"Copied {url}", markup=False)


def show_notices(screen: MainScreen) -> None:
    """The loader's warnings and errors, each as FILE:LINE:COL."""
    from tui.ui.dialogs.text_modal import TextModal

    notices = screen.notices
    lines = notice_details(notices.warnings, notices.errors, looking=notices.looking)
    screen.app.push_screen(TextModal("Warnings and errors", lines))


def show_about(screen: MainScreen) -> None:
    """The calendar's own title, description, sources, revision and counts."""
    from tui.ui.dialogs.text_modal import TextModal

    screen.app.push_screen(TextModal("About this calendar", about_details(screen.calendar)))


def show_changes(screen: MainScreen) -> None:
    """What changed since the user last looked, newest first; `s` marks it all as seen."""
    from tui.core.living.baseline import save_baseline
    from tui.core.living.versions import seen
    from tui.ui.dialogs.text_modal import ChangesModal

    def answered(mark: bool | None) -> None:
        if not mark:
            return
        screen.set_living(seen(screen.living))
        if screen.path is not None and not screen.living.errors:
            # The next start shows what changed after this moment.
            with contextlib.suppress(OSError):
                save_baseline(screen.calendar.id, screen.path.read_bytes())

    lines = change_log(screen.living.log)
    screen.app.push_screen(ChangesModal("Changes since you last looked", lines), answered)
