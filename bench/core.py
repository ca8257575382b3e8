"""Issue 15's figures that need no TUI: cold check, reload after one change, memory kept.

    python bench/core.py                              # 10,000 and 100,000 events
    python bench/core.py --baseline /tmp/old-diplocal # also `check` of an older source tree

For each size, a clean calendar and one with warnings (overlaps and DST-gap times, as in
bench/run.py). Prints a Markdown table of median (min-max) over --repeat runs; figures
are printed, never asserted. `bench/run.py` measures these too, next to the TUI's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text  # noqa: E402
from run import (  # noqa: E402
    WARNING_SHARE,
    Figure,
    measure,
    reload_after_one_change,
    reload_state_kb,
)

from tui.core.loading.load import load_bytes  # noqa: E402


def cold_check(path: Path, repeat: int, source: Path | None = None) -> Figure:
    """`diplocal check` without the cache; ``source``: run that source tree instead."""
    env = {**os.environ, "DIPLOCAL_NO_CACHE": "1"}
    # `python -m` puts the working directory first on the path: it picks the tree.
    tree = str(source or ROOT)
    command = [sys.executable, "-m", "tui", "check", str(path)]
    return measure(lambda: subprocess.run(command, capture_output=True, env=env, cwd=tree), repeat)


def warnings_of(path: Path) -> int:
    os.environ["DIPLOCAL_NO_CACHE"] = "1"
    try:
        return len(load_bytes(path.read_bytes(), str(path)).warnings)
    finally:
        del os.environ["DIPLOCAL_NO_CACHE"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="an older diplocal source tree")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="diplocal-core-bench-"))
    header = "| calendar | warnings | check, cold | reload after one change | kept for reload |"
    if args.baseline:
        header += " check, cold, baseline |"
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for size in (int(s) for s in args.sizes.split(",")):
        for share, label in ((0.0, f"{size:,}"), (WARNING_SHARE, f"{size:,} with warnings")):
            path = work / f"calendar-{size}-{share}.toml"
            path.write_text(calendar_text(size, overlaps=share, dst_gaps=5 if share else 0))
            cells = [
                label,
                str(warnings_of(path)),
                str(cold_check(path, args.repeat)),
                str(reload_after_one_change(path, args.repeat)),
                f"{reload_state_kb(path) / size:.2f} kB/event",
            ]
            if args.baseline:
                cells.append(str(cold_check(path, args.repeat, args.baseline)))
            print("| " + " | ".join(cells) + " |", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
