"""diplocal beside ikhal and khal (0.14.1) on the same calendar, in paired runs.

    python bench/peers.py --sizes 1000,10000     # alone; bench/run.py calls peer_figures

khal is never a dependency of diplocal: it is installed into a virtual environment of the
benchmark's own ($DIPLOCAL_BENCH_KHAL_VENV, default /tmp/khal-venv), created with pip when
missing. khal reads a folder of .ics files (one event each): the calendar is exported by
diplocal and cut into one file per event, each with the VTIMEZONE it names. The calendar
starts today, where ikhal opens, so that both show a day full of events.

Each round starts ikhal, then diplocal, in the same tmux pane size, both warm (khal's
database and diplocal's cache were filled by a first start), and reads each one's settled
peak RSS; a figure is the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from figures import Figure  # noqa: E402
from goals import IKHAL_PEAK, IKHAL_WARM, KHAL_LIST  # noqa: E402
from khal_config import khal_config  # noqa: E402
from make_calendar import calendar_text  # noqa: E402
from terminal import first_paint  # noqa: E402

from tui.core.export.ical import to_icalendar  # noqa: E402
from tui.core.loading.load import load_calendar  # noqa: E402

KHAL_VERSION = "0.14.1"
URWID = "urwid==2.6.16"
# Python 3.11 reads C.UTF-8 as en_US.UTF-8, which khal's calendar then fails to set: the C
# locale, with Python's UTF-8 mode for the text.
KHAL_ENV = {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "1"}
VENV = Path(os.environ.get("DIPLOCAL_BENCH_KHAL_VENV", "/tmp/khal-venv"))
_BLOCK = re.compile(rb"BEGIN:(VEVENT|VTIMEZONE)\r\n.*?END:\1\r\n", re.DOTALL)
_TZID = re.compile(rb"^TZID:(.*)\r$", re.MULTILINE)
_USES = re.compile(rb";TZID=([^:;]*)[:;]")


def khal() -> Path:
    """khal in the benchmark's own environment, installed there first if need be."""
    executable = VENV / "bin" / "khal"
    if not executable.exists():
        print(f"installing khal {KHAL_VERSION} into {VENV} (for the benchmark only)")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        # urwid 3 dropped what khal 0.14.1's header uses (`.w`): khal's own era's urwid.
        subprocess.run([*pip, f"khal=={KHAL_VERSION}", URWID], check=True)
    return executable


def write_vdir(ics: bytes, folder: Path) -> int:
    """Cut an iCalendar file into one file per event (a vdir, as khal reads); returns the
    number of events."""
    folder.mkdir(parents=True, exist_ok=True)
    zones: dict[bytes, bytes] = {}
    count = 0
    head = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//diplocal bench//EN\r\n"
    for match in _BLOCK.finditer(ics):
        block = match.group(0)
        if match.group(1) == b"VTIMEZONE":
            name = _TZID.search(block)
            if name:
                zones[name.group(1)] = block
            continue
        used = b"".join(zones.get(zone, b"") for zone in dict.fromkeys(_USES.findall(block)))
        (folder / f"event-{count}.ics").write_bytes(head + used + block + b"END:VCALENDAR\r\n")
        count += 1
    return count


class Peer:
    """One calendar as both programs read it: diplocal's TOML and khal's vdir and config."""

    def __init__(self, size: int, work: Path) -> None:
        self.size = size
        self.first = date.today()
        self.toml = work / f"peer-{size}.toml"
        self.toml.write_text(calendar_text(size, start=self.first), encoding="utf-8")
        calendar = load_calendar(self.toml).calendar
        vdir = work / f"peer-{size}-vdir"
        write_vdir(to_icalendar(calendar), vdir)
        self.config = work / f"peer-{size}.khal"
        database = work / f"peer-{size}.db"
        self.config.write_text(khal_config(vdir, database, "UTC", "bench"), encoding="utf-8")
        # Today's event at 01:00 UTC: on both first screens (all of today fits on either).
        self.marker = next(e.title for e in calendar.events if e.id == "e1")
        self.days = max(1, size // 20)
        self.khal = str(khal())

    def ikhal(self) -> list[str]:
        return [self.khal, "-c", str(self.config), "interactive"]

    def diplocal(self) -> list[str]:
        return [sys.executable, "-m", "tui", str(self.toml)]


def _median_ratio(pairs: list[tuple[float, float]]) -> float:
    return statistics.median(ours / theirs for ours, theirs in pairs)


def peer_figures(size: int, work: Path, runs: int) -> tuple[dict[str, str], dict[str, float]]:
    """(printed figures, values judged by goals) of diplocal beside ikhal and khal list."""
    peer = Peer(size, work)
    env = {"XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", str(work / "cache"))}
    began = time.perf_counter()
    first_paint(peer.ikhal(), peer.marker, KHAL_ENV)  # khal builds its database: cold
    built = time.perf_counter() - began
    first_paint(peer.diplocal(), peer.marker, env, settle=True)  # fills its cache, whole
    shown, peak = [], []
    ours, theirs = Figure(), Figure()
    for _ in range(runs):
        them = first_paint(peer.ikhal(), peer.marker, KHAL_ENV, settle=True)
        us = first_paint(peer.diplocal(), peer.marker, env, ("Opening ",), settle=True)
        ours.samples.append(us.events)
        theirs.samples.append(them.events)
        shown.append((us.events, them.events))
        peak.append((float(us.peak_kb), float(them.peak_kb)))
    listed = _agenda_pairs(peer, runs)
    figures = {
        "ikhal's first start (builds its database)": f"{built:.1f} s",
        "events shown, warm, diplocal (beside ikhal)": str(ours),
        "events shown, warm, ikhal": str(theirs),
        "peak RSS, warm, diplocal / ikhal (MB)": (
            f"{statistics.median(p[0] for p in peak) / 1024:.0f} / "
            f"{statistics.median(p[1] for p in peak) / 1024:.0f}"
        ),
        f"diplocal agenda / khal list, {peer.days} days (s)": (
            f"{statistics.median(p[0] for p in listed):.2f} / "
            f"{statistics.median(p[1] for p in listed):.2f}"
        ),
    }
    values = {
        IKHAL_WARM: _median_ratio(shown),
        IKHAL_PEAK: _median_ratio(peak),
        KHAL_LIST: _median_ratio(listed),
    }
    return figures, values


def _agenda_pairs(peer: Peer, runs: int) -> list[tuple[float, float]]:
    """(diplocal agenda, khal list) of the same days, warm, each pair run back to back."""
    end = peer.first + timedelta(days=peer.days)
    theirs = [peer.khal, "-c", str(peer.config), "list", str(peer.first), str(end)]
    ours = [sys.executable, "-m", "tui", "agenda", str(peer.toml)]
    ours += ["--from", str(peer.first), "--days", str(peer.days)]
    pairs = []
    for _ in range(runs):
        pairs.append((_timed(ours), _timed(theirs)))
    return pairs


def _timed(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, env={**os.environ, **KHAL_ENV})
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    # As bench/run.py: an installed diplocal runs from the bytecode pip compiled, and an
    # editable checkout under PYTHONDONTWRITEBYTECODE has none (compiling on every start
    # cost diplocal about 0.2 s of its first paint here, against ikhal's installed khal).
    compileall.compile_dir(ROOT / "tui", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="diplocal-peers-"))
    os.environ.setdefault("XDG_CACHE_HOME", str(work / "cache"))
    os.environ.setdefault("XDG_STATE_HOME", str(work / "state"))
    try:
        for size in (int(s) for s in args.sizes.split(",") if s):
            figures, values = peer_figures(size, work, args.repeat)
            print(f"\n{size:,} events, load {os.getloadavg()[0]:.2f}")
            for key, text in figures.items():
                print(f"  {key:<52} {text}")
            for key, value in values.items():
                print(f"  {key:<52} {value:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
