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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from figures import measure  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    for size in args.sizes:
        print(f"\n{size:,} events\n")
        print("| what | median (min-max) |\n|---|---|")
        for what, figure in figures(size, args.repeat):
            print(f"| {what} | {figure} |")


if __name__ == "__main__":
    main()
