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
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tomli_w

from bench.make_calendar import make_calendar
from tui.core.editing.document import CalendarDocument, Outcome
from tui.core.editing.toml_edit import update_event


def median_ms(step: Callable[[], object], runs: int) -> tuple[float, float, float, float]:
    """Median, min and max wall time, and the median CPU time of this process: on a
    shared machine the wall time says more about the neighbours than about the code."""
    times, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        step()
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return statistics.median(times), min(times), max(times), statistics.median(cpu)


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

        def theirs() -> None:
            changed = update_event(path.read_text("utf-8"), other, {"location": f"x{next(titles)}"})
            path.write_text(changed, encoding="utf-8")

        figures = {
            "update (retitle) + save": median_ms(update, runs),
            "add + save": median_ms(add, runs),
            "undo": median_ms(undo, runs),
            "redo": median_ms(redo, runs),
        }
        rebased = []
        for _ in range(runs):
            theirs()
            rebased.append(median_ms(update, 1))
        figures["rebased save (file changed)"] = (
            statistics.median(r[0] for r in rebased),
            min(r[1] for r in rebased),
            max(r[2] for r in rebased),
            statistics.median(r[3] for r in rebased),
        )
        history_kb = sum(len(repr(step)) for step in document._steps.undo) / 1024
    print(f"{count:,} events, {len(text.encode()) / 1e6:.1f} MB; open {opened:.0f} ms")
    for name, (median, low, high, cpu) in figures.items():
        print(f"  {name:<30} {median:8.1f} ms  ({low:.1f}-{high:.1f}), CPU {cpu:.1f} ms")
    steps = len(document._steps.undo)
    print(f"  {'undo history':<30} {history_kb:8.0f} KB for {steps} steps (as text)")


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["10000", "100000"]:
        size = int(argument)
        measure(size, 5 if size <= 10_000 else 3)
