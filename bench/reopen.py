"""Reopening a calendar that changed while diplocal was closed, beside a warm start and a
live reload (issue 27): in this process, the runs of each kind interleaved.

    python bench/reopen.py --sizes 10000,100000 --repeat 3

Per size: *cold* (no cache at all, as `check` with DIPLOCAL_NO_CACHE), *first open* (an
empty cache: parse by blocks and check; the cache and the event digests are written
after, untimed, as the app writes them once the calendar is shown), *warm* (the
same bytes again: the calendar cache), *reopen after one change* (one event's title
changed, a new edit each run: the cache misses and the event digests of the last load are
used) and *live reload after one change* (`reload_bytes`, what the app does while open).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from figures import Figure  # noqa: E402
from make_calendar import calendar_text  # noqa: E402

from tui.core.loading.load import Finish, load_calendar, reload_bytes  # noqa: E402


def edited(data: bytes, n: int) -> bytes:
    """The file with the title of the event in the middle changed (``n``: which edit)."""
    at = data.index(b'title = "', len(data) // 2) + len(b'title = "')
    return data[:at] + f"Edited {n} ".encode() + data[at:]


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def shown(path: Path) -> float:
    """Seconds until the calendar could be shown, as in the app: the warnings that look
    across events and the cache's writing come after (run here, untimed)."""
    later: list[Finish] = []
    took = timed(lambda: load_calendar(path, finish_later=later.append))
    for finish in later:
        finish()
    return took


def reopen_figures(path: Path, repeat: int, cache: Path) -> dict[str, Figure]:
    """The five figures of the module docstring for the calendar at ``path``."""
    data = path.read_bytes()
    names = ["cold", "first open", "warm", "reopen after one change", "live reload"]
    figures = {name: Figure() for name in names}
    _, state = reload_bytes(data, str(path), None)
    for n in range(repeat):
        os.environ["DIPLOCAL_NO_CACHE"] = "1"
        figures["cold"].samples.append(timed(lambda: load_calendar(path)))
        del os.environ["DIPLOCAL_NO_CACHE"]
        shutil.rmtree(cache, ignore_errors=True)
        path.write_bytes(data)
        figures["first open"].samples.append(shown(path))
        figures["warm"].samples.append(shown(path))
        path.write_bytes(edited(data, n))
        figures["reopen after one change"].samples.append(shown(path))
        changed = edited(data, n)
        figures["live reload"].samples.append(
            timed(lambda: reload_bytes(changed, str(path), state))  # noqa: B023
        )
    path.write_bytes(data)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="diplocal-reopen-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    try:
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = work / f"calendar-{size}.toml"
            path.write_text(calendar_text(size), encoding="utf-8")
            figures = reopen_figures(path, args.repeat, work / "cache")
            print(f"\n{size:,} events, load {os.getloadavg()[0]:.2f}")
            for name, figure in figures.items():
                print(f"  {name:<28} {figure}")
            ratio = statistics.median(
                a / b
                for a, b in zip(
                    figures["reopen after one change"].samples,
                    figures["live reload"].samples,
                    strict=True,
                )
            )
            print(f"  reopen / live reload, per run: median {ratio:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
