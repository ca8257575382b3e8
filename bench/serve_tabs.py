"""`diplocal serve` with many browser tabs at once: memory and CPU per tab.

    python bench/serve_tabs.py                      # 10 tabs on the bundled calendar
    python bench/serve_tabs.py --tabs 3 --idle 5
    python bench/serve_tabs.py --screenshot docs/serve.png

Starts the server on a free port on 127.0.0.1, opens the tabs in Debian's headless chromium
(as tests/serve do), waits until every tab shows the first screen, then reads each tab's app
process from /proc: resident and proportional memory (PSS shares the pages the processes
have in common), CPU time spent to start, and CPU used while the tabs sit idle. Prints the
figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.serve.browser import (  # noqa: E402
    CATCH_TERMINAL,
    CHROMIUM,
    START_SECONDS,
    keep_local,
    served,
    wait_for,
)
from tui.core.loading.load import bundled_calendar  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Sample:
    """One process as /proc shows it."""

    pid: int
    command: str
    rss_kb: int
    pss_kb: int
    cpu_s: float


def _field(path: Path, name: str) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def sample(pid: int) -> Sample:
    proc = Path("/proc") / str(pid)
    stat = (proc / "stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
    command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    return Sample(
        pid, command, _field(proc / "status", "VmRSS"), _field(proc / "smaps_rollup", "Pss"), cpu
    )


def group(leader: int) -> list[int]:
    """The processes of the server's process group (the server and every tab's app)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[2]) == leader:  # pgrp
                found.append(int(entry.name))
    return found


def spread(values: list[float], unit: str, digits: int = 0) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid:.{digits}f} {unit} ({low:.{digits}f}-{high:.{digits}f}, n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=10)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle CPU measured")
    parser.add_argument("--screenshot", type=Path, help="also save the first tab as a PNG")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="diplocal-serve-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")  # the tabs' apps keep theirs here
    os.environ["XDG_STATE_HOME"] = str(folder / "state")
    calendar = folder / "events.toml"
    shutil.copyfile(bundled_calendar(), calendar)
    load = os.getloadavg()
    try:
        with served(calendar) as (url, _, server_process), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox"]
            )
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            keep_local(context)
            leader = server_process.pid
            started = time.monotonic()
            pages = [context.new_page() for _ in range(args.tabs)]
            for page in pages:  # all open at once; then each waits for its first screen
                page.add_init_script(CATCH_TERMINAL)
                page.goto(url, wait_until="commit")
            for page in pages:
                wait_for(page, lambda text: "Filter:" in text, START_SECONDS)
            all_shown = time.monotonic() - started
            if args.screenshot:  # focused (the footer shows the keys then), once drawn
                pages[0].bring_to_front()
                pages[0].evaluate("window.__terminal.focus()")
                wait_for(pages[0], lambda text: "q Quit" in text)
                pages[0].screenshot(path=str(args.screenshot))
            apps = [sample(p) for p in group(leader) if p != leader]
            server = sample(leader)
            time.sleep(args.idle)
            later = {s.pid: s for s in (sample(p) for p in group(leader))}
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    idle = [(later[a.pid].cpu_s - a.cpu_s) / args.idle * 100 for a in apps if a.pid in later]
    server_idle = (later[server.pid].cpu_s - server.cpu_s) / args.idle * 100
    print(f"{args.tabs} tabs on the bundled calendar, {os.cpu_count()} cores")
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"app processes: {len(apps)}")
    print(f"all tabs showing their first screen: {all_shown:.1f} s after the first was opened")
    print(f"per tab, RSS: {spread([a.rss_kb / 1024 for a in apps], 'MB')}")
    print(f"per tab, PSS: {spread([a.pss_kb / 1024 for a in apps], 'MB')}")
    print(f"all tabs, PSS: {sum(a.pss_kb for a in apps) / 1024:.0f} MB")
    print(f"per tab, CPU to start: {spread([a.cpu_s * 1000 for a in apps], 'ms')}")
    print(f"per tab, CPU while idle: {spread(idle, '% of a core', 2)}")
    print(f"server: RSS {server.rss_kb / 1024:.0f} MB, CPU while idle {server_idle:.2f}% of a core")


if __name__ == "__main__":
    main()
