"""Publishing to a local Radicale: first time, and the no-op second time, with requests sent;
and, for comparison, `vdirsyncer sync` of the same events.

    .venv/bin/python bench/caldav.py                     # 1,000 and 10,000 events
    .venv/bin/python bench/caldav.py --sizes 500 --fsync
    .venv/bin/python bench/caldav.py --vdirsyncer /tmp/vds-venv/bin/vdirsyncer

Radicale (a test dependency) runs on 127.0.0.1 with a free port and a temporary storage
folder, as in the tests. By default its internal ``_filesystem_fsync`` is off: Radicale
otherwise fsyncs each item (and its cache) on every PUT, and on this shared, busy disk a
first publish then measures the disk (hundreds of seconds for 1,000 events), not the
client or the protocol. ``--fsync`` keeps it on. Requests are counted twice: by diplocal
(``Outcome.requests``) and by Radicale's own log (one "request for" line per request), which
is how vdirsyncer's are counted.

vdirsyncer (not a dependency of diplocal: install it in a separate venv, e.g.
``python3 -m venv /tmp/vds-venv && /tmp/vds-venv/bin/pip install vdirsyncer==0.21.0``)
syncs a filesystem storage holding the very resources diplocal would send (``<uid>.ics``,
one per event) with another collection of the same Radicale, ``conflict_resolution = "a
wins"``; the first sync uploads them all, the second finds nothing to do.

Above ``--put-limit`` events (default 2,000) the first round is not sent one PUT at a time:
Radicale checks a new item's UID against every item of the collection (``has_uid`` reads
them all), so n PUTs cost it O(n²) and 10,000 would take hours. The resources are written
into Radicale's storage folder instead (a collection each for diplocal and vdirsyncer, both
cold), and the first round measured is the one with no local record or status: diplocal
recognises them by content (PROPFIND and one multiget, no write), vdirsyncer compares them.

Figures are wall-clock seconds on this machine, printed with the load average: a shared
machine makes them noisy, so compare rows of one run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_calendar import calendar_text  # noqa: E402
from tests.core.sharing.servers import USERS, Radicale, radicale  # noqa: E402
from tui.core.loading.load import load_calendar  # noqa: E402
from tui.core.model import Calendar, Event  # noqa: E402
from tui.core.sharing.dav import Auth, Collection, Target  # noqa: E402
from tui.core.sharing.publish import publish, timezone_calendar  # noqa: E402
from tui.core.sharing.resources import build_resources  # noqa: E402

ADMIN = Auth("admin", USERS["admin"])
VDIRSYNCER_CONFIG = """\
[general]
status_path = "{status}"

[pair bench]
a = "files"
b = "server"
collections = null
conflict_resolution = "a wins"

[storage files]
type = "filesystem"
path = "{files}"
fileext = ".ics"

[storage server]
type = "caldav"
url = "{url}"
username = "admin"
password = "{password}"
"""


class Requests:
    """Counts the requests Radicale logged since the last call."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.seen = 0

    def __call__(self) -> int:
        total = self.log.read_text(errors="replace").count(" request for ")
        new, self.seen = total - self.seen, total
        return new


def _row(label: str, seconds: float, cpu: float | None, requests: int, note: str = "") -> str:
    used = f"client CPU {cpu:6.2f} s" if cpu is not None else " " * 19
    return f"  {label:<28} {seconds:8.2f} s  {used}  {requests:6d} requests  {note}"


def timed(run: Callable[[], str]) -> tuple[float, float, str]:
    began, cpu = time.perf_counter(), time.process_time()
    note = run()
    return time.perf_counter() - began, time.process_time() - cpu, note


def seed(storage: Path, name: str, calendar: Calendar, events: list[Event]) -> None:
    """Put the resources in Radicale's storage as if they had been published."""
    folder = storage / "collection-root" / "admin" / name
    folder.mkdir(parents=True)
    (folder / ".Radicale.props").write_text('{"tag": "VCALENDAR"}')
    modified = datetime.now(UTC)
    for resource in build_resources(calendar, events).values():
        (folder / resource.name).write_bytes(resource.data(0, modified))


def bench_diplocal(
    calendar: Calendar,
    events: list[Event],
    work: Path,
    server: Radicale,
    seeded: bool,
    server_requests: Requests,
) -> None:
    count = len(events)
    target = Target(server.collection(f"diplocal-{count}"), ADMIN, 3600.0)
    state = work / f"state-{count}"
    first = "diplocal first publish"
    if seeded:
        seed(server.storage, f"diplocal-{count}", calendar, events)
        first = "diplocal first, on server"
    for label in (first, "diplocal second (no-op)"):

        def once() -> str:
            outcome = publish(calendar, events, target, create=True, state_folder=state)
            return (
                f"({outcome.requests} by its own count; {len(outcome.writes)} writes, "
                f"{outcome.unchanged} unchanged)"
            )

        seconds, cpu, note = timed(once)
        print(_row(label, seconds, cpu, server_requests(), note), flush=True)


def bench_vdirsyncer(
    program: str,
    calendar: Calendar,
    events: list[Event],
    work: Path,
    server: Radicale,
    seeded: bool,
    server_requests: Requests,
) -> None:
    count = len(events)
    files = work / f"ics-{count}"
    files.mkdir()
    modified = datetime.now(UTC)
    for resource in build_resources(calendar, events).values():
        (files / resource.name).write_bytes(resource.data(0, modified))
    url = server.collection(f"vdirsyncer-{count}")
    first = "vdirsyncer first sync"
    if seeded:
        seed(server.storage, f"vdirsyncer-{count}", calendar, events)
        first = "vdirsyncer first, on server"
    else:
        with Collection(Target(url, ADMIN, 60.0)) as dav:
            dav.create(calendar.title, timezone_calendar(calendar.timezone, modified))
    config = work / f"vdirsyncer-{count}.conf"
    status = work / f"vds-status-{count}"
    config.write_text(
        VDIRSYNCER_CONFIG.format(status=status, files=files, url=url, password=USERS["admin"])
    )
    server_requests()  # the MKCALENDAR above is not vdirsyncer's
    found = subprocess.run(
        [program, "-c", str(config), "discover"], capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        print(f"  vdirsyncer discover failed: {found.stderr[-300:]}")
        return
    print(f"  (vdirsyncer discover: {server_requests()} requests, not counted below)")
    for label in (first, "vdirsyncer second (no-op)"):
        began = time.perf_counter()
        done = subprocess.run(
            [program, "-c", str(config), "sync"], capture_output=True, text=True, check=False
        )
        seconds = time.perf_counter() - began
        note = "" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr[-300:]}"
        print(_row(label, seconds, None, server_requests(), note), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="event counts, comma-separated")
    parser.add_argument("--fsync", action="store_true", help="keep Radicale's fsync on")
    parser.add_argument("--vdirsyncer", help="the vdirsyncer program to compare with")
    parser.add_argument(
        "--put-limit",
        type=int,
        default=2000,
        help="above this many events, seed Radicale's storage instead of a first round of PUTs",
    )
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"Radicale fsync {'on' if args.fsync else 'off'}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "radicale").mkdir()
        with radicale(work / "radicale", fsync=args.fsync, log="info") as server:
            server_requests = Requests(work / "radicale" / "radicale.log")
            for size in args.sizes.split(","):
                path = work / f"calendar-{size}.toml"
                path.write_text(calendar_text(int(size)))
                calendar = load_calendar(path).calendar
                events = list(calendar.events)
                print(f"{len(events):,} events:", flush=True)
                server_requests()
                seeded = len(events) > args.put_limit
                bench_diplocal(calendar, events, work, server, seeded, server_requests)
                if args.vdirsyncer:
                    program = args.vdirsyncer
                    bench_vdirsyncer(
                        program, calendar, events, work, server, seeded, server_requests
                    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
