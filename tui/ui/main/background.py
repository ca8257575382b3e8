"""The main screen's work off the UI thread: following the file, indexes, a large load's end.

Each runs in a thread worker of its host and posts what came of it as a typed message
(``post_message`` is thread-safe): ``VersionLoaded``, ``IndexBuilt``, ``WarningsFound``. None
calls into the screen; the screen decides what to show. The watching and loading are core
code (``tui.core.living.watch``, ``tui.core.loading``). A new version of a large calendar
(a save, a reload) comes ``Prepared``: what changed and its indexes worked out in the
worker, so that the UI thread only swaps them in and draws what is visible.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widget import Widget

from tui.core.errors import CalendarError, Diagnostic
from tui.core.living.versions import Living, updated
from tui.core.loading.load import Finish, Loaded, Reloadable, reload_bytes
from tui.core.model import Calendar
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.now_times import learn_span
from tui.ui.worker_threads import disposable

if TYPE_CHECKING:
    from tui.core.living.watch import FileVersion


PREPARE_FROM = 5_000  # events; smaller calendars show a new version at once, on the UI thread


@dataclass(frozen=True, slots=True)
class Prepared:
    """A new version made ready off the UI thread: ``living`` is ``base`` updated by it
    (what changed since the version shown and since the baseline), ``index`` its filter
    indexes and days built (None: the calendar is ``base``'s, its index stays)."""

    base: Living
    living: Living
    index: CalendarIndex | None


class VersionLoaded(Message):
    """A new version of the file (or the located reason it does not load) to show.

    ``note`` says where it came from in the changes log ('reloaded by hand', 'your edit');
    ``prepared``, when given, is that version worked out in a worker on what was shown."""

    def __init__(
        self, result: Loaded | CalendarError, note: str = "", prepared: Prepared | None = None
    ) -> None:
        self.result = result
        self.note = note
        self.prepared = prepared
        super().__init__()

    def shown_after(self, living: Living) -> tuple[Living, CalendarIndex | None]:
        """The ``Living`` to show after ``living``, and its index when one was built: the
        prepared one when it was worked out on ``living`` itself, else worked out now."""
        prepared = self.prepared
        if prepared is not None and prepared.base is living:
            return prepared.living, prepared.index
        return updated(living, self.result, datetime.now(UTC), self.note), None


Shown = Callable[[], tuple[Living, ZoneMode, tzinfo]]  # the version shown, its days' zone


class Preparer:
    """Posts each new version to ``host`` as ``VersionLoaded``, in the order they came; a
    large calendar's is ``Prepared`` in a worker first, on what ``shown`` says is shown."""

    def __init__(self, host: Widget, shown: Shown) -> None:
        self.host = host
        self.shown = shown
        self._turn = threading.Condition()
        self._issued = self._next = 0
        self._last: Prepared | None = None  # posted, perhaps not yet swapped in

    def post(
        self, result: Loaded | CalendarError, note: str = "", after: Message | None = None
    ) -> None:
        """From the UI thread: a small calendar's version at once (when nothing is being
        prepared), a large one's prepared in a worker first; ``after`` is posted next."""
        idle = self._next == self._issued
        if idle and (isinstance(result, CalendarError) or _small(result)):
            self.host.post_message(VersionLoaded(result, note))
            if after is not None:
                self.host.post_message(after)
            return
        ticket = self._ticket()
        work = lambda: self._send(ticket, result, note, after)  # noqa: E731
        self.host.run_worker(work, thread=True, group="prepare", exit_on_error=False)

    def send(self, result: Loaded | CalendarError, note: str = "") -> None:
        """From a worker thread: prepared in this thread, then posted."""
        self._send(self._ticket(), result, note)

    def _ticket(self) -> int:
        with self._turn:
            self._issued += 1
            return self._issued - 1

    def _send(
        self, ticket: int, result: Loaded | CalendarError, note: str, after: Message | None = None
    ) -> None:
        with self._turn:  # in the order they came, whichever thread starts first
            self._turn.wait_for(lambda: self._next == ticket)
            try:
                prepared = (
                    None if isinstance(result, CalendarError) else self._prepare(result, note)
                )
                self.host.post_message(VersionLoaded(result, note, prepared))
                if after is not None:
                    self.host.post_message(after)
            finally:
                self._next += 1
                self._turn.notify_all()

    def _prepare(self, result: Loaded, note: str) -> Prepared:
        living, mode, local = self.shown()
        last = self._last
        # The last one posted is shown next, unless the screen showed something else since.
        base = last.living if last is not None and last.base is living else living
        new = updated(base, result, datetime.now(UTC), note)
        index = None
        if new.calendar is not base.calendar:
            index = CalendarIndex(new.calendar)
            index.build()
            index.days(mode, local)  # the days of the zone shown: settling needs them
        self._last = Prepared(base, new, index)
        return self._last


def _small(result: Loaded) -> bool:
    return len(result.calendar.events) < PREPARE_FROM


def mark_seen(living: Living, path: Path | None) -> Living:
    """Everything shown is seen; the file's bytes are kept as the baseline of the next
    start (when it loads), so that shows only what changed after now."""
    from tui.core.living import baseline
    from tui.core.living.versions import seen

    if path is not None and not living.errors:
        baseline.mark_seen(living.calendar.id, path)  # kept per file; failing keeps the last
    return seen(living)


def version_news(
    had_errors: bool, result: Loaded | CalendarError
) -> tuple[str, SeverityLevel, float | None] | None:
    """What to say when a version brings errors or clears them: words, severity, timeout."""
    if isinstance(result, CalendarError):
        if not had_errors:
            words = "The file has errors: the last version that loaded stays. w lists them."
            return words, "error", 8
    elif had_errors:
        return "The file loads again.", "information", None  # the app's usual timeout
    return None


class IndexBuilt(Message):
    """The filter indexes of a large calendar are built: the counts can be shown."""


class WarningsFound(Message):
    """A large file's warnings, looked for after it was shown (``failure``: why not found)."""

    def __init__(self, calendar: Calendar, warnings: list[Diagnostic], failure: str) -> None:
        self.calendar = calendar
        self.warnings = warnings
        self.failure = failure
        super().__init__()


def build_index(host: Widget, index: CalendarIndex) -> None:
    """Build the filter indexes in a worker, then post ``IndexBuilt``."""

    @disposable  # computed only: quitting meanwhile need not wait (a second at 100,000)
    def work() -> None:
        index.build()
        learn_span(index)
        host.post_message(IndexBuilt())

    host.run_worker(work, thread=True, name="index", exit_on_error=False)


def finish_load(host: Widget, calendar: Calendar, finish: Finish) -> None:
    """Find and locate a large file's warnings and write its cache in a worker; post them."""

    @disposable  # quitting meanwhile leaves the cache unwritten: the next start reads the file
    def work() -> None:
        warnings: list[Diagnostic] = []
        failure = ""
        try:
            warnings = finish()
        except Exception as error:  # say so: the calendar shown stays right, only unwarned
            failure = f"The warnings of this file could not be found: {error}"
            raise
        finally:  # no longer looking, found or not
            host.post_message(WarningsFound(calendar, warnings, failure))

    host.run_worker(work, thread=True, name="finish", exit_on_error=False)


class Follower:
    """Watches ``path`` in a worker of ``host``; each new whole version is posted to it."""

    def __init__(self, host: Widget, path: Path, preparer: Preparer) -> None:
        self.host = host
        self.path = path
        self.preparer = preparer
        self.stop = threading.Event()
        # What the last reload parsed and checked: the next one re-reads only what changed.
        self.reusable: Reloadable | None = None
        self.opened_ns = time.time_ns()  # the version shown was read before this

    def start(self) -> None:
        self.host.run_worker(self._follow, thread=True, name="follow", exit_on_error=False)

    def close(self) -> None:
        self.stop.set()

    def _follow(self) -> None:
        from tui.core.living.watch import (
            follow,  # watchfiles loads in the worker, after first paint
            read_settled,
        )

        # A save between the read of the version shown and the start of this watch would
        # be missed (the watch takes the file as it finds it): looked at once now.
        first = read_settled(self.path, self.stop) if self._changed_since_opened() else None
        if first is not None and not self.stop.is_set():
            self.preparer.send(self.load(first))
        for version in follow(self.path, self.stop, known=first.data if first else None):
            result = self.load(version)
            if self.stop.is_set():
                return
            self.preparer.send(result)

    def _changed_since_opened(self) -> bool:
        try:
            return self.path.stat().st_mtime_ns >= self.opened_ns
        except OSError:
            return False

    def load(self, version: FileVersion) -> Loaded | CalendarError:
        """The new version, parsing and checking only the events whose text changed."""
        from tui.core.living.watch import load_version

        if version.data is None:
            return load_version(version)  # gone or unreadable: the located reason
        try:
            loaded, self.reusable = reload_bytes(version.data, str(version.path), self.reusable)
        except CalendarError as error:
            return error
        return loaded

    def reload_now(self) -> None:
        """`r`: read the file now, in a worker."""

        def work() -> None:
            from tui.core.living.watch import reload

            self.preparer.send(reload(self.path), "reloaded by hand")

        self.host.run_worker(work, thread=True, name="reload", exit_on_error=False)
