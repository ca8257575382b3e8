"""Benchmarks: first paint, keys to repaint, export, load, check, reload and memory, by size.

    python bench/run.py                     # bundled, 1,000, 10,000 and 100,000 events
    python bench/run.py --sizes 1000 --repeat 3

Prints each figure as median (min-max) over --repeat runs and rewrites the generated part of
docs/benchmarks.md (what follows its hand-written marker is kept). Needs tmux: first paint
is measured in a real terminal, from spawning the process until the expected text is on
screen. Not part of the test suite: figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import rtoml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from figures import MANY, Figure, measure  # noqa: E402
from goals import (  # noqa: E402
    CHECK_RTOML,
    EXPORT_CLI,
    OVER_BARE,
    OVER_BARE_COLD,
    P90_EXPORTING,
    QUIT,
    REOPEN,
    REOPEN_WARM,
)
from keys import key_figures  # noqa: E402
from make_calendar import calendar_text  # noqa: E402
from month_keys import month_key_figures  # noqa: E402
from peers import peer_figures  # noqa: E402
from reopen import edited, shown  # noqa: E402
from report import HAND_WRITTEN, print_row, report  # noqa: E402
from saving import NAMES as SAVING_NAMES  # noqa: E402
from saving import saving_figures  # noqa: E402
from terminal import first_paint  # noqa: E402

from tui.core.export.formats import ExportFormat, export_bytes  # noqa: E402
from tui.core.export.ical import to_icalendar  # noqa: E402
from tui.core.loading.load import bundled_calendar, load_bytes, load_calendar, reload_bytes  # noqa: E402
from tui.core.model import Calendar  # noqa: E402
from tui.core.present.screenful import present  # noqa: E402
from tui.core.present.state import Browse  # noqa: E402
from tui.core.views.filter import Filter  # noqa: E402
from tui.core.views.index import CalendarIndex  # noqa: E402
from tui.core.zones import get_zone  # noqa: E402

__all__ = ["WARNING_SHARE", "Figure", "measure", "reload_after_one_change", "reload_state_kb"]

PYTHON = sys.executable
WARNING_SHARE = 0.3  # of timed events: about 800 warnings per 100,000 events
OPENING = "Opening "  # the loading screen's first line, for files loaded inside the app


@dataclass
class Row:
    """One calendar's figures: text to print, and numbers the goals are judged on."""

    name: str
    events: int
    size_mb: float
    load_average: str
    figures: dict[str, str] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)

    def put(self, key: str, figure: Figure, value: float | None = None) -> None:
        self.figures[key] = str(figure)
        self.values[key] = figure.median if value is None else value


@dataclass
class Bare:
    """The floor: a bare Textual app started the same way."""

    paint: Figure
    peak_kb: int


def load_average() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def events_marker(calendar: Calendar) -> str:
    """The title of the first event the main screen shows, as the presenter gives it."""
    screenful = present(CalendarIndex(calendar), Browse(), get_zone("UTC"), datetime.now(UTC))
    return screenful.rows[0].title[:24]


# --- first paint in tmux ------------------------------------------------------------------
BARE = [PYTHON, str(ROOT / "bench" / "bare_app.py")]
BARE_MARKER = "bare row 9"


def starts(
    row: Row, path: Path, marker: str, runs: int, cold: bool
) -> tuple[Figure, Figure, Figure, list[int], Figure]:
    """``runs`` starts of the app, each right after a start of the bare app, so that both
    see the same load: (first frame, events shown, bare app, peak RSS in kB of each, and
    quitting with q once the events are shown, or once settled)."""
    command = [PYTHON, "-m", "tui", str(path)]
    first, shown, bare, peak, quit = Figure(), Figure(), Figure(), [], Figure()
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache" if cold else Path(os.environ["XDG_CACHE_HOME"])
        for _ in range(runs):
            bare.samples.append(first_paint(BARE, BARE_MARKER, {}).events)
            if cold:
                shutil.rmtree(cache, ignore_errors=True)
            env = {"XDG_CACHE_HOME": str(cache)}
            # Memory is read on warm starts, once the app has settled (settling waits).
            settle = not cold and row.events > 1000
            paint = first_paint(command, marker, env, (OPENING,), settle=settle, quit_key="q")
            first.samples.append(paint.first_frame)
            shown.samples.append(paint.events)
            peak.append(paint.peak_kb)
            quit.samples.append(paint.quit)
    return first, shown, bare, peak, quit


def first_paint_figures(
    row: Row, path: Path, marker: str, runs: int, cold: bool, bare_kb: int
) -> None:
    how = "cold" if cold else "warm"
    first, shown, bare, peak, quit = starts(row, path, marker, runs, cold)
    row.put(f"first frame, {how}", first)
    row.put(f"events shown, {how}", shown)
    row.put(f"bare app, between the {how} starts", bare)
    row.values[f"first frame / bare, {how}"] = first.median / bare.median
    row.values[f"events shown / bare, {how}"] = shown.median / bare.median
    peak_kb = sorted(peak)[len(peak) // 2]
    # Cold starts quit at once (the cache still being written); warm ones once settled.
    row.put(QUIT if cold else "quit (q) once a warm start settled, to exit", quit)
    if cold:
        over = (peak_kb - bare_kb) / max(row.events, 1)
        row.figures["peak RSS, cold, at events shown"] = f"{peak_kb / 1024:.0f} MB"
        row.values[OVER_BARE_COLD] = over
        return
    over = (peak_kb - bare_kb) / max(row.events, 1)
    row.figures["peak RSS, warm, settled"] = (
        f"{peak_kb / 1024:.0f} MB ({over:.2f} kB/event over bare)"
    )
    row.values[OVER_BARE] = over


# --- in this process ----------------------------------------------------------------------
def load_figures(row: Row, path: Path, repeat: int) -> None:
    os.environ["DIPLOCAL_NO_CACHE"] = "1"
    row.put("load, cold", measure(lambda: load_calendar(path), repeat))
    del os.environ["DIPLOCAL_NO_CACHE"]
    load_calendar(path)
    warm = measure(lambda: load_calendar(path), repeat)
    row.put("load, warm cache", warm)
    # Changed while diplocal was closed: the event digests of the last load (issue 27).
    data, reopened = path.read_bytes(), Figure()
    for n in range(repeat):
        path.write_bytes(edited(data, n))
        reopened.samples.append(shown(path))
    path.write_bytes(data)
    row.put(REOPEN, reopened)
    row.values[REOPEN_WARM] = reopened.median / warm.median


def key_rows(row: Row, calendar: Calendar, repeat: int, folder: Path) -> None:
    names = {
        "day": "day change ([ or ]) to repaint",
        "search": "search key to repaint",
        "country key": "key in the country filter to repaint",
        "country": "country filter applied (enter) to repaint",
        "clear": "country filter cleared (C) to repaint",
        "idle": "key in the export dialog to repaint, idle",
        "exporting": "key (]) to repaint while exporting",
        "export alone": "first export in the app (revisions written afresh), no key pressed",
        "export": "later exports in the app, with a key every 50 ms",
        "cancel": "escape during an export to repaint",
    }
    figures = key_figures(calendar, repeat, folder)
    for key, figure in figures.items():
        row.put(names[key], figure)
    # The month view (issue 25), at 80x24: a key to the frame that shows what it asks.
    for name, figure in month_key_figures(calendar, repeat).items():
        row.put(f"month: {name} to repaint", figure)
    if len(figures["exporting"].samples) >= MANY:  # a tail worth judging as well
        row.values[P90_EXPORTING] = figures["exporting"].percentile(0.9)


def saving_rows(row: Row, path: Path, repeat: int, folder: Path) -> None:
    """Keys while an edit is saved, and the save (bench/saving.py), on a copy of the file."""
    copy = folder / f"saving-{path.name}"
    shutil.copyfile(path, copy)
    try:
        for key, figure in saving_figures(copy, repeat).items():
            row.put(SAVING_NAMES[key], figure)
    finally:
        copy.unlink(missing_ok=True)


def export_figures(row: Row, path: Path, calendar: Calendar, repeat: int) -> None:
    text = path.read_text(encoding="utf-8")
    floor = measure(lambda: tomllib.loads(text), repeat)
    every = measure(lambda: to_icalendar(calendar), repeat)
    index = CalendarIndex(calendar)
    code = next(iter(calendar.countries))
    one = measure(lambda: to_icalendar(calendar, index.select(Filter(frozenset({code})))), repeat)
    # What the app's export runs: the revisions (SEQUENCE, kept in the state folder) too.
    events = list(calendar.events)
    revised = measure(lambda: export_bytes(calendar, events, ExportFormat.ICS, source=path), repeat)
    row.put("tomllib parse (floor)", floor)
    row.put("export all to .ics", every)
    row.put("export all to .ics with revisions (as the app)", revised)
    row.put(f"export one country ({code}) to .ics", one)
    row.values["export all / tomllib"] = every.median / floor.median
    row.values["revisions / export all"] = revised.median / every.median
    in_app = row.values.get("later exports in the app, with a key every 50 ms")
    if in_app is not None:
        row.values[EXPORT_CLI] = in_app / revised.median


def check(path: Path, repeat: int, cold: bool) -> Figure:
    """`diplocal check`; cold bypasses the cache, as every edit of a large file does."""
    env = {**os.environ, **({"DIPLOCAL_NO_CACHE": "1"} if cold else {})}
    command = [PYTHON, "-m", "tui", "check", str(path)]
    return measure(lambda: subprocess.run(command, capture_output=True, env=env), repeat)


def core_figures(row: Row, path: Path, repeat: int) -> None:
    """What needs no TUI: check, reload after one change, what the reload keeps."""
    row.put("diplocal check, warm", check(path, repeat, cold=False))
    cold = check(path, repeat, cold=True)
    row.put("diplocal check, cold", cold)
    floor = measure(lambda: rtoml.load(path), repeat)
    row.put("rtoml.load in process (floor)", floor)
    row.values[CHECK_RTOML] = cold.median / floor.median
    row.put("reload after one change", reload_after_one_change(path, repeat))
    kept = reload_state_kb(path) / max(row.events, 1)
    row.figures["kept for the next reload"] = f"{kept:.2f} kB/event"


def one_event_edited(data: bytes) -> bytes:
    """The file with the title of the event in the middle of it changed."""
    at = data.index(b'title = "', len(data) // 2) + len(b'title = "')
    return data[:at] + b"Edited " + data[at:]


def reload_after_one_change(path: Path, repeat: int) -> Figure:
    """From the new bytes to the new calendar, after one event changed (no cache)."""
    data = path.read_bytes()
    edited = one_event_edited(data)
    _, state = reload_bytes(data, str(path), None)
    return measure(lambda: reload_bytes(edited, str(path), state), repeat)


def reload_state_kb(path: Path) -> float:
    """Memory, in kB, that keeping what a reload reuses costs beyond the calendar itself."""
    data = path.read_bytes()
    os.environ["DIPLOCAL_NO_CACHE"] = "1"  # a calendar built here, as the reload builds it
    tracemalloc.start()
    loaded = load_bytes(data, str(path))
    calendar_only = tracemalloc.get_traced_memory()[0]
    del loaded
    kept = reload_bytes(data, str(path), None)
    with_state = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del os.environ["DIPLOCAL_NO_CACHE"], kept
    return (with_state - calendar_only) / 1024


# --- one calendar -------------------------------------------------------------------------
def new_row(name: str, path: Path, calendar: Calendar) -> Row:
    return Row(name, len(calendar.events), path.stat().st_size / 1e6, load_average())


def bench_calendar(name: str, path: Path, repeat: int, work: Path, bare_kb: int) -> Row:
    """Every figure of one calendar; the heavy ones fewer times at 100,000 events."""
    calendar = load_calendar(path).calendar
    row = new_row(name, path, calendar)
    heavy = max(3, repeat // 2) if row.events > 10_000 else repeat
    marker = events_marker(calendar)
    command = [PYTHON, "-m", "tui", str(path)]
    # Warms: settled, so that the cache written after the first paint is whole (a start
    # killed at first paint left none, and the first "warm" start was a cold one).
    first_paint(command, marker, {"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}, settle=True)
    first_paint_figures(row, path, marker, repeat, cold=False, bare_kb=bare_kb)
    if name != "bundled":  # below 256 KiB nothing is cached: cold is warm
        first_paint_figures(row, path, marker, heavy, cold=True, bare_kb=bare_kb)
    load_figures(row, path, heavy)
    key_rows(row, calendar, repeat, work)
    if row.events >= 10_000:
        saving_rows(row, path, heavy, work)
    export_figures(row, path, calendar, heavy)
    core_figures(row, path, heavy)
    return row


def bench_warnings(name: str, path: Path, repeat: int) -> Row:
    """A calendar with hundreds of warnings: only what warnings slow down (no TUI)."""
    os.environ["DIPLOCAL_NO_CACHE"] = "1"
    loaded = load_calendar(path)
    del os.environ["DIPLOCAL_NO_CACHE"]
    row = new_row(name, path, loaded.calendar)
    row.figures["warnings"] = f"{len(loaded.warnings):,}"
    core_figures(row, path, max(3, repeat // 2) if row.events > 10_000 else repeat)
    return row


def bench_bare(repeat: int) -> Bare:
    """The bare app alone, settled, for its memory (and a first figure of its paint)."""
    first_paint(BARE, BARE_MARKER, {})  # as warm as the app's warm starts
    paint, peak = Figure(), 0
    for _ in range(repeat):
        one = first_paint(BARE, BARE_MARKER, {}, settle=True)
        paint.samples.append(one.events)
        peak = one.peak_kb
    return Bare(paint, peak)


def timeline_keys() -> dict[str, Figure]:
    """bench/timeline.py's keys on a crowded day (1,000 events, 200 lanes, 200x60)."""
    import asyncio

    import timeline

    calendar = timeline.crowded_day()
    index = CalendarIndex(calendar)
    events = index.by_day(timeline.ZoneMode.EVENT, timeline.ZONE)[timeline.DAY]
    laid = timeline.layout_timeline(
        index, timeline.DAY, events, timeline.LaneMode.PARTICIPANTS, timeline.ZONE, get_zone("UTC")
    )
    keys = ["right", "down", "left", "up", "plus", "minus"]
    samples = asyncio.run(timeline.key_samples(laid, keys, rounds=8))
    return {key: Figure([ms / 1000 for ms in values]) for key, values in samples.items()}


def calendars(work: Path, sizes: str, warning_sizes: str) -> list[tuple[str, Path, bool]]:
    """(name, path, with warnings) of every calendar to measure, written into ``work``."""
    made: list[tuple[str, Path, bool]] = [("bundled", bundled_calendar(), False)]
    for size in (int(s) for s in sizes.split(",") if s):
        path = work / f"calendar-{size}.toml"
        path.write_text(calendar_text(size), encoding="utf-8")
        made.append((f"{size:,}", path, False))
    for size in (int(s) for s in warning_sizes.split(",") if s):
        # Overlaps (participants drawn at random) and DST-gap times: hundreds of warnings.
        path = work / f"calendar-{size}-warnings.toml"
        path.write_text(calendar_text(size, WARNING_SHARE, dst_gaps=5), encoding="utf-8")
        made.append((f"{size:,} with warnings", path, True))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--warning-sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-timeline", action="store_true")
    parser.add_argument(
        "--peer-sizes", default=None, help="sizes also measured beside ikhal and khal"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1,000 and 10,000 events, 3 runs each, peers at 1,000, no timeline (minutes)",
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.warning_sizes, args.repeat = "1000,10000", "10000", 3
        args.no_timeline, args.peer_sizes = True, args.peer_sizes or "1000"
    if args.peer_sizes is None:
        args.peer_sizes = args.sizes
    if shutil.which("tmux") is None:
        sys.exit("bench/run.py needs tmux (apt-get install tmux)")
    began, load_before = time.perf_counter(), load_average()
    # An installed diplocal runs from bytecode that pip compiled; an editable checkout may
    # not have any (PYTHONDONTWRITEBYTECODE), and compiling on every start is not the app.
    compileall.compile_dir(ROOT / "tui", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="diplocal-bench-"))
    try:
        text = measure_all(args, work, began, load_before)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_docs(args.out, text)
    print(f"\nwrote {args.out} in {(time.perf_counter() - began) / 60:.1f} min")


def measure_all(args: argparse.Namespace, work: Path, began: float, load_before: str) -> str:
    """Every figure, printed as it comes; returns the generated Markdown."""
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    # The app keeps the copy of each calendar last seen, and export revisions, in its
    # state folder: a folder of the run's own, kept across starts as a user's is.
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    os.environ.pop("DIPLOCAL_NO_CACHE", None)
    bare = bench_bare(args.repeat)
    print(f"bare Textual app: first paint {bare.paint}, peak RSS {bare.peak_kb / 1024:.0f} MB")
    rows = []
    for name, path, warned in calendars(work, args.sizes, args.warning_sizes):
        if warned:
            row = bench_warnings(name, path, args.repeat)
        else:
            row = bench_calendar(name, path, args.repeat, work, bare.peak_kb)
        if not warned and str(row.events) in args.peer_sizes.split(","):
            figures, values = peer_figures(row.events, work, args.repeat)
            row.figures.update(figures)
            row.values.update(values)
        rows.append(row)
        print_row(row)
    timeline = {} if args.no_timeline else timeline_keys()
    for key, figure in timeline.items():
        print(f"timeline key {key:<6} to frame {figure}")
    took = time.perf_counter() - began
    return report(rows, bare.paint, bare.peak_kb, timeline, (load_before, load_average()), took)


def write_docs(out: Path, text: str) -> None:
    """Replace the generated part of ``out``; what follows the hand-written marker stays."""
    out.parent.mkdir(parents=True, exist_ok=True)
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    kept = old[old.index(HAND_WRITTEN) :] if HAND_WRITTEN in old else ""
    out.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
