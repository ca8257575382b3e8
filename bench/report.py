"""docs/benchmarks.md's generated part: the figures, the machine, and which goals hold."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Protocol

from figures import Figure

HAND_WRITTEN = "<!-- Below: written by hand, kept by bench/run.py. -->"


class RowLike(Protocol):
    name: str
    events: int
    size_mb: float
    load_average: str
    figures: dict[str, str]
    values: dict[str, float]


SAVING = "key ([ or ]) to repaint while an edit is saved"  # bench/saving.py's NAMES["saving"]
P90_EXPORTING = "key (]) to repaint while exporting, 90th percentile"
# (calendar, value, limit, unit, where the goal comes from)
GOALS = [
    ("bundled", "events shown / bare, warm", 1.3, "x", "issue 15"),
    ("10,000", "events shown / bare, cold", 2.0, "x", "issue 15"),
    ("100,000", "first frame / bare, cold", 1.3, "x", "issue 15 (progress screen)"),
    ("100,000", "events shown, cold", 3.0, "s", "issue 15"),
    ("100,000", "diplocal check, cold", 2.5, "s", "issue 15"),
    ("100,000 with warnings", "diplocal check, cold", 2.5, "s", "issue 15"),
    ("10,000", "reload after one change", 0.5, "s", "issue 15"),
    ("100,000", "reload after one change", 3.0, "s", "issue 15"),
    ("10,000 with warnings", "reload after one change", 0.5, "s", "issue 15"),
    ("100,000 with warnings", "reload after one change", 3.0, "s", "issue 15"),
    ("100,000", "kB per event over bare", 2.0, "kB", "issue 15"),
    ("10,000", "events shown / bare, warm", 2.0, "x", "earlier goal"),
    ("100,000", "events shown / bare, warm", 5.0, "x", "earlier goal"),
    ("10,000", "search key to repaint", 0.050, "ms", "earlier goal"),
    ("10,000", "country filter applied (enter) to repaint", 0.050, "ms", "earlier goal"),
    ("100,000", "search key to repaint", 0.150, "ms", "earlier goal"),
    ("100,000", "country filter applied (enter) to repaint", 0.150, "ms", "earlier goal"),
    ("100,000", "key in the country filter to repaint", 0.150, "ms", "the 100,000 key goal"),
    ("100,000", "day change ([ or ]) to repaint", 0.150, "ms", "the 100,000 key goal"),
    ("100,000", "key (]) to repaint while exporting", 0.150, "ms", "issue 8, the key goal"),
    ("100,000", P90_EXPORTING, 0.150, "ms", "issue 8, the key goal"),
    ("10,000", "export all / tomllib", 1.5, "x", "earlier goal"),
    ("10,000", SAVING, 0.150, "ms", "issue 20"),
    ("100,000", SAVING, 0.150, "ms", "issue 20"),
    ("10,000", "month: arrow (a day) to repaint", 0.050, "ms", "issue 25"),
    ("10,000", "month: ] (next month) to repaint", 0.050, "ms", "issue 25"),
    ("10,000", "month: M (open the month) to repaint", 0.050, "ms", "issue 25"),
]


def _value(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:.2f}{' kB/event' if unit == 'kB' else 'x'}"


def machine() -> str:
    model = "unknown CPU"
    memory = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f", {int(line.split()[1]) / 1024**2:.1f} GB RAM"
    return (
        f"{os.cpu_count()} cores ({model}){memory}, {platform.platform()}; "
        f"Python {platform.python_version()}, Textual {metadata.version('textual')}, "
        f"rtoml {metadata.version('rtoml')}, icalendar {metadata.version('icalendar')}, "
        f"tmux at 120x36"
    )


def _table(rows: list[RowLike]) -> list[str]:
    lines = ["| figure | " + " | ".join(r.name for r in rows) + " |"]
    lines.append("|---|" + "---|" * len(rows))
    lines.append("| events | " + " | ".join(f"{r.events:,}" for r in rows) + " |")
    lines.append("| file size | " + " | ".join(f"{r.size_mb:.1f} MB" for r in rows) + " |")
    lines.append("| load average at start | " + " | ".join(r.load_average for r in rows) + " |")
    fullest = sorted(rows, key=lambda row: -len(row.figures))  # its order, then the rest
    keys = list(dict.fromkeys(key for row in fullest for key in row.figures))
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(r.figures.get(key, "-") for r in rows) + " |")
    ratios = [k for k in dict.fromkeys(k for r in fullest for k in r.values) if "/" in k]
    for key in ratios:
        cells = [f"{r.values[key]:.2f}x" if key in r.values else "-" for r in rows]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return lines


def _goals(rows: list[RowLike]) -> list[str]:
    lines = ["| calendar | figure | goal | measured (median) | holds | goal from |"]
    lines.append("|---|---|---|---|---|---|")
    by_name = {row.name: row for row in rows}
    for name, key, limit, unit, source in GOALS:
        row = by_name.get(name)
        if row is None or key not in row.values:
            continue
        value = row.values[key]
        holds = "**yes**" if value <= limit else "**no**"
        cells = [name, key, f"≤ {_value(limit, unit)}", _value(value, unit), holds, source]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def report(
    rows: list[RowLike],
    bare: Figure,
    bare_kb: int,
    timeline: dict[str, Figure],
    loads: tuple[str, str],
    took: float,
) -> str:
    """The generated part of docs/benchmarks.md."""
    app_rows = [row for row in rows if "warnings" not in row.name]
    warned = [row for row in rows if "warnings" in row.name]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `python bench/run.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC in "
        f"{took / 60:.1f} minutes.",
        f"Machine: {machine()}.",
        f"Load average (1, 5, 15 min) {loads[0]} at the start and {loads[1]} at the end; the "
        "machine is shared, so figures move by 10-30% between runs.",
        "",
        "Times are median (min-max, n = runs). **First paint** runs in tmux at 120x36 and",
        "counts from spawning the process until the expected text is on the terminal:",
        '*first frame* is the first expected text (a file of 2 MB or more opens on "Opening',
        'FILE" and a progress bar; a smaller one on its events), *events shown* the first',
        "day's first event. The floor is a bare Textual app (Header, Footer, a 10-row",
        "DataTable) started the same way, once right before each start of the app, and each",
        "ratio is to the bare starts of the same row, so that both saw the same load (alone,",
        f"at the start of the run: {bare}, peak RSS {bare_kb / 1024:.0f} MB). *Warm* means",
        "the cache holds the calendar; *cold* an empty cache folder for every start (the",
        "start also writes the cache). Below 256 KiB nothing is cached, so the bundled",
        "calendar is only measured warm. Peak RSS is read once the app's memory has stopped",
        "growing for a second (a large calendar's filter indexes are built after the first",
        "paint). The run keeps the app's cache and state folder (the copy of each calendar",
        "last seen, export revisions) in a temporary folder of its own; from the second start",
        "on, the app also loads that copy, as it does for a user.",
        "",
        "**Keys** are timed in the app, headless (Pilot, 120x36), from sending the key until the",
        "first frame composed after the app did what the key asks. *While exporting*: `e`,",
        "`enter`, then `]` every 50 ms until the export's thread worker is done; the export",
        "dialog has the focus, so `]` lands in its path field and the frame is that field's",
        "repaint (only samples whose frame came before the export ended count). *Escape during",
        "an export*: until the first frame of the main screen. The in-app export includes the",
        "keys pressed during it. Load, export, check and reload run in this process or as",
        "subprocesses; *cold* sets `DIPLOCAL_NO_CACHE=1`. *While an edit is saved*",
        "(bench/saving.py, 10,000 events and more): an update intent runs in its worker",
        "thread while `]` and `[` are pressed every 50 ms until the saved version is shown.",
        "The month view's keys",
        "(`bench/month_keys.py`, *month:*) run at 80x24, from the day view: M, an arrow each",
        "way, `]` and `[`, a search key, enter on a day and escape.",
        "",
        *_table(app_rows),
        "",
    ]
    if warned:
        lines += [
            "Calendars with warnings (`make_calendar.py` with a share of overlaps and DST-gap",
            "times), measured without the TUI:",
            "",
            *_table(warned),
            "",
        ]
    if timeline:
        lines += [
            "Timeline on a crowded day (`bench/timeline.py`: 1,000 events, 200 lanes, 200x60),",
            "key to the next frame:",
            "",
            "| key | " + " | ".join(timeline) + " |",
            "|---|" + "---|" * len(timeline),
            "| to frame | " + " | ".join(str(f) for f in timeline.values()) + " |",
            "",
        ]
    lines += ["## Goals", "", *_goals(rows), ""]
    return "\n".join(lines)
