"""Issue 25's core figures: the month grid, search results, now and the agenda's formats.

    python bench/outputs.py                 # 10,000 events
    python bench/outputs.py --sizes 10000 100000 --repeat 20

For each size: a month grid on a warm index (what a key in the month view costs: `]`
moves a month, an arrow changes the cursor, so each key asks for one grid), the first grid
under a new filter (cold counts), search results for a word, `find_now`, and the agenda as
JSON, CSV and Markdown, with the brief as HTML. Prints median (min-max) over --repeat
runs; figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from figures import Figure, measure  # noqa: E402
from make_calendar import calendar_text  # noqa: E402

from tui.core.export.agenda_markdown import agenda_markdown  # noqa: E402
from tui.core.export.agenda_records import agenda_csv, agenda_json  # noqa: E402
from tui.core.export.brief import make_brief  # noqa: E402
from tui.core.export.brief_html import brief_html  # noqa: E402
from tui.core.loading.load import load_bytes  # noqa: E402
from tui.core.views.agenda_days import agenda_days  # noqa: E402
from tui.core.views.filter import Filter, ZoneMode  # noqa: E402
from tui.core.views.index import CalendarIndex  # noqa: E402
from tui.core.views.month import month_grid, shift_month  # noqa: E402
from tui.core.views.now import find_now  # noqa: E402
from tui.core.views.search_results import search_results  # noqa: E402
from tui.core.zones import get_zone  # noqa: E402

BERLIN = get_zone("Europe/Berlin")


def figures(size: int, repeat: int) -> list[tuple[str, str]]:
    """(what, median (min-max)) for one calendar size."""
    index = CalendarIndex(load_bytes(calendar_text(size).encode(), f"bench-{size}.toml").calendar)
    index.build()
    first = next(iter(index.by_day(ZoneMode.EVENT, BERLIN)))
    months = [shift_month(first.year, first.month, n) for n in range(repeat)]
    step = iter(months * 2)

    def next_month() -> object:
        year, month = next(step)
        return month_grid(index, Filter(), ZoneMode.EVENT, BERLIN, year, month, first)

    filters = iter(
        Filter(countries=frozenset({code})) for code in ["RU", "TJ", "KZ", "DE"] * repeat
    )

    def new_filter() -> object:
        return month_grid(index, next(filters), ZoneMode.EVENT, BERLIN, *months[0])

    everything = index.select(Filter())
    days = agenda_days(index, everything, ZoneMode.EVENT, BERLIN)
    now = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    return [
        ("month grid, warm index (one key)", str(measure(next_month, repeat))),
        ("month grid under a new filter", str(measure(new_filter, repeat))),
        (
            "search results for a word",
            str(
                measure(
                    lambda: search_results(index, Filter(text="talks"), ZoneMode.EVENT, BERLIN),
                    repeat,
                )
            ),
        ),
        (
            "find_now",
            str(measure(lambda: find_now(index, everything, ZoneMode.EVENT, BERLIN, now), repeat)),
        ),
        ("agenda as JSON", str(measure(lambda: agenda_json(index, days, {}), max(3, repeat // 5)))),
        ("agenda as CSV", str(measure(lambda: agenda_csv(index, days), max(3, repeat // 5)))),
        (
            "agenda as Markdown",
            str(
                measure(
                    lambda: agenda_markdown(index, days, ZoneMode.EVENT, BERLIN),
                    max(3, repeat // 5),
                )
            ),
        ),
        (
            "brief as HTML",
            str(
                measure(lambda: brief_html(make_brief(index, everything, UTC)), max(3, repeat // 5))
            ),
        ),
    ]


def month_keys(size: int, repeat: int) -> list[tuple[str, str]]:
    """Key to repaint in a headless month view (Pilot): an arrow, and `]` (a new month's
    grid). An upper bound: each sample includes Pilot's own round trip."""
    import asyncio
    import time

    from textual.app import App, ComposeResult

    from tui.ui.widgets.month_view import MonthView

    index = CalendarIndex(load_bytes(calendar_text(size).encode(), f"bench-{size}.toml").calendar)
    index.build()
    first = next(iter(index.by_day(ZoneMode.EVENT, BERLIN)))

    class MonthApp(App[None]):
        def compose(self) -> ComposeResult:
            yield MonthView()

        def on_mount(self) -> None:
            view = self.query_one(MonthView)
            view.grid = month_grid(index, Filter(), ZoneMode.EVENT, BERLIN, first.year, first.month)
            view.cursor = first
            view.focus()

        def on_month_view_month_requested(self, message: MonthView.MonthRequested) -> None:
            message.control.grid = month_grid(
                index, Filter(), ZoneMode.EVENT, BERLIN, message.year, message.month, first
            )

    spent = [0.0]  # seconds inside the widget's key handling, the new grid and render

    def timed(method: Any) -> Any:
        def run(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args)
            finally:
                spent[0] += time.perf_counter() - start

        return run

    async def drive() -> dict[str, Figure]:
        found = {"right": Figure(), "right_square_bracket": Figure()}
        work = {"right": Figure(), "right_square_bracket": Figure()}
        app = MonthApp()
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.query_one(MonthView)
            view.render = timed(view.render)  # type: ignore[method-assign]
            view._go = timed(view._go)  # type: ignore[method-assign]
            app.on_month_view_month_requested = timed(app.on_month_view_month_requested)  # type: ignore[method-assign]
            await pilot.pause()
            for _ in range(repeat):
                for key, figure in found.items():
                    spent[0] = 0.0
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    figure.samples.append(time.perf_counter() - start)
                    work[key].samples.append(spent[0])
        return {**found, **{f"work {k}": v for k, v in work.items()}}

    found = asyncio.run(drive())
    return [
        ("month view: an arrow, the widget's work", str(found["work right"])),
        (
            "month view: `]`, the widget's work (grid, render)",
            str(found["work right_square_bracket"]),
        ),
        ("month view: an arrow, with Pilot's round trip (80x24)", str(found["right"])),
        ("month view: `]`, with Pilot's round trip (80x24)", str(found["right_square_bracket"])),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    for size in args.sizes:
        print(f"\n{size:,} events\n")
        print("| what | median (min-max) |\n|---|---|")
        for what, figure in figures(size, args.repeat) + month_keys(size, args.repeat):
            print(f"| {what} | {figure} |")


if __name__ == "__main__":
    main()
