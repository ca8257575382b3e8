"""A/B of two source trees: a cold load's time and peak RSS, no TUI, paired.

    git archive OLD | tar -x -C /tmp/cold-old
    .venv/bin/python bench/cold_ab.py --old /tmp/cold-old --sizes 10000,100000 --runs 5

Each run is a fresh process of this venv's Python with the tree first on its path, from a
neutral folder, with an empty cache folder of its own (so the load is cold: read, parse,
check, then the warnings located and the cache written, as `load_calendar` does with
``finish_later``). It prints the time until the calendar could be shown, the whole load's
time, and the process's peak RSS (VmHWM) after the imports and at the end. Each round
runs both trees in alternating order; figures are medians, with the per-round ratios
new/old and the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text  # noqa: E402

CHILD = """
import json, sys, time
from pathlib import Path
from tui.core.loading.load import load_calendar

def peak_kb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

imports = peak_kb()
later = []
began = time.perf_counter()
load_calendar(Path(sys.argv[1]), finish_later=later.append)
shown = time.perf_counter() - began
for finish in later:
    finish()
print(json.dumps({"shown": shown, "whole": time.perf_counter() - began,
                  "imports_mb": imports / 1024, "peak_mb": peak_kb() / 1024}))
"""


def run(tree: Path, calendar: Path, work: Path) -> dict[str, float]:
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(cache)}
    env["XDG_STATE_HOME"] = str(work / "state")
    env.pop("DIPLOCAL_NO_CACHE", None)
    command = [sys.executable, "-c", CHILD, str(calendar)]
    done = subprocess.run(command, env=env, cwd=work, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="the older source tree")
    parser.add_argument("--new", type=Path, default=ROOT, help="default: this tree")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    work = Path(tempfile.mkdtemp(prefix="diplocal-cold-ab-"))
    try:
        for size in (int(s) for s in args.sizes.split(",") if s):
            calendar = work / f"calendar-{size}.toml"
            calendar.write_text(calendar_text(size), encoding="utf-8")
            print(f"\n{size:,} events ({calendar.stat().st_size / 1e6:.1f} MB)", flush=True)
            compare(trees, calendar, work, args.runs, size)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def compare(trees: dict[str, Path], calendar: Path, work: Path, runs: int, size: int) -> None:
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for round_ in range(runs):
        for name in list(trees) if round_ % 2 == 0 else list(trees)[::-1]:
            results[name].append(run(trees[name], calendar, work))
        cells = ", ".join(
            f"{n} {r[-1]['shown']:.2f} s shown, {r[-1]['whole']:.2f} s whole, "
            f"{r[-1]['peak_mb']:.0f} MB peak"
            for n, r in results.items()
        )
        print(f"  round {round_}: {cells}, load {os.getloadavg()[0]:.1f}", flush=True)
    for figure in ("shown", "whole", "peak_mb", "imports_mb"):
        medians = {n: statistics.median(r[figure] for r in rs) for n, rs in results.items()}
        ratio = statistics.median(
            new[figure] / old[figure] for old, new in zip(*results.values(), strict=True)
        )
        cells = " / ".join(f"{n} {m:.2f}" for n, m in medians.items())
        print(f"  {figure:<10} median {cells}; new/old per round, median {ratio:.3f}")
    over = {
        n: statistics.median(r["peak_mb"] - r["imports_mb"] for r in rs) * 1024 / size
        for n, rs in results.items()
    }
    print(
        "  peak over the imports: " + " / ".join(f"{n} {kb:.2f} kB/event" for n, kb in over.items())
    )


if __name__ == "__main__":
    main()
