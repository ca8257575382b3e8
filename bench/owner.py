"""Time the calendar file's owner (CalendarDocument) on generated calendars, by intent.

    .venv/bin/python bench/owner.py [N ...]     (default: 10000 100000 events)

Each figure is the median of a few runs, in milliseconds, of one intent from call to
return: the edit, the check of the whole new text (as `diplocal check`), the atomic write
and the undo step. "rebased" is a save after someone else changed another event on disk
(the file is read, checked and the edit made again on it). Printed, never asserted; not
part of the test suite. The UI runs these in a worker thread, off the screen's thread.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tomli_w

from bench.make_calendar import make_calendar
from tui.core.editing.document import CalendarDocument, Outcome
from tui.core.editing.toml_edit import update_event


def median_ms(step: Callable[[], object], runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        step()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times), max(times)


def measure(count: int, runs: int) -> None:
    text = tomli_w.dumps(make_calendar(count))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cal.toml"
        path.write_text(text, encoding="utf-8")
        began = time.perf_counter()
        document = CalendarDocument.open(path)
        opened = (time.perf_counter() - began) * 1000
        ids = [e.id for e in document.calendar.events]
        middle, other = ids[count // 2], ids[count // 3]
        titles = iter(range(1_000_000))

        def saved(outcome: Outcome) -> None:
            assert outcome.ok, outcome.message  # a figure for a refused save would mislead

        def update() -> None:
            saved(document.update(middle, {"title": f"Edited {next(titles)}"}))

        def add() -> None:
            saved(document.add({"title": f"New {next(titles)}", "start": datetime(2025, 10, 9)}))

        def undo() -> None:
            saved(document.undo())

        def redo() -> None:
            saved(document.redo())

        def rebased() -> None:
            theirs = update_event(path.read_text("utf-8"), other, {"location": f"x{next(titles)}"})
            path.write_text(theirs, encoding="utf-8")
            began = time.perf_counter()
            update()
            rebased_times.append((time.perf_counter() - began) * 1000)

        rebased_times: list[float] = []
        figures = {
            "update (retitle) + save": median_ms(update, runs),
            "add + save": median_ms(add, runs),
            "undo": median_ms(undo, runs),
            "redo": median_ms(redo, runs),
        }
        median_ms(rebased, runs)
        figures["rebased save (file changed)"] = (
            statistics.median(rebased_times),
            min(rebased_times),
            max(rebased_times),
        )
        tracemalloc.start()
        for _ in range(10):
            update()
        history_kb = tracemalloc.get_traced_memory()[0] / 1024
        tracemalloc.stop()
    print(f"{count:,} events, {len(text.encode()) / 1e6:.1f} MB; open {opened:.0f} ms")
    for name, (median, low, high) in figures.items():
        print(f"  {name:<30} {median:8.1f} ms  ({low:.1f}-{high:.1f})")
    print(f"  {'kept after 10 more saves':<30} {history_kb:8.0f} KB (history and state)")


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["10000", "100000"]:
        size = int(argument)
        measure(size, 5 if size <= 10_000 else 3)
