"""The timeline, the whole visit and the event form at 80x24, read as plain text: times, zone
names, lane labels and status words are whole, not cut or shown by colour alone."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.ui.conftest import MakeApp
from tests.ui.helpers import drawn, until
from tests.ui.plain_screen import screen_lines
from tests.ui.test_event_form import open_form
from tests.ui.timeline_apps import AgendaApp, bundled_agenda
from tui.core.loading.load import bundled_calendar
from tui.core.views.filter import Filter
from tui.ui.form.event_form_modal import EventFormModal

SMALL = (80, 24)
SCROLLBAR = " ▁▂▃▄▅▆▇█"


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


def pane(lines: list[str], title: str) -> list[str]:
    """The inside of the right-hand pane whose border names ``title``, line by line."""
    top = next(n for n, line in enumerate(lines) if title in line)
    left = lines[top].index("╭", lines[top].index("╮"))
    inside = []
    for line in lines[top + 1 :]:
        if line[left] == "╰":
            break
        text = line[left + 1 : -1]
        if set(text[-2:]) <= set(SCROLLBAR):
            text = text[:-2]
        inside.append(text)
    return inside


def with_aliyev_cancelled(path: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    marker = 'id = "putin-aliyev"\ntitle = "Putin and Aliyev meet"\n'
    path.write_text(text.replace(marker, marker + 'status = "cancelled"\n'), encoding="utf-8")
    return path


async def test_the_timeline_at_80x24(make_app: MakeApp) -> None:
    """Thursday's timeline: the axes name Dushanbe and New York (the viewer's) whole, the
    lanes say whose they are, the Aliyev meeting is a mark at ≈16:30 with its title beside."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2", "t")
        await drawn(pilot)
        lines = pane(screen_lines(app), "Timeline")
    assert lines[0].startswith("Dushanbe 08:00")  # not 'Dushan… 08:00'
    assert lines[1].startswith("New York 23:00")
    labels = [line[:9].strip() for line in lines[3:] if line[:9].strip()]
    assert labels[:3] == ["Putin", "Rahmon", "Tokayev"]
    putin = lines[3]
    assert "Of" in putin  # the welcome, too narrow for its edges, still shows
    assert "▓▒░⚖Putin" in putin  # the Aliyev meeting: an open-ended mark, its title beside


async def test_the_timelines_venue_lanes_at_80x24_are_told_apart(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2", "t", "v")
        await drawn(pilot)
        lines = pane(screen_lines(app), "Timeline")
    labels = [line[:9].strip() for line in lines[3:] if line[:9].strip()]
    assert len(labels) == len(set(labels)) >= 4, labels
    assert labels[:2] == ["…Dushan…", "…Shirin…"]


async def test_the_timelines_unannounced_events_show_at_120x36(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "t")
        await drawn(pilot)
        heading = next(line for line in screen_lines(app) if "time not announced" in line)
    assert "16 documents" in heading and "CIS Council" in heading


async def test_the_whole_visit_at_80x24(make_app: MakeApp, calendar_file: Path) -> None:
    """The zone line whole on two lines; every event's time whole; titles whole on a line of
    their own (names after them); the cancelled meeting says so in words."""
    app = make_app(with_aliyev_cancelled(calendar_file))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a", "home")
        await drawn(pilot)
        lines = [line.rstrip() for line in pane(screen_lines(app), "whole calendar")]
        assert lines[:3] == [
            "Times in each event's venue zone:",
            "Asia/Dushanbe",  # not 'Asia/Dushanb'
            "Wednesday 8 October 2025",
        ]
        assert lines[3].split() == ["evening", "⚖", "ICC"]
        assert lines[4].strip().startswith("Putin arrives in Dushanbe: start of")
        for _ in range(6):  # onto the cancelled meeting
            await pilot.press("down")
        await drawn(pilot)
        lines = [line.rstrip() for line in pane(screen_lines(app), "whole calendar")]
    at = lines.index(next(line for line in lines if "from ≈16:30" in line))
    assert lines[at + 1].strip().startswith("✕ cancelled: Putin and Aliyev meet")


async def test_the_form_at_80x24(make_app: MakeApp, calendar_file: Path) -> None:
    """The welcome's form: its times whole, the estimated end ticked ('X') and the start not
    (' '), in the text itself; ticked participants [x], the others [ ]."""
    app = make_app(calendar_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(app, pilot, calendar_file, "official-welcome")
        lines = screen_lines(app)
    assert any("Start" in line and "11:00" in line for line in lines)
    assert any("End" in line and "11:55" in line for line in lines)
    assert any("Zone" in line and "Asia/Dushanbe" in line for line in lines)
    estimated = next(line for line in lines if "Estimated" in line)
    assert "▐ ▌ start" in estimated and "▐X▌ end" in estimated
    assert any("▐ ▌ lasts the whole day" in line for line in lines)
    assert any("[x] Vladimir Putin" in line for line in lines)
    assert any("[ ] Kassym-Jomart Tokayev" in line for line in lines)


async def test_a_new_events_people_go_in_the_calendars_order_and_no_zone_is_repeated(
    make_app: MakeApp, calendar_file: Path
) -> None:
    app = make_app(calendar_file)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(app, pilot, calendar_file, None, date(2025, 10, 10))
        form: EventFormModal = opened.form
        form.query_one("#field-title", Input).value = "Three leaders"
        form.query_one("#field-host", Input).value = "Kazakh"  # a unique prefix
        form.query_one("#field-people-query", Input).focus()
        for name in ("tokayev", "rahmon", "putin"):  # ticked against the calendar's order
            await pilot.press(*name, "enter", *["backspace"] * len(name))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(lambda: bool(opened.results))
    saved = tomllib.loads(calendar_file.read_text(encoding="utf-8"))["events"]
    new = next(event for event in saved if event["title"] == "Three leaders")
    assert new["participants"] == ["putin", "rahmon", "tokayev"]
    assert new["host"] == "KZ"
    assert "timezone" not in new


async def test_the_whole_visit_with_nothing_to_show_at_80x24() -> None:
    """A filter that leaves no event: the reason, no cursor to scroll to (the monkey's find)."""
    app = AgendaApp(bundled_agenda(view=Filter(text="zzzz")))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("down", "home", "end")
        await drawn(pilot)
        assert screen_lines(app)[0] == "No events match."
