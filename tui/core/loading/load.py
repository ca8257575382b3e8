"""Reading a calendar file: bytes -> text -> TOML -> validated model, or located errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from tui.core.errors import CalendarError, Diagnostic, Severity
from tui.core.loading import cache, cache_events
from tui.core.loading.fields import Problem
from tui.core.loading.limits import MAX_SIZE_ENV, size_limit
from tui.core.loading.near_names import near_hint, near_names
from tui.core.loading.reparse import (
    BlocksNotClean,
    Digest,
    Parsed,
    head_digest,
    holds_blocks,
    parse_blocks,
    stream_blocks,
)
from tui.core.loading.text_toml import calendar_text, parse_toml, text_start
from tui.core.loading.validate import CheckedEvents, build_calendar_first
from tui.core.model import Calendar
from tui.core.system.gc_pause import collector_paused
from tui.core.system.safe_read import NotRegularFile, TooLarge, read_regular
from tui.core.toml.scanner import Path as KeyPath
from tui.core.toml.source_map import locate, scan_positions

BUNDLED_NAME = "events.toml"
SLOW_SIZE = 5_000_000  # bytes: from here on, parsing takes a second or more
# Parsing and checking the 100,000-event benchmark calendar (45.6 MB) takes about 3.5 s
# with rtoml on this 2-core machine, and 8-9 s where tomllib must parse it (a text
# with inline tables, or no rtoml): give the range.
FAST_RATE, SLOW_RATE = 12e6, 5e6  # bytes per second
# Told what is being done and how far: (stage, done, total). The loader's stages are
# "reading" (of 1 file), "parsing" (bytes), "checking" (events); whoever builds the
# CalendarIndex reports "indexing". A stage may be reported with done == 0 only.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Loaded:
    """A calendar with the warnings found while loading it."""

    calendar: Calendar
    warnings: list[Diagnostic]


# The rest of a load that can wait until the calendar is on screen: finding the warnings
# that look across all events and locating every warning, then writing the cache. It
# returns every warning, as ``Loaded.warnings`` would have held them.
Finish = Callable[[], list[Diagnostic]]


def bundled_calendar() -> Path:
    """The calendar shipped with the program (a wheel carries it inside the package)."""
    packaged = resources.files("tui").joinpath(BUNDLED_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install runs from the source tree, where the file sits at the top.
    return Path(str(resources.files("tui"))).resolve().parent / BUNDLED_NAME


def default_calendar(cwd: Path | None = None) -> Path:
    """./events.toml when there is one, else the bundled calendar."""
    local = (cwd or Path.cwd()) / BUNDLED_NAME
    return local if local.is_file() else bundled_calendar()


def too_large_message(limit: int) -> str:
    """What a file over the size limit is told."""
    return (
        f"larger than {limit // 1_000_000} MB, the limit for a calendar file "
        f"(set {MAX_SIZE_ENV} to a number of megabytes to raise it)"
    )


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a located error for every way reading it can fail.

    Only a regular file is read (a FIFO or a device in its place is refused, never waited
    on), and never more than `size_limit` bytes of it.
    """
    name = str(path)
    limit = size_limit()
    try:
        return read_regular(path, limit)
    except TooLarge:
        raise CalendarError.single(name, 0, 0, too_large_message(limit)) from None
    except NotRegularFile as error:
        raise CalendarError.single(name, 0, 0, f"{error.strerror}, not a calendar file") from None
    except FileNotFoundError:
        raise CalendarError.single(
            name, 0, 0, f"no such file{near_hint(near_names(path))}"
        ) from None
    except IsADirectoryError:
        raise CalendarError.single(name, 0, 0, "is a directory, not a calendar file") from None
    except PermissionError:
        raise CalendarError.single(name, 0, 0, "permission denied") from None
    except OSError as error:
        raise CalendarError.single(name, 0, 0, error.strerror or str(error)) from None


def load_calendar(
    path: Path,
    on_slow_load: Callable[[str], None] | None = None,
    on_progress: Progress | None = None,
    finish_later: Callable[[Finish], None] | None = None,
) -> Loaded:
    """Load and validate a calendar file.

    ``on_slow_load`` is told, before the work starts, when a large file has to be parsed
    from scratch (about a second per 5 MB), so a person is not left facing a blank screen.
    ``on_progress`` is told each stage as it starts and how far it got (see ``Progress``).
    ``finish_later``, when given, is handed what can wait until the calendar is on screen
    (see ``Finish``); the warnings returned now are then only those about the cache.

    Raises:
        CalendarError: with every problem found, each located by line and column.
    """
    tell = on_progress or _quiet
    tell("reading", 0, 1)
    data = read_bytes(path)
    tell("reading", 1, 1)
    return load_bytes(data, str(path), on_slow_load, on_progress, finish_later)


def _quiet(stage: str, done: int, total: int) -> None:
    """A progress callback that tells no one."""


def load_bytes(
    data: bytes,
    name: str,
    on_slow_load: Callable[[str], None] | None = None,
    on_progress: Progress | None = None,
    finish_later: Callable[[Finish], None] | None = None,
) -> Loaded:
    """Load and validate a calendar from bytes already read; ``name`` locates its errors.

    A live reload reads the file once, checks it was whole, and loads exactly those bytes.
    ``finish_later``: as for ``load_calendar``.

    Raises:
        CalendarError: with every problem found, each located by line and column.
    """
    notes: list[Diagnostic] = []  # about the cache itself: said, never stored

    def notice(place: Path, problem: str) -> None:
        message = f"not used as a cache: {problem}"
        notes.append(Diagnostic(str(place), 0, 0, message, Severity.WARNING))

    key = cache.key_for(data) if cache.enabled(len(data)) else None
    cached = cache.load(key, name, notice) if key else None
    if cached is not None:
        return Loaded(cached[0], cached[1] + notes)
    if on_slow_load is not None and len(data) >= SLOW_SIZE:
        on_slow_load(slow_load_message(name, len(data), cached=key is not None))
    tell = on_progress or _quiet
    size = len(data)
    tell("parsing", 0, size)
    # A cached file whose bytes changed reuses the events its last load checked.
    head = head_digest(data, text_start(data)) if key else b""
    reusable = cache_events.load(name, head, notice) if key else None
    warned: list[Finish] = []
    later = warned.append if finish_later is not None else None
    # Paused until the model is built: each re-enabling walks all that was made so far.
    with collector_paused():
        if key:
            loaded, head, pairs = _streamed(data, name, head, reusable, on_progress, later)
        else:
            document = parse_toml(calendar_text(data, name), name)
            tell("parsing", size, size)
            loaded = _validated(document, data, name, on_progress, warn_later=later)
            del document
            pairs = []

    def keep(warnings: list[Diagnostic]) -> None:
        if key:
            cache.store(key, loaded.calendar, warnings, notice)
            cache_events.store(name, key, head, pairs, notice)

    if finish_later is None:
        keep(loaded.warnings)
        return Loaded(loaded.calendar, loaded.warnings + notes)

    def finish() -> list[Diagnostic]:
        warnings = warned.pop()() if warned else loaded.warnings  # and let go of the bytes
        keep(warnings)
        return warnings + notes

    finish_later(finish)
    return Loaded(loaded.calendar, list(notes))


def _streamed(
    data: bytes,
    name: str,
    head: Digest,
    reusable: cache_events.Reusable | None,
    on_progress: Progress | None,
    warn_later: Callable[[Finish], None] | None,
) -> tuple[Loaded, Digest, list[tuple[Digest, str]]]:
    """A cold load's parse and check: each ``[[events]]`` block is decoded and parsed from
    the bytes when the checker reaches it, and let go once checked, so that neither the
    whole text (86.5 MB at 100,000 events with Cyrillic titles) nor rtoml's whole document
    (164 MB) is ever held; the problems are located in the bytes, which the caller holds
    anyway. What the last load of the file checked (``reusable``, found by the digest
    ``head``) is reused. Returns the load, and the digest of the text before the events
    with the (block digest, event id) of each event checked without a problem, for the
    digests entry (`cache_events`). Errors as `calendar_text` and `parse_toml` give them:
    a block that fails sends the load to the whole text, as ever.
    """
    previous, checked = cache_events.previous_load(head, reusable)
    start = text_start(data)
    if not holds_blocks(data, start):  # only a file without events can be blank
        calendar_text(data, name)
    streamed = stream_blocks(data, previous, start=start)
    if streamed is not None:
        (on_progress or _quiet)("parsing", len(data), len(data))
        clean: list[tuple[KeyPath, str]] = []
        try:
            loaded = _validated(streamed[0], data, name, on_progress, checked, warn_later, clean)
        except BlocksNotClean:  # what was built so far is worth nothing
            pass
        else:
            ids = {path[1]: event_id for path, event_id in clean}
            digests = streamed[1].digests
            return loaded, head, [(d, ids[i]) for i, d in enumerate(digests) if i in ids]
    # A block failed: the whole text says where (a byte that is not UTF-8 first, as ever),
    # or gives the document of blocks that were not what they seemed.
    document = parse_toml(calendar_text(data, name), name)
    (on_progress or _quiet)("parsing", len(data), len(data))
    return _validated(document, data, name, on_progress, warn_later=warn_later), b"", []


def _parsed(data: bytes, name: str, previous: Parsed | None) -> Parsed:
    """``data`` decoded and parsed block by block, reusing ``previous``'s blocks (see
    `reparse.parse_blocks`), so that its whole text is never held (86.5 MB at 100,000
    events with Cyrillic titles); errors as `calendar_text` and `parse_toml` give them.
    """
    start = text_start(data)
    if not holds_blocks(data, start):  # only a file without events can be blank
        calendar_text(data, name)
    parsed = parse_blocks(data, previous, start=start)
    if parsed is not None:
        return parsed
    # A piece failed: the whole text says where (a byte that is not UTF-8 first, as ever),
    # or gives the document of pieces that were not what they seemed.
    return Parsed(parse_toml(calendar_text(data, name), name))


def slow_load_message(name: str, size: int, *, cached: bool) -> str:
    """What to say before parsing a large file: its size, a range of times, and the cache
    only as a promise it can keep (an invalid file is never cached)."""
    megabytes = size / 1e6
    low, high = max(1, round(size / FAST_RATE)), max(1, round(size / SLOW_RATE))
    later = "; if it is valid, later opens use a cache" if cached else ""
    return f"{name}: reading {megabytes:.0f} MB, about {low}-{high} s{later}"


@dataclass(frozen=True, slots=True)
class Reloadable:
    """What a reload reuses of the load before it: the parse and the events checked."""

    parsed: Parsed
    checked: CheckedEvents


def reload_bytes(
    data: bytes, name: str, previous: Reloadable | None, on_progress: Progress | None = None
) -> tuple[Loaded, Reloadable]:
    """``load_bytes`` after an edit, reusing what ``previous`` made of unchanged events.

    Returns the calendar, exactly as ``load_bytes`` would give it, and what to pass to the
    next reload (``previous`` is None the first time). An edited event is parsed alone and
    the others are looked up (see ``tui.core.loading.reparse``); while the text before the events
    (calendar, countries, participants) is unchanged, an unchanged event that was checked
    without a problem is taken as it was. Everything that looks across events (duplicate
    ids, overlaps, the order) runs in full. The calendar cache is skipped: each edit is
    new content, and storing each one would cost more than it saves.

    Raises:
        CalendarError: with every problem found, each located by line and column.
    """
    tell = on_progress or _quiet
    size = len(data)
    tell("parsing", 0, size)
    with collector_paused():  # as in load_bytes: once, until the model is built
        parsed = _parsed(data, name, previous.parsed if previous is not None else None)
        tell("parsing", size, size)
        same_head = previous is not None and parsed.head and parsed.head == previous.parsed.head
        checked = previous.checked if previous is not None and same_head else {}
        loaded = _validated(parsed.document, data, name, on_progress, checked)
    return loaded, Reloadable(parsed, checked)


def _validated(
    document: dict[str, Any],
    data: bytes,
    name: str,
    on_progress: Progress | None,
    checked: CheckedEvents | None = None,
    warn_later: Callable[[Finish], None] | None = None,
    clean: list[tuple[KeyPath, str]] | None = None,
) -> Loaded:
    """The calendar of a parsed document, or every error, located in the file's ``data``.

    With ``warn_later``, a calendar without errors comes without its warnings: finding
    double bookings and locating the warnings (half a second at 100,000 events) is handed
    to ``warn_later`` instead.
    """
    # The callers, load_bytes and reload_bytes, hold the collector over parse and check.
    calendar, fields, overlaps = build_calendar_first(document, on_progress, checked, clean)
    del document
    if warn_later is not None and calendar is not None:
        # fields.problems holds warnings only: an error leaves no calendar.
        warn_later(partial(_all_warnings, fields.problems, overlaps, data, name))
        return Loaded(calendar, [])
    fields.problems.extend(overlaps())
    diagnostics = locate_problems(fields.problems, data, name)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors or calendar is None:
        raise CalendarError(errors)
    return Loaded(calendar, diagnostics)


def _all_warnings(
    problems: list[Problem], overlaps: Callable[[], list[Problem]], data: bytes, name: str
) -> list[Diagnostic]:
    with collector_paused():
        return locate_problems([*problems, *overlaps()], data, name)


def locate_problems(problems: list[Problem], source: str | bytes, name: str) -> list[Diagnostic]:
    """Turn key paths into lines and columns of ``source`` (its text or its UTF-8 bytes),
    in file order."""
    if not problems:
        return []
    positions = scan_positions(source, [problem.path for problem in problems])
    located = []
    for problem in problems:
        line, column = locate(positions, problem.path, at_key=problem.at_key)
        located.append(Diagnostic(name, line, column, problem.message, problem.severity))
    located.sort(key=lambda d: (d.line, d.column))
    return located
