"""The main screen's CalDAV side: the palette's "Publish to CalDAV…" and the header's
"published 2 minutes ago".

When the calendar was last published (to the URL remembered for it) is read from the
private state in a thread after the first frame, then kept here as ``at``; the screen
passes it to the presenter, which words it. A tick rewords it while time passes.

Read-only (``diplocal serve --read-only``) refuses publishing, as it refuses edits, although
publishing does not write the calendar file: a served viewer would send this machine's
CalDAV credentials (from its environment or ~/.netrc) to a URL of the viewer's choosing,
and write to a shared calendar in this user's name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.widget import Widget

from tui.core.model import Calendar
from tui.core.present.screenful import published_words

PUBLISH_OFF = "Read-only: publishing is off here (it would use this machine's credentials)."
TICK_S = 30.0  # how often "published 2 minutes ago" is reworded


class Publishing:
    """Opens the publish dialog for ``host`` and knows when its calendar was last published.

    ``calendar`` gives the calendar shown, ``show`` presents the screen again (the header
    words ``at``), ``clock`` is the screen's."""

    def __init__(
        self,
        host: Widget,
        path: Path | None,
        calendar: Callable[[], Calendar],
        show: Callable[[], None],
        clock: Callable[[], datetime],
    ) -> None:
        self.host = host
        self.path = path
        self.calendar = calendar
        self.show = show
        self.clock = clock
        self.at: datetime | None = None
        self.words = ""  # what the header was last given

    def start(self) -> None:
        """Read when it was last published, off the UI thread; then reword it as time passes."""
        calendar_id = self.calendar().id

        def read() -> None:
            # Here, not at the top: publishing's modules (httpx, icalendar) are not for
            # the first frame.
            from tui.core.sharing.remembered import last_published, remembered_url

            at = last_published(calendar_id, remembered_url(calendar_id, self.path))
            if at is not None:
                self.host.app.call_from_thread(self.published, at)

        self.host.run_worker(read, thread=True, name="published", exit_on_error=False)
        self.host.set_interval(TICK_S, self.reword)

    def published(self, at: datetime | None) -> None:
        """A round ended well at ``at`` (None: nothing to change)."""
        if at is not None:
            self.at = at
            self.reword()

    def reword(self) -> None:
        """Present the screen again when the words for ``at`` changed (a minute went by)."""
        words = published_words(self.at, self.clock())
        if words != self.words:
            self.words = words
            self.show()

    def open(self) -> None:
        """The publish dialog, offering the URL remembered for this calendar."""
        if getattr(self.host.app, "read_only", False):
            self.host.notify(PUBLISH_OFF, severity="warning")
            return
        from tui.core.sharing.remembered import remembered_url
        from tui.ui.dialogs.publish_modal import PublishModal  # loaded when first used

        calendar = self.calendar()
        url = remembered_url(calendar.id, self.path)
        self.host.app.push_screen(PublishModal(calendar, self.path, url), self.published)
