"""Issue 25's keys at 10,000 events, without the TUI: what `.`, `Y` and a search keystroke
cost in the core, and what the header's "ended 1 year ago" and the results list add to
each key's presenter call.

    python bench/now_keys.py [--events 10000] [--repeat 20]

Prints a Markdown table of median (min-max) milliseconds; figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text  # noqa: E402

from tui.core.export.copy_text import day_markdown, event_markdown  # noqa: E402
from tui.core.loading.load import load_bytes  # noqa: E402
from tui.core.present.screenful import present  # noqa: E402
from tui.core.present.state import Browse, at_now, settle, shown_on  # noqa: E402
from tui.core.views.filter import Filter  # noqa: E402
from tui.core.views.index import CalendarIndex  # noqa: E402
from tui.core.views.now_times import outside_words  # noqa: E402
from tui.core.zones import get_zone  # noqa: E402

LOCAL = get_zone("Europe/Berlin")


def figure(work: Callable[[], object], repeat: int) -> str:
    work()  # warm: the per-index caches are built once, as on the first key press
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return f"{statistics.median(times):.2f} ({min(times):.2f}-{max(times):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    calendar = load_bytes(calendar_text(args.events).encode(), "bench.toml").calendar
    index = CalendarIndex(calendar)
    index.build()
    year = calendar.events[0].start.year
    during = datetime(year, 6, 1, 12, tzinfo=UTC)
    after = datetime(year + 5, 1, 1, tzinfo=UTC)
    browse = settle(index, Browse(), LOCAL)
    searching = settle(index, replace(browse, filter=Filter(text="talks")), LOCAL)
    day = browse.day
    assert day is not None
    events, mode = shown_on(index, browse, day, LOCAL), browse.zone_mode
    hits = len(present(index, searching, LOCAL, during).results)
    print(f"searching 'talks': {hits} results listed")
    rows = [
        ("`.` (at_now), during", lambda: at_now(index, browse, LOCAL, during)),
        ("header words (outside_words), after", lambda: outside_words(index, after)),
        ("present, not searching", lambda: present(index, browse, LOCAL, during)),
        (
            "present, searching 'talks' (results list)",
            lambda: present(index, searching, LOCAL, during),
        ),
        ("`Y` on an event (event_markdown)", lambda: event_markdown(index, events[0], day, LOCAL)),
        (
            "`Y` on a day (day_markdown)",
            lambda: day_markdown(index, day, events, mode, LOCAL),
        ),
    ]
    print(f"| {args.events:,} events | ms, median (min-max) of {args.repeat} |")
    print("|---|---|")
    for name, work in rows:
        print(f"| {name} | {figure(work, args.repeat)} |")


if __name__ == "__main__":
    main()
