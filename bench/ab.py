"""A/B of two source trees: warm first paint and settled peak RSS on one calendar, paired.

    git worktree add /tmp/ab-old 3e84fcd && (cd /tmp/ab-old && python3 -m venv .venv \\
        && .venv/bin/pip install -e .)
    .venv/bin/python bench/ab.py --old /tmp/ab-old --size 100000 --runs 5

Each tree runs with its own venv (TREE/.venv), its own cache and state folders, from a
neutral folder (``python -m tui`` would otherwise import the tree in the working
directory). Both are warmed first with a settled start (the cache is written after the
first paint). Each round starts both, in alternating order; figures are the medians of
the per-round ratios new/old, printed with the machine's load.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text  # noqa: E402
from terminal import first_paint  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="the older source tree")
    parser.add_argument("--new", type=Path, default=ROOT, help="default: this tree")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--marker", default="Washington talks 1", help="first event shown")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="diplocal-ab-"))
    calendar = work / f"calendar-{args.size}.toml"
    calendar.write_text(calendar_text(args.size), encoding="utf-8")
    os.chdir(work)
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    for tree in trees.values():
        compileall.compile_dir(tree / "tui", quiet=1)

    def start(name: str) -> tuple[float, float]:
        command = [str(trees[name] / ".venv" / "bin" / "python"), "-m", "tui", str(calendar)]
        env = {"XDG_CACHE_HOME": str(work / f"cache-{name}")}
        env["XDG_STATE_HOME"] = str(work / f"state-{name}")
        paint = first_paint(command, args.marker, env, settle=True)
        return paint.events, paint.peak_kb / 1024

    for name in trees:
        print(f"warm-up {name}: {start(name)[0]:.2f} s", flush=True)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    for round_ in range(args.runs):
        for name in list(trees) if round_ % 2 == 0 else list(trees)[::-1]:
            results[name].append(start(name))
        cells = ", ".join(f"{n} {r[-1][0]:.2f} s {r[-1][1]:.0f} MB" for n, r in results.items())
        print(f"round {round_}: {cells}, load {os.getloadavg()[0]:.1f}", flush=True)
    pairs = list(zip(results["new"], results["old"], strict=True))
    for index, what in ((0, "events shown"), (1, "peak RSS")):
        ratios = [new[index] / old[index] for new, old in pairs]
        low, high = min(ratios), max(ratios)
        print(f"new/old {what}: median {statistics.median(ratios):.2f} ({low:.2f}-{high:.2f})")


if __name__ == "__main__":
    main()
