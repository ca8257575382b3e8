"""How calendar clients show a timed event with no end, in each form iCalendar allows.

    python bench/open_end_interop.py

For an event starting 2025-10-09 16:30 Asia/Dushanbe with no announced end, writes one
.ics per form (``DURATION:P0D``, ``DURATION:PT0S``, no DTEND nor DURATION, ``DTEND`` equal
to DTSTART) and prints what khal, calcurse, the icalendar library and ical.js (Thunderbird's
parser, fetched with npm into a temporary folder) make of it: the start and end they keep, or
that they drop the event. A client that cannot be run here is printed as "not run" with the
reason. Figures are printed, never asserted; tests/core/export/test_open_end.py holds the
default form to what is measured here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import icalendar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.khal_config import khal_config
from tui.core.export.ical import vtimezone

FORMS = {
    "DURATION:P0D": "DURATION:P0D",
    "DURATION:PT0S": "DURATION:PT0S",
    "DURATION:PT0M": "DURATION:PT0M",
    "DURATION:P0DT0H0M0S": "DURATION:P0DT0H0M0S",
    "no DTEND, no DURATION": "",
    "DTEND = DTSTART": "DTEND;TZID=Asia/Dushanbe:20251009T163000",
}
ICALJS = """
const ICAL = require('ical.js');
const data = require('fs').readFileSync(process.argv[2], 'utf8');
const event = new ICAL.Event(new ICAL.Component(ICAL.parse(data)).getFirstSubcomponent('vevent'));
console.log(event.startDate.toString() + ' -> ' + event.endDate.toString());
"""


def ics(form: str) -> str:
    # With its VTIMEZONE, as the export writes it: khal warns about a zone it cannot find.
    zone = vtimezone("Asia/Dushanbe", date(2025, 10, 9), date(2025, 10, 9)).to_ical().decode()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//diplocal//interop//EN",
        zone.strip(),
        "BEGIN:VEVENT",
        "UID:aliyev@interop",
        "DTSTAMP:20251001T000000Z",
        "SUMMARY:Putin and Aliyev meet",
        "DTSTART;TZID=Asia/Dushanbe:20251009T163000",
        *([form] if form else []),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def khal(path: Path, work: Path) -> str:
    command = Path(sys.executable).with_name("khal")
    if not command.exists():
        return "not run: khal is not installed"
    folder, config = work / "khal", work / "khal.conf"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    config.write_text(khal_config(folder, work / "khal.db", "Asia/Dushanbe"))
    (work / "khal.db").unlink(missing_ok=True)
    base = [str(command), "-c", str(config)]
    done = subprocess.run(
        [*base, "import", "--batch", "-a", "visit", str(path)], capture_output=True, text=True
    )
    listed = subprocess.run(
        [*base, "list", "2025-10-09", "1d", "--format", "{start-end-time-style}"],
        capture_output=True,
        text=True,
    ).stdout.split()
    warned = " (warns)" if "warning" in done.stderr.lower() else ""
    return (listed[-1] if listed else "dropped") + warned


def calcurse(path: Path, work: Path) -> str:
    command = shutil.which("calcurse")
    if command is None:
        return "not run: calcurse is not installed"
    folder = work / "calcurse"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    env = {**os.environ, "TZ": "Asia/Dushanbe", "TMPDIR": str(work)}  # its log goes there
    subprocess.run(
        [command, "-D", str(folder), "-i", str(path), "-q"], capture_output=True, text=True, env=env
    )
    apts = folder / "apts"
    stored = apts.read_text().strip() if apts.exists() else ""
    if not stored:
        logs = sorted(work.glob("calcurse_log.*"))
        said = (
            [line for line in logs[-1].read_text().splitlines() if "VEVENT [" in line]
            if logs
            else []
        )
        return "dropped" + (f" ({said[-1].split(': ', 1)[-1]})" if said else "")
    # e.g. "10/09/2025 @ 16:30 -> 10/09/2025 @ 16:30 |Putin and Aliyev meet"
    when = re.sub(r" ?>[0-9a-f]{40}", "", stored.split("|")[0]).strip()  # a note's hash
    return when.replace("10/09/2025 @ ", "").replace(" -> ", "-")


def library(path: Path, _work: Path) -> str:
    event = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
    return f"{event.start:%H:%M}-{event.end:%H:%M}"


def icaljs(path: Path, work: Path) -> str:
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "not run: node/npm not installed"
    modules = work / "js"
    if not (modules / "node_modules" / "ical.js").exists():
        modules.mkdir(exist_ok=True)
        done = subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(modules), "ical.js@2"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode:
            return f"not run: npm install failed ({done.stderr.strip()[:60]})"
    script = modules / "end.js"
    script.write_text(ICALJS)
    done = subprocess.run(
        ["node", str(script), str(path)], capture_output=True, text=True, cwd=modules
    )
    if done.returncode:
        return f"error: {done.stderr.strip().splitlines()[-1][:60]}"
    start, end = done.stdout.strip().split(" -> ")
    return f"{start[11:16]}-{end[11:16]}"


CLIENTS: dict[str, Callable[[Path, Path], str]] = {
    "khal": khal,
    "calcurse": calcurse,
    "icalendar": library,
    "ical.js": icaljs,
}


def main() -> None:
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        for form, line in FORMS.items():
            path = work / "event.ics"
            path.write_text(ics(line), newline="")
            results[form] = {client: run(path, work) for client, run in CLIENTS.items()}
    width = max(map(len, FORMS))
    print("| form | " + " | ".join(CLIENTS) + " |")
    print("| --- " * (len(CLIENTS) + 1) + "|")
    for form, shown in results.items():
        print(f"| `{form}`".ljust(width + 3) + " | " + " | ".join(shown.values()) + " |")
    if "--json" in sys.argv:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
