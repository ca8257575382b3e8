"""The `diplocal` command line: open the TUI, or check, export, print and compare calendars.

Only the branch that opens the TUI imports Textual, so `check`, `export` and `agenda`
start fast and run where no terminal UI could.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shlex
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from tui.cli.calendar_io import load
from tui.cli.output import EXIT_CALENDAR, EXIT_CRASH, EXIT_OK, EXIT_USAGE, print_diagnostics, say
from tui.cli.parser import COMMANDS, build_parser, build_tui_parser
from tui.cli.progress import is_terminal
from tui.core.errors import CalendarError, UsageError
from tui.core.loading.load import Loaded, default_calendar
from tui.core.loading.near_names import near_hint, near_names
from tui.core.loading.quick import QUICK_SIZE, load_if_quick
from tui.core.system.gc_pause import collector_paused

_tui_closed = False  # set once the terminal UI has run and closed (see `run`)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so writes remove their temporary files."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``Terminated`` while the block runs."""

    def unwind(signum: int, _frame: object) -> None:
        raise Terminated(signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; an embedding program keeps its own
        return
    previous = {signum: signal.signal(signum, unwind) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


IN_APP_SIZE = 2_000_000  # bytes: from about half a second of loading, load in the app


def _size(path: Path) -> int:
    """The file's size, or 0 when it cannot be seen (the loader then says why)."""
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _load_before_the_app(path: Path, stderr: TextIO) -> Loaded | None:
    """A small file, or a large one whose cached copy reads in a moment; None for the
    others: they load inside the app, with progress on screen from the first frame."""
    size = _size(path)
    if size < IN_APP_SIZE:
        return load(path, stderr, report=False)
    return load_if_quick(path) if size <= QUICK_SIZE else None


def _keys_reach_the_app() -> bool:
    """A terminal on standard input, or a driver of Textual's own (textual-serve's tabs
    read their keys from the browser): else the app would wait for keys forever."""
    return is_terminal(sys.stdin) or "TEXTUAL_DRIVER" in os.environ


def _open_tui(argv: Sequence[str], stderr: TextIO) -> int:
    args = build_tui_parser().parse_args(argv)
    path = args.calendar or default_calendar()
    missing = args.calendar is not None and not path.exists() and not path.is_symlink()
    named = f" {shlex.quote(str(args.calendar))}" if args.calendar is not None else ""
    if missing and not args.read_only:  # read-only: the loader says it is missing
        near = near_names(path)  # a typo beside the calendar meant: named in either answer
        if not _keys_reach_the_app():  # no one to answer the question "create it?"
            new = f"diplocal new{named} --title TITLE --timezone ZONE"
            say(f"{path}: error: no such file{near_hint(near)}; to make one there: {new}", stderr)
            return EXIT_CALENDAR
        from tui.ui.startup.new_calendar_app import NewCalendarApp  # Textual is imported only here.

        if not NewCalendarApp(path, near).run():
            # The name as escapes, as data.
            say(f"{path}: no calendar written{near_hint(near)}", stderr)
            return EXIT_CALENDAR
    with _signals_unwind():  # loading may write the cache; the TUI handles its own signals
        since = load(args.since, stderr).calendar if args.since else None
        loaded = _load_before_the_app(path, stderr)
    if not _keys_reach_the_app():  # after the load: a broken file's errors come first
        say(
            "diplocal: error: standard input is not a terminal, so the app cannot read keys; "
            f"for the schedule as text: diplocal agenda{named}",
            stderr,
        )
        return EXIT_USAGE
    # Textual's modules, the calendar and the app live as long as the process, and make no
    # garbage: the cyclic collector would walk them again and again, in passes of up to
    # 20 ms before the first frame. Paused while they are made, then frozen out of its way
    # (a calendar has no reference cycles: a reload frees the old one by reference count).
    with collector_paused():
        from tui.ui.app import DiplocalApp  # Textual is imported only here.

        app = DiplocalApp(
            loaded.calendar if loaded else None,
            warnings=loaded.warnings if loaded else (),
            path=path,
            baseline=since,
            read_only=args.read_only,
        )
        gc.freeze()
    try:
        app.run()
    finally:
        gc.unfreeze()  # as it was, for a caller that goes on (the tests)
    global _tui_closed
    _tui_closed = True
    if app.crashed:
        where = f"; the full traceback is in {app.crash_report}" if app.crash_report else ""
        print(f"diplocal: error: the terminal UI crashed{where}", file=stderr)
        return EXIT_CRASH
    return app.return_code or EXIT_OK


def _publish(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.cli.publish import publish_command  # httpx is imported only for `publish`

    return publish_command(args, stdout, stderr)


def _pull(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from tui.cli.pull import pull_command  # httpx is imported only for `pull`

    return pull_command(args, stdout, stderr)


def run() -> NoReturn:
    """The `diplocal` command (and `python -m tui`): `main`, then exit with its status.

    Once the terminal UI has closed, the terminal is restored and every thread it ran has
    ended (asyncio waits for the thread workers, saves among them, before `App.run`
    returns): the process then ends at once. The interpreter's own teardown would free
    the calendar, Textual and every module object by object, most of a second on a busy
    2-core machine (bench/run.py's "quit" figures), before the shell showed its prompt.
    """
    code = main()
    if _tui_closed:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad calendar, 2 bad usage).

    `new` returns 1 when it cannot write the file (it exists, or the folder is not writable).

    `diff` follows diff(1) instead: 0 same, 1 different, 2 bad usage or a calendar that
    does not load.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        if not arguments or arguments[0] not in COMMANDS:
            return _open_tui(arguments, err)
        args = build_parser().parse_args(arguments)
        from tui.cli.commands import HANDLERS  # not imported when the app opens

        with _signals_unwind():
            handlers = {**HANDLERS, "publish": _publish, "pull": _pull}
            return handlers[args.command](args, out, err)
    except CalendarError as error:
        print_diagnostics(error.diagnostics, err)
        return EXIT_CALENDAR
    except UsageError as error:
        say(f"diplocal: error: {error}", err)
        return EXIT_USAGE
    except SystemExit as exit_:  # argparse: --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Terminated as signalled:
        return 128 + signalled.signum
    except BrokenPipeError:
        # `diplocal agenda | head`: the reader left. Point stdout at /dev/null so the
        # interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
