"""`diplocal import` of a large .ics: into a new and an empty calendar, then again (the
no-op), and khal.

    python bench/import_bench.py                 # 10,000 events, 3 runs each
    python bench/import_bench.py --events 1000 --repeat 5

The .ics is generated: bench/make_calendar.py's calendar of N events, exported by diplocal
(so it carries our X- properties), and the same events as a plain client file (UIDs that
are not ours, no X- properties). Each figure is the whole command in-process (read, plan,
check, write through the file's owner), as median (min-max). "New": the calendar file does
not exist yet (written whole); "empty": `diplocal new` made it first, so the import is one
edit of the owner, with its undo step. khal's is `khal import --batch` of the plain file
into an empty khal calendar, then again into the one holding it, as a subprocess. Figures
are printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from figures import Figure  # noqa: E402
from make_calendar import calendar_text  # noqa: E402

from tui.cli import main as diplocal  # noqa: E402
from tui.core.export.ical import to_icalendar  # noqa: E402
from tui.core.loading.load import load_bytes  # noqa: E402

KHAL_CONFIG = """\
[calendars]
[[bench]]
path = {folder}
type = calendar
[locale]
local_timezone = Asia/Dushanbe
default_timezone = Asia/Dushanbe
[sqlite]
path = {database}
"""


def files(count: int, folder: Path) -> tuple[Path, Path]:
    """Our export of ``count`` events, and the same as another client would write it."""
    calendar = load_bytes(calendar_text(count).encode(), "bench.toml").calendar
    ours = to_icalendar(calendar)
    plain = re.sub(rb"X-DIPLOCAL-[^\r]*\r\n( [^\r]*\r\n)*", b"", ours)
    plain = re.sub(rb"UID:([^@\r]*)@[^\r]*", rb"UID:\1-0f3a9c2e@client.example", plain)
    (folder / "ours.ics").write_bytes(ours)
    (folder / "plain.ics").write_bytes(plain)
    return folder / "ours.ics", folder / "plain.ics"


def run_import(source: Path, into: Path) -> float:
    out, err = io.StringIO(), io.StringIO()
    began = time.perf_counter()
    code = diplocal(["import", str(source), "--into", str(into)], stdout=out, stderr=err)
    took = time.perf_counter() - began
    if code != 0:
        raise SystemExit(f"import failed ({code}): {err.getvalue()[-500:]}")
    return took


def khal_import(source: Path, work: Path) -> tuple[float, float, int] | None:
    """khal's import of ``source`` into an empty calendar, then again into the calendar that
    holds it (the no-op case): both times, and how many events khal then holds."""
    command = Path(sys.executable).with_name("khal")
    if not command.exists():
        return None
    folder, database = work / "khal", work / "khal.db"
    shutil.rmtree(folder, ignore_errors=True)
    database.unlink(missing_ok=True)
    folder.mkdir()
    config = work / "khal.conf"
    config.write_text(KHAL_CONFIG.format(folder=folder, database=database))
    argv = [str(command), "-c", str(config), "import", "--batch", "-a", "bench", str(source)]
    took = []
    for _ in range(2):
        began = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        took.append(time.perf_counter() - began)
    return took[0], took[1], len(list(folder.glob("*.ics")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-khal", action="store_true", help="skip khal (minutes at 10,000)")
    args = parser.parse_args()
    names = ("ours new", "ours again", "plain new", "plain empty", "plain again")
    figures = {name: Figure() for name in names}
    khal, khal_again, held = Figure(), Figure(), 0
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        os.environ["XDG_STATE_HOME"] = str(work / "state")
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        ours, plain = files(args.events, work)
        for _ in range(args.repeat):
            for kind, source in (("ours", ours), ("plain", plain)):
                into = work / f"{kind}.toml"
                into.unlink(missing_ok=True)
                shutil.rmtree(work / "state", ignore_errors=True)
                figures[f"{kind} new"].samples.append(run_import(source, into))
                figures[f"{kind} again"].samples.append(run_import(source, into))
            empty = work / "empty.toml"
            empty.unlink(missing_ok=True)
            shutil.rmtree(work / "state", ignore_errors=True)
            new = ["new", str(empty), "--title", "Bench", "--timezone", "Asia/Dushanbe"]
            if diplocal(new, stdout=io.StringIO(), stderr=io.StringIO()) != 0:
                raise SystemExit("diplocal new failed")
            figures["plain empty"].samples.append(run_import(plain, empty))
            took = None if args.no_khal else khal_import(plain, work)
            if took is not None:
                khal.samples.append(took[0])
                khal_again.samples.append(took[1])
                held = took[2]
        size = plain.stat().st_size / 1e6
    print(f"import of {args.events:,} events ({size:.1f} MB .ics), {args.repeat} runs each:")
    print(f"  diplocal import, our export, into a new calendar:      {figures['ours new']}")
    print(f"  diplocal import, our export, again (no-op):             {figures['ours again']}")
    print(f"  diplocal import, a client's file, into a new calendar: {figures['plain new']}")
    print(f"  diplocal import, a client's file, into an empty one:   {figures['plain empty']}")
    print(f"  diplocal import, a client's file, again (no-op):        {figures['plain again']}")
    print(f"  khal import --batch, the client's file, empty calendar: {khal}")
    print(f"  khal import --batch, the same file again:               {khal_again}")
    if held:
        print(f"  (khal then holds {held:,} event files for {args.events:,} events)")


if __name__ == "__main__":
    main()
