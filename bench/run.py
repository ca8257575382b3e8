"""Benchmarks: first paint, load, filter latency, export, check and memory, by calendar size.

    python bench/run.py                     # bundled, 1,000, 10,000 and 100,000 events
    python bench/run.py --sizes 1000 --repeat 3

Prints each figure as median (min-max) over --repeat runs and rewrites docs/benchmarks.md.
Needs tmux: first paint is measured in a real terminal, from process start until the first
day's first event is on screen. Not part of the test suite: figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import tomli_w

from tui.core.ical import to_icalendar
from tui.core.index import CalendarIndex
from tui.core.load import bundled_calendar, load_bytes, load_calendar, reload_bytes
from tui.core.query import Filter, ZoneMode
from tui.core.zones import get_zone

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import make_calendar  # noqa: E402

PYTHON = sys.executable
WARNING_SHARE = 0.3  # of timed events: about 2,600 overlap warnings per 10,000 events
SIZE = (120, 36)


@dataclass
class Figure:
    """Several timings of one thing."""

    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def __str__(self) -> str:
        if not self.samples:
            return "n/a"
        low, high = min(self.samples), max(self.samples)
        return f"{_fmt(self.median)} ({_fmt(low)}-{_fmt(high)})"


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def measure(action: Callable[[], object], repeat: int) -> Figure:
    figure = Figure()
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        figure.samples.append(time.perf_counter() - start)
    return figure


# --- first paint in a real terminal (tmux) ---------------------------------------------------
def first_paint(command: Sequence[str], marker: str, env: dict[str, str]) -> tuple[float, int]:
    """Seconds from spawning ``command`` in tmux until ``marker`` shows, and peak RSS in kB."""
    session = f"bench{os.getpid()}"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
    shell_command = "exec " + " ".join(f"'{part}'" for part in command)
    start = time.perf_counter()
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            str(SIZE[0]),
            "-y",
            str(SIZE[1]),
            "-e",
            f"XDG_CACHE_HOME={env['XDG_CACHE_HOME']}",
            shell_command,
        ],
        check=True,
    )
    deadline = start + 300
    while time.perf_counter() < deadline:
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        if marker in screen:
            break
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    pid = subprocess.run(
        ["tmux", "display", "-p", "-t", session, "#{pane_pid}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    rss = _peak_rss(int(pid))
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
    return elapsed, rss


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def first_day_marker(path: Path) -> str:
    """The title of the first event of the first day, as the day view shows it."""
    calendar = load_calendar(path).calendar
    days = CalendarIndex(calendar).by_day(ZoneMode.EVENT, get_zone("UTC"))
    first = next(iter(days.values()))[0]
    return first.title[:24]


# --- filter latency in the app (Pilot) --------------------------------------------------------
class _Clock:
    """Times from a key press to the first frame drawn after the panes were updated."""

    def __init__(self, app: Any, screen: Any) -> None:
        self.refreshed = 0.0
        self.frames: list[float] = []
        display, refresh_view = app._display, screen.refresh_view

        def timed_display(*args: Any) -> None:
            display(*args)
            if args[-1] is not None:
                self.frames.append(time.perf_counter())

        def timed_refresh() -> None:
            refresh_view()
            self.refreshed = time.perf_counter()

        app._display = timed_display
        screen.refresh_view = timed_refresh

    async def press(self, pilot: Any, *keys: str) -> float:
        self.frames.clear()
        start = time.perf_counter()
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()
        painted = next((t for t in self.frames if t >= self.refreshed), self.frames[-1])
        return painted - start


async def _filter_latency(path: Path, repeat: int) -> tuple[Figure, Figure]:
    from tui.ui.app import DiplocalApp

    app = DiplocalApp(load_calendar(path).calendar, local_zone=get_zone("UTC"))
    search, country = Figure(), Figure()
    async with app.run_test(size=SIZE) as pilot:
        clock = _Clock(app, app.screen)
        await pilot.press("slash")
        for key in "summit"[: max(repeat, 3)]:
            search.samples.append(await clock.press(pilot, key))
        await pilot.press("escape")
        for _ in range(repeat):
            await pilot.press("c", "t", "j")
            await pilot.pause()
            country.samples.append(await clock.press(pilot, "enter"))
            await pilot.press("C")
            await pilot.pause()
    return search, country


# --- one size ------------------------------------------------------------------------------
@dataclass
class Row:
    name: str
    events: int
    size_mb: float
    figures: dict[str, str] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)


def bench_calendar(name: str, path: Path, repeat: int, bare: Figure, bare_rss: int) -> Row:
    calendar = load_calendar(path).calendar
    row = Row(name, len(calendar.events), path.stat().st_size / 1e6)
    marker = first_day_marker(path)
    command = [PYTHON, "-m", "tui", str(path)]

    with tempfile.TemporaryDirectory() as cold_cache:
        cold = Figure()
        for _ in range(repeat if row.events <= 10_000 else max(1, repeat // 2)):
            shutil.rmtree(cold_cache, ignore_errors=True)
            cold.samples.append(first_paint(command, marker, {"XDG_CACHE_HOME": cold_cache})[0])
        warm, rss = Figure(), 0
        for _ in range(repeat):
            elapsed, rss = first_paint(command, marker, {"XDG_CACHE_HOME": cold_cache})
            warm.samples.append(elapsed)
    row.figures["first paint, cold"] = str(cold)
    row.figures["first paint, warm cache"] = str(warm)
    row.ratios["first paint / bare (warm)"] = warm.median / bare.median
    row.ratios["first paint / bare (cold)"] = cold.median / bare.median

    os.environ["DIPLOCAL_NO_CACHE"] = "1"
    load_cold = measure(lambda: load_calendar(path), repeat)
    del os.environ["DIPLOCAL_NO_CACHE"]
    load_calendar(path)
    load_warm = measure(lambda: load_calendar(path), repeat)
    row.figures["load, cold"] = str(load_cold)
    row.figures["load, warm cache"] = str(load_warm)

    search, country = asyncio.run(_filter_latency(path, repeat))
    row.figures["search key to repaint"] = str(search)
    row.figures["country filter to repaint"] = str(country)
    row.ratios["search key to repaint, ms"] = search.median * 1000
    row.ratios["country filter to repaint, ms"] = country.median * 1000

    text = path.read_text(encoding="utf-8")
    floor = measure(lambda: tomllib.loads(text), repeat)
    every = measure(lambda: to_icalendar(calendar), repeat)
    index = CalendarIndex(calendar)
    code = next(iter(calendar.countries))
    one = measure(lambda: to_icalendar(calendar, index.select(Filter(frozenset({code})))), repeat)
    row.figures["tomllib parse (floor)"] = str(floor)
    row.figures["export all to .ics"] = str(every)
    row.figures[f"export one country ({code}) to .ics"] = str(one)
    row.ratios["export all / tomllib"] = every.median / floor.median

    check = measure(
        lambda: subprocess.run(
            [PYTHON, "-m", "tui", "check", str(path)], capture_output=True, check=True
        ),
        repeat,
    )
    row.figures["diplocal check (warm)"] = str(check)
    check_cold = cold_check(path, repeat)
    row.figures["diplocal check (cold)"] = str(check_cold)
    row.ratios["check cold, s"] = check_cold.median
    reload = reload_after_one_change(path, repeat)
    row.figures["reload after one change"] = str(reload)
    row.ratios["reload after one change, s"] = reload.median
    kept = reload_state_kb(path) / max(row.events, 1)
    row.figures["kept for the next reload"] = f"{kept:.2f} kB/event"
    row.figures["peak RSS of the app"] = (
        f"{rss / 1024:.0f} MB ({(rss - bare_rss) / max(row.events, 1):.2f} kB/event over bare)"
    )
    row.ratios["kB per event over bare"] = (rss - bare_rss) / max(row.events, 1)
    return row


def cold_check(path: Path, repeat: int) -> Figure:
    """`diplocal check` with the cache bypassed: what every edit of a large file costs."""
    env = {**os.environ, "DIPLOCAL_NO_CACHE": "1"}
    return measure(
        lambda: subprocess.run(
            [PYTHON, "-m", "tui", "check", str(path)], capture_output=True, check=True, env=env
        ),
        repeat,
    )


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


GOALS = [
    ("10000", "first paint / bare (cold)", 2.0),
    ("100000", "check cold, s", 2.5),
    ("100000 with warnings", "check cold, s", 2.5),
    ("10000", "reload after one change, s", 0.5),
    ("100000", "reload after one change, s", 3.0),
    ("10000 with warnings", "reload after one change, s", 0.5),
    ("100000 with warnings", "reload after one change, s", 3.0),
    ("bundled", "first paint / bare (warm)", 1.3),
    ("10000", "first paint / bare (warm)", 2.0),
    ("100000", "first paint / bare (warm)", 5.0),
    ("10000", "search key to repaint, ms", 50),
    ("10000", "country filter to repaint, ms", 50),
    ("100000", "search key to repaint, ms", 150),
    ("100000", "country filter to repaint, ms", 150),
    ("10000", "export all / tomllib", 1.5),
    ("100000", "kB per event over bare", 2.0),
]


def report(rows: list[Row], bare: Figure, bare_rss: int) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `python bench/run.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
        f"Python {platform.python_version()}, Textual {metadata.version('textual')}, "
        f"icalendar {metadata.version('icalendar')}.",
        "",
        "Times are median (min-max). First paint runs in tmux at 120x36, from process start",
        "until the first day's first event is on screen; the floor is a bare Textual app",
        f"(Header, Footer, a 10-row DataTable): **{bare}**, peak RSS {bare_rss / 1024:.0f} MB.",
        "Cold means an empty cache; warm means the calendar was loaded once before.",
        "",
    ]
    names = [row.name for row in rows]
    lines.append("| figure | " + " | ".join(names) + " |")
    lines.append("|---|" + "---|" * len(rows))
    lines.append("| events | " + " | ".join(f"{r.events:,}" for r in rows) + " |")
    lines.append("| file size | " + " | ".join(f"{r.size_mb:.1f} MB" for r in rows) + " |")
    keys = list(rows[0].figures)
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(r.figures.get(key, "") for r in rows) + " |")
    for key in rows[0].ratios:
        lines.append(f"| {key} | " + " | ".join(f"{r.ratios[key]:.2f}" for r in rows) + " |")
    lines += ["", "## Goals", "", "| goal | measured | holds |", "|---|---|---|"]
    by_name = {row.name: row for row in rows}
    for name, ratio, limit in GOALS:
        row = by_name.get(name)
        if row is None:
            continue
        value = row.ratios[ratio]
        lines.append(
            f"| {name}: {ratio} <= {limit} | {value:.2f} | {'yes' if value <= limit else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--warning-sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("bench/run.py needs tmux (apt-get install tmux)")
    # An installed diplocal runs from bytecode that pip compiled; an editable checkout may
    # not have any (PYTHONDONTWRITEBYTECODE), and compiling on every start is not the app.
    compileall.compile_dir(ROOT / "tui", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="diplocal-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    bare = Figure()
    bare_rss = 0
    for _ in range(args.repeat):
        elapsed, bare_rss = first_paint(
            [PYTHON, str(ROOT / "bench" / "bare_app.py")],
            "bare row 9",
            {"XDG_CACHE_HOME": str(work)},
        )
        bare.samples.append(elapsed)
    print(f"bare Textual app: first paint {bare}, peak RSS {bare_rss / 1024:.0f} MB", flush=True)
    calendars = [("bundled", bundled_calendar())]
    for size in (int(s) for s in args.sizes.split(",") if s):
        path = work / f"calendar-{size}.toml"
        path.write_text(tomli_w.dumps(make_calendar(size)), encoding="utf-8")
        calendars.append((str(size), path))
    for size in (int(s) for s in args.warning_sizes.split(",") if s):
        # Overlaps (participants drawn at random) and DST-gap times: hundreds of warnings.
        path = work / f"calendar-{size}-warnings.toml"
        document = make_calendar(size, overlaps=WARNING_SHARE, dst_gaps=5)
        path.write_text(tomli_w.dumps(document), encoding="utf-8")
        calendars.append((f"{size} with warnings", path))
    rows = []
    for name, path in calendars:
        row = bench_calendar(name, path, args.repeat, bare, bare_rss)
        rows.append(row)
        print(f"\n{name}: {row.events:,} events, {row.size_mb:.1f} MB", flush=True)
        for key, value in row.figures.items():
            print(f"  {key:<36} {value}")
        for key, ratio in row.ratios.items():
            print(f"  {key:<36} {ratio:.2f}")
    text = report(rows, bare, bare_rss)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwrote {args.out}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
