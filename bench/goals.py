"""Every goal the benchmarks judge, in one table, and how a figure is said to meet it.

`bench/run.py` prints each figure with its goal beside it, and `report.py` writes the same
table into docs/benchmarks.md. A goal is an upper limit on a figure of one calendar (a
time, a ratio or a size); ratios to a peer (ikhal, khal) or to a floor (the bare Textual
app, rtoml.load) are medians of paired runs, so that both sides saw the same load.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Goal:
    """``calendar``'s figure ``key`` at most ``limit`` (in ``unit``), asked by ``source``."""

    calendar: str
    key: str
    limit: float
    unit: str  # "s", "ms" (stored in seconds), "x" (a ratio), "kB" (per event), "MB"
    source: str

    def judge(self, value: float) -> str:
        """'goal ≤ 3.00 s: holds' or '... NOT MET'."""
        verdict = "holds" if value <= self.limit else "NOT MET"
        return f"goal ≤ {show(self.limit, self.unit)}: {verdict}"


P90_EXPORTING = "key (]) to repaint while exporting, 90th percentile"
IKHAL_WARM = "events shown, warm / ikhal's, paired"
IKHAL_PEAK = "peak RSS, warm / ikhal's, paired"
KHAL_LIST = "diplocal agenda / khal list of the same days, paired"
CHECK_RTOML = "diplocal check, cold / rtoml.load in process"
EXPORT_CLI = "export in the app / the same export in process (as the CLI)"
CANCEL = "escape during an export to repaint"
QUIT = "quit (q) right after events shown, to exit"
REOPEN = "reopen after one change (until shown)"
REOPEN_WARM = "reopen after one change / load, warm cache"
SAVING = "key ([ or ]) to repaint while an edit is saved"  # bench/saving.py's NAMES["saving"]
OVER_BARE = "kB per event over bare"
OVER_BARE_COLD = "kB per event over bare, cold, at events shown"

GOALS = [
    Goal("bundled", "events shown / bare, warm", 1.3, "x", "issue 15"),
    Goal("10,000", "events shown / bare, cold", 2.0, "x", "issue 15"),
    Goal("100,000", "first frame / bare, cold", 1.3, "x", "issue 15 (progress screen)"),
    Goal("100,000", "events shown, cold", 3.0, "s", "issue 15"),
    Goal("100,000", "diplocal check, cold", 2.5, "s", "issue 15"),
    Goal("100,000 with warnings", "diplocal check, cold", 2.5, "s", "issue 15"),
    Goal("100,000", CHECK_RTOML, 1.5, "x", "issue 27"),
    Goal("10,000", "reload after one change", 0.5, "s", "issue 15"),
    Goal("10,000", REOPEN_WARM, 1.2, "x", "issue 27: as fast as a warm start"),
    Goal("100,000", REOPEN_WARM, 1.2, "x", "issue 27: as fast as a warm start"),
    Goal("100,000", "reload after one change", 3.0, "s", "issue 15"),
    Goal("10,000 with warnings", "reload after one change", 0.5, "s", "issue 15"),
    Goal("100,000 with warnings", "reload after one change", 3.0, "s", "issue 15"),
    Goal("100,000", OVER_BARE, 2.0, "kB", "issues 15, 27 (warm, settled)"),
    Goal("100,000", OVER_BARE_COLD, 2.0, "kB", "issue 27 (cold, every moment)"),
    Goal("10,000", "events shown / bare, warm", 2.0, "x", "earlier goal"),
    Goal("100,000", "events shown / bare, warm", 5.0, "x", "earlier goal"),
    Goal("1,000", IKHAL_WARM, 1.0, "x", "issue 27: ahead of ikhal at every size"),
    Goal("10,000", IKHAL_WARM, 1.0, "x", "issue 27: ahead of ikhal at every size"),
    Goal("100,000", IKHAL_WARM, 1.0, "x", "issue 27: ahead of ikhal at every size"),
    Goal("10,000", IKHAL_PEAK, 1.2, "x", "issue 27"),
    Goal("10,000", KHAL_LIST, 1.0, "x", "issue 27 (ahead of khal)"),
    Goal("10,000", "search key to repaint", 0.050, "ms", "earlier goal"),
    Goal("10,000", "country filter applied (enter) to repaint", 0.050, "ms", "earlier goal"),
    Goal("100,000", "search key to repaint", 0.150, "ms", "earlier goal"),
    Goal("100,000", "country filter applied (enter) to repaint", 0.150, "ms", "earlier goal"),
    Goal("100,000", "key in the country filter to repaint", 0.150, "ms", "the 100,000 key goal"),
    Goal("100,000", "day change ([ or ]) to repaint", 0.150, "ms", "the 100,000 key goal"),
    Goal("100,000", "key (]) to repaint while exporting", 0.150, "ms", "issue 8, the key goal"),
    Goal("100,000", P90_EXPORTING, 0.150, "ms", "issue 8, the key goal"),
    Goal("100,000", EXPORT_CLI, 1.2, "x", "issue 27"),
    Goal("100,000", CANCEL, 0.2, "s", "issue 27"),
    Goal("100,000", QUIT, 0.3, "s", "issue 27"),
    Goal("10,000", "export all / tomllib", 1.5, "x", "earlier goal"),
    Goal("100,000", "revisions / export all", 1.5, "x", "issue 27: not double the cost"),
    Goal("10,000", SAVING, 0.150, "ms", "issue 20"),
    Goal("100,000", SAVING, 0.150, "ms", "issue 20"),
    Goal("10,000", "month: arrow (a day) to repaint", 0.050, "ms", "issue 25"),
    Goal("10,000", "month: ] (next month) to repaint", 0.050, "ms", "issue 25"),
    Goal("10,000", "month: M (open the month) to repaint", 0.050, "ms", "issue 25"),
]


def goal_of(calendar: str, key: str) -> Goal | None:
    """The goal on ``calendar``'s figure ``key``, if there is one."""
    return next((g for g in GOALS if g.calendar == calendar and g.key == key), None)


def show(value: float, unit: str) -> str:
    """A value in a goal's unit, as printed."""
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "kB":
        return f"{value:.2f} kB/event"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f}x"
