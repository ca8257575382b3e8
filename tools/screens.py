"""Screenshots of every view, as SVG, at the size terminals open at and a large one.

    .venv/bin/python tools/screens.py [--out docs/screens]

Each view is reached with the keys a user presses (Pilot), on a copy of the bundled calendar
(so the question and the form touch no real file), with the clock fixed at 14:00 in Dushanbe
on 9 October 2025 (the talks under way) and the viewer in Moscow: the same pictures on every
machine. Re-run after a change to the screens and commit docs/screens/.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp

NOW = datetime(2025, 10, 9, 9, 0, tzinfo=UTC)  # 14:00 in Dushanbe
VIEWER = "Europe/Moscow"
SIZES = ((80, 24), (200, 60))
# name -> (what it shows, the keys that reach it from the start). '2' is Thursday 9 October.
VIEWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "day": ("the day view: Thursday's events, the details of the first", ("2",)),
    "timeline": ("Thursday as a timeline, lanes by participant", ("2", "t")),
    "timeline-venues": ("Thursday as a timeline, lanes by venue", ("2", "t", "v")),
    "whole-visit": ("the whole visit, the talks under way marked", ("a",)),
    "help": ("the help", ("question_mark",)),
    "question": ("the question before cancelling an event", ("2", "tab", "d")),
    "form": ("the form editing the welcome ceremony", ("2", "enter")),
    "month": ("October 2025 at a glance, today outlined", ("M",)),
    "participant-form": (
        "the form editing a participant, from the palette",
        ("ctrl+p", *"edit", "space", *"participant", "space", *"putin", "enter"),
    ),
}


async def shoot(path: Path, keys: tuple[str, ...], size: tuple[int, int], out: Path) -> str:
    """Press ``keys``, save the screen to ``out``; the name of the screen on top."""
    calendar = load_calendar(path).calendar
    app = DiplocalApp(calendar, local_zone=get_zone(VIEWER), clock=lambda: NOW, path=path)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        app.save_screenshot(out.name, str(out.parent))
        return type(app.screen).__name__


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screens"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, (what, keys) in VIEWS.items():
            for width, height in SIZES:
                copy = Path(folder) / f"{name}-{width}x{height}" / "events.toml"
                copy.parent.mkdir()
                shutil.copyfile(bundled_calendar(), copy)
                target = args.out / f"{name}-{width}x{height}.svg"
                screen = asyncio.run(shoot(copy, keys, (width, height), target))
                print(f"{target}: {what} ({screen})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
