"""Exporting the filtered view: path, format, overwrite confirmation, errors in place.

The calendar open in the app is never a target (as on the command line): replacing it with
the export would lose its comments and layout, with nothing to undo. A name ending in .ics
or .toml picks that format, as it does for `diplocal export -o`.

The file is produced in a thread worker: 100,000 events take seconds, and the app keeps
answering keys meanwhile; escape cancels: a cancelled export replaces no file, and one into
a FIFO stops at once (its reader keeps what it took), never left blocked in a write.

The thread shares the interpreter with the app: each frame the app draws meanwhile takes
the CPU from it. So the progress bar is moved a few times a second (not Textual's animated
bar, 15 frames a second).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.export.formats import ExportFormat, export_bytes, named_format, with_format
from tui.core.model import Calendar, Event
from tui.core.system.files import same_file, write_atomic
from tui.core.text import one_line

PROGRESS_EVERY = 0.25  # seconds between two moves of the progress bar while exporting


class ExportCancelled(Exception):
    """Escape was pressed: the writer stops where it is, and nothing is written."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written."""

    path: Path
    count: int


class ExportModal(ModalScreen[ExportResult | None]):
    """Writes ``events`` to a file; returns what was written, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        calendar: Calendar,
        events: Sequence[Event],
        default: Path,
        source: Path | None = None,
    ) -> None:
        super().__init__()
        self.calendar = calendar
        self.source = source  # the calendar's file: its SEQUENCE numbers are kept by it
        self.events = list(events)
        self.default = default
        self.confirmed_path: Path | None = None
        self.running: Worker[ExportResult | None] | None = None
        self.progress: Timer | None = None
        self.target = default
        self.written = 0  # events written so far: set by the worker, shown by a timer

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(f"Export {len(self.events)} events", classes="dialog-title")
            yield Input(str(self.default), id="export-path")
            with RadioSet(id="export-format"):
                for fmt in ExportFormat:
                    yield RadioButton(fmt.label, value=fmt is ExportFormat.ICS, id=f"format-{fmt}")
            yield Label("", id="export-message")
            yield ProgressBar(total=len(self.events), show_eta=False, id="export-progress")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def chosen_format(self) -> ExportFormat:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return (
            ExportFormat.TOML
            if pressed is not None and pressed.id == "format-toml"
            else (ExportFormat.ICS)
        )

    def say(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#export-message", Label)
        label.update(Text(one_line(message)))
        label.set_class(error, "-error")

    def show_progress(self) -> None:
        self.query_one("#export-progress", ProgressBar).progress = self.written

    @on(RadioSet.Changed)
    def format_changed(self) -> None:
        path_input = self.query_one("#export-path", Input)
        path_input.value = with_format(path_input.value, self.chosen_format)

    @on(Input.Changed, "#export-path")
    def path_changed(self, event: Input.Changed) -> None:
        self.confirmed_path = None
        self.query_one("#export-go", Button).label = "Export"
        # The name says the format, as on the command line: iCalendar text in a .toml
        # file would not open as a calendar, and the next `diplocal` on it would fail.
        named = named_format(event.value.strip())
        if named is not None and named is not self.chosen_format:
            self.query_one(f"#format-{named}", RadioButton).value = True
            self.say(f"The name ends in .{named}: the format is now {named.label}.")
        else:
            self.say("")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def export(self) -> None:
        if self.running is not None:
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.say("Enter a file name.", error=True)
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self.say(f"{path} is a folder: add a file name.", error=True)
            return
        if self.source is not None and same_file(path, self.source):
            self.say(
                f"{path} is the calendar open here: exporting to it would replace it. "
                "Choose another name.",
                error=True,
            )
            return
        if path.exists() and self.confirmed_path != path:
            self.confirmed_path = path
            self.query_one("#export-go", Button).label = "Overwrite"
            self.say(f"{path} exists. Press enter again to replace it.")
            return
        self.target = path
        self.set_class(True, "-running")
        self.say(f"Writing {len(self.events)} events… (escape cancels)")
        self.running = self.write(path, self.chosen_format)
        self.progress = self.set_interval(PROGRESS_EVERY, self.show_progress)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def write(self, path: Path, fmt: ExportFormat) -> ExportResult | None:
        """Worker thread: produce the file, then write it unless cancelled meanwhile."""
        worker = get_current_worker()

        def check(written: int) -> None:
            # Stops a cancelled export within a few hundred events, not after all of
            # them: it would go on taking the CPU from the app, and hold up quitting.
            self.written = written
            if worker.is_cancelled:
                raise ExportCancelled

        try:
            data = export_bytes(self.calendar, self.events, fmt, source=self.source, check=check)
        except ExportCancelled:
            return None
        if worker.is_cancelled:
            return None
        # A FIFO whose reader stops reading: escape (or quitting) ends the write at once.
        write_atomic(path, data, stop=worker.cancelled_event.is_set)
        return ExportResult(path, len(self.events))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self.running:
            return
        if event.state is WorkerState.SUCCESS and event.worker.result is not None:
            result = event.worker.result
            message = f"Exported {result.count} events to {result.path.resolve()}"
            self.app.notify(one_line(message), title="Export", markup=False)
            self.dismiss(result)
        elif event.state is WorkerState.ERROR:
            self.running = None
            if self.progress is not None:
                self.progress.stop()
            self.set_class(False, "-running")
            error = event.worker.error
            reason = error.strerror if isinstance(error, OSError) else None
            self.say(f"Cannot write {self.target}: {reason or error}", error=True)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
        self.dismiss(None)
