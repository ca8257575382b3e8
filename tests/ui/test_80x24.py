"""At 80x24, the size most terminals open at, nothing that carries meaning is cut: the
screen is read as plain text, as a user reads it."""

from __future__ import annotations

import re

from tests.ui.conftest import MakeApp
from tests.ui.plain_screen import screen_lines, screen_text

SIZE = (80, 24)


def events_pane(lines: list[str]) -> str:
    """The events pane's inside (right of the navigation column), top to bottom."""
    start = next(n for n, line in enumerate(lines) if "Events ·" in line)
    end = next(n for n in range(start + 1, len(lines)) if "╰" in lines[n][30:])
    return "\n".join(line[31:79] for line in lines[start + 1 : end])


async def test_day_view_times_and_zone_notes_are_whole(make_app: MakeApp) -> None:
    """Thursday in the viewer's zone: every part of day is venue time, said by a note that
    wraps under its time; no time ends in an ellipsis, the titles give way instead."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z", "right_square_bracket")
        await pilot.pause()
        pane = events_pane(screen_lines(app))
        assert "02:00\u2013≈02:55" in pane  # 11:00 in Dushanbe is 02:00 in New York
        assert "from ≈07:30" in pane
        assert re.search("afternoon\u2013evening" r" .*\n {6}\(Asia/Dushanbe\) ", pane), pane
        await pilot.press("end")  # the day's last rows
        await pilot.pause()
        end = events_pane(screen_lines(app))
        assert re.search(r"evening( .*\n {6}| )\(Asia/Dushanbe\) ", end), end
        pane += "\n" + end
        # Only a title or facts line, at its end, is shortened.
        assert not re.search(r"….*\w", pane), pane


async def test_day_view_first_day_in_venue_time(make_app: MakeApp) -> None:
    """Wednesday in venue time: "under way at ≈…" is whole and the titles shorten."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = events_pane(screen_lines(app))
        assert "⚖ ICC under way at ≈22:38 " in pane, screen_text(app)
        assert "⚖ ICC evening " in pane
