"""Time the editing core on generated calendars: one edit, a check as you type, a save.

    .venv/bin/python bench/edit.py [N ...]     (default: 1000 10000 events)

Prints the median of a few runs for each step. Not part of the test suite.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DIPLOCAL_NO_CACHE"] = "1"  # validate_text as a first check, not a cache hit

import tomli_w

from bench.make_calendar import make_calendar
from tui.core.editing.edit_check import field_problems, validate_text
from tui.core.editing.save import read_snapshot, save_calendar
from tui.core.editing.toml_edit import add_event, update_event


def median_ms(step: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        step()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(count: int) -> None:
    text = tomli_w.dumps(make_calendar(count))
    document = tomllib.loads(text)
    middle = document["events"][count // 2]
    event_id = middle["id"]
    changes = {"title": "Edited", "start": datetime(2025, 10, 9, 12, 0), "location": None}
    draft = {**middle, "title": "Edited"}
    new = {"id": "bench-new", "title": "New", "start": datetime(2025, 10, 9, 12, 0)}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cal.toml"
        path.write_text(text, encoding="utf-8")

        def save() -> None:
            snapshot = read_snapshot(path)
            save_calendar(path, update_event(snapshot.text, event_id, changes), snapshot.digest)

        figures = {
            "update_event": median_ms(lambda: update_event(text, event_id, changes)),
            "add_event": median_ms(lambda: add_event(text, new)),
            "field_problems (as you type)": median_ms(lambda: field_problems(document, draft)),
            "validate_text (check)": median_ms(lambda: validate_text(text, "cal.toml"), 3),
            "read + edit + save": median_ms(save, 3),
        }
    print(f"{count:,} events, {len(text.encode()) / 1e6:.1f} MB")
    for name, ms in figures.items():
        print(f"  {name:<30} {ms:8.1f} ms")


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["1000", "10000"]:
        measure(int(argument))
