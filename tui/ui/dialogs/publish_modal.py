"""Publishing the calendar to a CalDAV collection from the palette: URL, preview, then send.

Enter on the URL reads the collection and shows the changes a round would send (the dry
run), writing nothing; the second enter sends exactly those, in a thread worker, with
"3 of 17 sent" as it goes. Escape while sending stops after the request under way: what
the server confirmed is recorded (diplocal's private state), so publishing again sends the
rest and nothing twice. The whole calendar is published, never the filtered view: the
collection mirrors the calendar, and a filter would delete what it hides.

Credentials come from $DIPLOCAL_CALDAV_USERNAME/$DIPLOCAL_CALDAV_PASSWORD or ~/.netrc, as
for ``diplocal publish``; the URL (never a password) is remembered for the calendar.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widgets import Button, Input, Label, ProgressBar, Static
from textual.worker import Worker

from tui.core.errors import UsageError
from tui.core.model import Calendar
from tui.core.sharing.credentials import PASSWORD, USERNAME, check_url, find_auth
from tui.core.sharing.dav import SharingError, Target
from tui.core.sharing.plan import Write
from tui.core.sharing.publish import Outcome, Prepared, prepare, send
from tui.core.sharing.remembered import remember_url
from tui.core.sharing.report import change_lines, plan_summary, progress_line, result_line
from tui.core.text import one_line
from tui.ui.dialogs.worker_modal import WorkerModal

TIMEOUT_S = 30.0  # per request, as the command line's default


class PublishModal(WorkerModal[datetime | None]):
    """Publishes ``calendar`` to a CalDAV collection; returns when a round ended well."""

    DEFAULT_CSS = """
    PublishModal { align: center middle; }
    #publish-changes-box { height: auto; max-height: 14; margin-top: 1; }
    #publish-message.-error { color: $error; text-style: bold; }
    #publish-progress { display: none; }
    PublishModal.-sending #publish-progress { display: block; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel (while sending: stop)")]

    class Sent(Message):
        """The server confirmed one more write (posted from the worker thread)."""

        def __init__(self, sent: int, total: int) -> None:
            self.sent = sent
            self.total = total
            super().__init__()

    def __init__(self, calendar: Calendar, source: Path | None, url: str = "") -> None:
        super().__init__()
        self.calendar = calendar
        self.source = source  # the calendar's file: the URL is remembered per file
        self.url = url
        self.prepared: Prepared | None = None
        self.running: Worker[Prepared | Outcome] | None = None
        self.sending = False
        self.sent = 0  # counted in the worker thread, read here
        self.stop = threading.Event()

    def compose(self) -> ComposeResult:
        count = len(self.calendar.events)
        with Vertical(id="publish-dialog", classes="dialog text-dialog"):
            title = f"Publish all {count} event{'' if count == 1 else 's'} to CalDAV"
            yield Label(title, classes="dialog-title")
            yield Input(self.url, placeholder="https://…/calendars/user/visit/", id="publish-url")
            yield Label("", id="publish-message")
            yield ProgressBar(total=None, show_eta=False, id="publish-progress")
            with VerticalScroll(id="publish-changes-box"):
                yield Static("", id="publish-changes")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Preview", variant="primary", id="publish-go")
                yield Button("Cancel", id="publish-cancel")

    def on_mount(self) -> None:
        self.query_one("#publish-url", Input).focus()
        self.say("Enter the collection's URL: the changes are shown before anything is sent.")

    def say(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#publish-message", Label)
        label.update(Text(one_line(message)))
        label.set_class(error, "-error")

    @on(Input.Changed, "#publish-url")
    def url_changed(self) -> None:
        if self.running is None:
            self.prepared = None
            self.query_one("#publish-go", Button).label = "Preview"
            self.query_one("#publish-changes", Static).update("")

    @on(Input.Submitted, "#publish-url")
    @on(Button.Pressed, "#publish-go")
    def go(self) -> None:
        if self.running is not None:
            return
        if self.prepared is not None:
            self.start_sending(self.prepared)
            return
        url = self.query_one("#publish-url", Input).value.strip()
        try:
            check_url(url)
        except UsageError as error:
            self.say(str(error) if url else "Enter the collection's URL.", error=True)
            return
        self.say(f"Reading {url}… (escape cancels)")
        self.running = self.preview(url)

    def start_sending(self, prepared: Prepared) -> None:
        total = len(prepared.outcome.writes)
        self.sending, self.sent = True, 0
        self.set_class(True, "-sending")
        self.query_one("#publish-progress", ProgressBar).update(total=total, progress=0)
        self.query_one("#publish-go", Button).disabled = True
        self.say(f"{progress_line(0, total)} (escape stops after the current request)")
        self.running = self.send_plan(prepared)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def preview(self, url: str) -> Prepared:
        """Worker thread: read the collection and plan the round, sending no write."""
        target = Target(url, find_auth(url), TIMEOUT_S)
        events = list(self.calendar.events)
        prepared = prepare(self.calendar, events, target, create=True)
        remember_url(self.calendar.id, self.source, url)  # it answers as a collection
        return prepared

    @work(thread=True, exclusive=True, exit_on_error=False)
    def send_plan(self, prepared: Prepared) -> Outcome:
        """Worker thread: send the previewed plan, stopping when asked."""
        total = len(prepared.outcome.writes)
        return send(
            prepared, on_write=lambda write: self.wrote(write, total), stop=self.stop.is_set
        )

    def wrote(self, _write: Write, total: int) -> None:
        """In the worker thread: one more write the server confirmed."""
        self.sent += 1
        self.post_message(self.Sent(self.sent, total))

    def on_publish_modal_sent(self, message: Sent) -> None:
        self.query_one("#publish-progress", ProgressBar).update(progress=message.sent)
        if not self.stop.is_set():
            line = progress_line(message.sent, message.total)
            self.say(f"{line} (escape stops after the current request)")

    def show(self, prepared: Prepared) -> None:
        self.prepared = prepared
        outcome = prepared.outcome
        lines = change_lines(outcome)
        self.query_one("#publish-changes", Static).update(Text("\n".join(lines)))
        self.query_one("#publish-go", Button).label = "Publish" if outcome.writes else "Close"
        enter = "Press enter to send them." if outcome.writes else "Enter closes."
        self.say(f"{plan_summary(outcome)} {enter}")

    def succeeded(self, result: object) -> None:
        if isinstance(result, Prepared):
            self.show(result)
        elif isinstance(result, Outcome):
            self.finished(result)

    def finished(self, outcome: Outcome) -> None:
        worry = outcome.stopped or bool(outcome.conflicts)
        severity: SeverityLevel = "warning" if worry else "information"
        self.app.notify(result_line(outcome), title="Publish", severity=severity, markup=False)
        assert self.prepared is not None
        self.dismiss(None if outcome.stopped else self.prepared.now)

    def failed(self, error: BaseException | None) -> None:
        if not isinstance(error, SharingError | UsageError):
            raise error or RuntimeError("publishing failed")
        line = str(error)
        if isinstance(error, SharingError) and error.status == 401 and not self._has_auth():
            host = urlsplit(self.query_one("#publish-url", Input).value).hostname
            line = (
                f"{host} asks for a user name and password and none was found: set "
                f"${USERNAME} and ${PASSWORD} before starting diplocal, or add {host} to ~/.netrc"
            )
        if self.sending:
            total = len(self.prepared.outcome.writes) if self.prepared else 0
            line = f"{line} ({progress_line(self.sent, total)} before it; those are recorded)"
        self.sending, self.prepared = False, None
        self.stop.clear()
        self.set_class(False, "-sending")
        self.query_one("#publish-go", Button).disabled = False
        self.query_one("#publish-go", Button).label = "Preview"
        self.say(line, error=True)

    def _has_auth(self) -> bool:
        try:
            return find_auth(self.query_one("#publish-url", Input).value.strip()) is not None
        except SharingError:
            return False

    @on(Button.Pressed, "#publish-cancel")
    def action_cancel(self) -> None:
        if self.sending:  # the worker ends after the request under way, and says so
            self.stop.set()
            total = len(self.prepared.outcome.writes) if self.prepared else 0
            self.say(f"Stopping after the current request… ({progress_line(self.sent, total)})")
            return
        if self.running is not None:
            self.running.cancel()
        self.dismiss(None)
