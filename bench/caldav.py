"""Publishing to a local Radicale: first time, and the no-op second time, with requests sent.

    .venv/bin/python bench/caldav.py            # 1,000 and 10,000 events
    .venv/bin/python bench/caldav.py --sizes 500

Radicale (a test dependency) runs on 127.0.0.1 with a free port and a temporary storage
folder, as in the tests. Radicale writes and fsyncs each item (and its cache) on every PUT,
so on a busy disk a first publish is mostly Radicale waiting for the disk: "client CPU" is
what diplocal itself spent. Above --put-limit events the first round is not sent one PUT at
a time: the resources diplocal would send are written into Radicale's storage folder, and
the rounds measured are a first publish with no local state (it recognises them by their
content: PROPFIND and one multiget, no write) and the no-op second publish.
Figures are wall-clock seconds on this machine, printed with the load average: a shared
machine makes them noisy, so compare rows of one run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_calendar import calendar_text  # noqa: E402
from tests.core.sharing.servers import USERS, Radicale, radicale  # noqa: E402
from tui.core.loading.load import load_calendar  # noqa: E402
from tui.core.model import Calendar, Event  # noqa: E402
from tui.core.sharing.dav import Auth, Target  # noqa: E402
from tui.core.sharing.publish import Outcome, publish  # noqa: E402
from tui.core.sharing.resources import build_resources  # noqa: E402


def _row(label: str, seconds: float, cpu: float, outcome: Outcome) -> str:
    writes = len(outcome.writes)
    return (
        f"  {label:<24} {seconds:8.2f} s  client CPU {cpu:6.2f} s  {outcome.requests:6d} requests"
        f"  {writes:6d} writes  {outcome.unchanged:6d} unchanged"
    )


def seed(storage: Path, name: str, calendar: Calendar, events: list[Event]) -> None:
    """Put the resources in Radicale's storage as if they had been published."""
    folder = storage / "collection-root" / "admin" / name
    folder.mkdir(parents=True)
    (folder / ".Radicale.props").write_text('{"tag": "VCALENDAR"}')
    modified = datetime.now(UTC)
    for resource in build_resources(calendar, events).values():
        (folder / resource.name).write_bytes(resource.data(0, modified))


def bench_size(count: int, work: Path, server: Radicale, put_limit: int) -> None:
    path = work / f"calendar-{count}.toml"
    path.write_text(calendar_text(count))
    calendar = load_calendar(path).calendar
    events = list(calendar.events)
    began = time.perf_counter()
    build_resources(calendar, events)
    built = time.perf_counter() - began
    target = Target(server.collection(f"bench-{count}"), Auth("admin", USERS["admin"]), 600.0)
    state = work / f"state-{count}"
    print(f"{count:,} events (resources built in {built:.2f} s):")
    first = "first publish"
    if count > put_limit:
        seed(server.storage, f"bench-{count}", calendar, events)
        first = "first, found on server"
    for label in (first, "second publish (no-op)"):
        began, cpu = time.perf_counter(), time.process_time()
        outcome = publish(calendar, events, target, create=True, state_folder=state)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        print(_row(label, seconds, cpu, outcome), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="event counts, comma-separated")
    parser.add_argument("--put-limit", type=int, default=2000, help="see the docstring")
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "radicale").mkdir()
        with radicale(work / "radicale") as server:
            for size in args.sizes.split(","):
                bench_size(int(size), work, server, args.put_limit)


if __name__ == "__main__":
    main()
