"""Importing iCalendar from the palette: a source, a preview of the changes, then the write.

Enter on the source reads it and shows what the import would change, in `diplocal diff`'s
words, with what would not be imported and why; nothing is written until the second enter
("Import"). Reading and writing run in a thread worker (a URL or 10,000 events take
seconds); escape cancels. The write goes through the file's owner as one edit, so ctrl+z
takes the whole import back. The modal returns an ``ImportDone`` (the owner's outcome, and
how to write it again over a broken file) for the screen to show as it shows every edit;
a conflict (the events it touches changed on disk meanwhile) asks for a new preview.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker

from tui.core.editing.document import CalendarDocument, Outcome, Result
from tui.core.errors import CalendarError, UsageError
from tui.core.importing.fetch import read_source
from tui.core.importing.plan import Action
from tui.core.importing.session import Options, Prepared, prepare_import, write_prepared
from tui.core.living.changes import change_line
from tui.ui.dialogs.worker_modal import WorkerModal
from tui.ui.worker_threads import finishing


@dataclass(frozen=True, slots=True)
class ImportDone:
    """What the write came to, and the same import made over a broken file (to ask first)."""

    outcome: Outcome
    replace_broken: Callable[[], Outcome]


class ImportModal(WorkerModal[ImportDone | None]):
    """Imports a .ics file or URL into the calendar ``document`` owns; None when nothing
    was written (cancelled, or nothing to change)."""

    DEFAULT_CSS = """
    ImportModal { align: center middle; }
    #import-preview { height: auto; max-height: 16; margin-top: 1; }
    #import-message.-error { color: $error; text-style: bold; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, document: CalendarDocument) -> None:
        super().__init__()
        self.document = document
        self.path = document.path
        self.prepared: Prepared | None = None
        self.running: Worker[Prepared | Outcome] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog text-dialog"):
            yield Label("Import iCalendar (.ics file or URL)", classes="dialog-title")
            yield Input(placeholder="invitation.ics or https://…", id="import-source")
            yield Label("", id="import-message")
            with VerticalScroll(id="import-preview"):
                yield Static("", id="import-changes")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Preview", variant="primary", id="import-go")
                yield Button("Cancel", id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-source", Input).focus()

    def say(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#import-message", Label)
        label.update(Text(message))
        label.set_class(error, "-error")

    @on(Input.Changed, "#import-source")
    def source_changed(self) -> None:
        self.prepared = None
        self.query_one("#import-go", Button).label = "Preview"
        self.query_one("#import-changes", Static).update("")
        self.say("")

    @on(Input.Submitted, "#import-source")
    @on(Button.Pressed, "#import-go")
    def go(self) -> None:
        if self.running is not None:
            return
        source = self.query_one("#import-source", Input).value.strip()
        if not source:
            self.say("Enter a file name or a URL.", error=True)
            return
        if self.prepared is None:
            self.say("Reading… (escape cancels)")
            self.running = self.preview(source)
        elif not self.prepared.writes:
            self.dismiss(None)
        else:
            self.say("Writing…")
            self.running = self.write(self.prepared)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def preview(self, source: str) -> Prepared:
        """Worker thread: read the source and make the import, writing nothing."""
        name = source if "://" in source else str(Path(source).expanduser())
        return prepare_import(self.path, [read_source(name)], Options(), self.document)

    @work(thread=True, exclusive=True, exit_on_error=False)
    @finishing
    def write(self, prepared: Prepared) -> Outcome:
        """Worker thread: the owner writes what the preview showed, as one step."""
        return write_prepared(prepared)

    def show(self, prepared: Prepared) -> None:
        self.prepared = prepared
        lines = [change_line(change) for change in prepared.changes]
        lines += [str(diagnostic) for diagnostic in prepared.report()]
        self.query_one("#import-changes", Static).update(Text("\n".join(lines)))
        plan = prepared.plan
        counts = (
            f"{plan.count(Action.ADD)} to add, {plan.count(Action.UPDATE)} to update, "
            f"{len(plan.skipped)} not imported"
        )
        button = self.query_one("#import-go", Button)
        if prepared.writes:
            button.label = "Import"
            self.say(f"{counts}. Press enter again to import.")
        else:
            button.label = "Close"
            self.say(f"Nothing to change: {counts}.")

    def succeeded(self, result: object) -> None:
        if isinstance(result, Prepared):
            self.show(result)
        elif isinstance(result, Outcome):
            self.written(result)

    def failed(self, error: BaseException | None) -> None:
        self.say(_reason(error), error=True)

    def written(self, outcome: Outcome) -> None:
        """Saved or broken: back to the screen, which says so; else say why here."""
        prepared = self.prepared
        if outcome.result in (Result.SAVED, Result.UNCHANGED, Result.BROKEN) and prepared:
            again = partial(write_prepared, prepared, replace_broken=True)
            self.dismiss(ImportDone(outcome, again))
        elif outcome.conflict is not None:
            self.source_changed()  # the plan was made on the old version: make it again
            why = outcome.conflict.summary
            self.say(f"Not imported: {why}. Press enter to preview again.", error=True)
        else:
            self.say(outcome.message, error=True)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
        self.dismiss(None)


def _reason(error: BaseException | None) -> str:
    """What went wrong, as the command line would say it; an unexpected error is raised."""
    if isinstance(error, CalendarError):
        return "\n".join(str(d) for d in error.diagnostics[:5])
    if isinstance(error, UsageError):
        return str(error)
    raise error or RuntimeError("the import failed")
