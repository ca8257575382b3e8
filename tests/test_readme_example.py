"""The README's format example is docs/example.toml, a calendar that `diplocal check` accepts.

A newcomer copies that block as a first template, so it must load as it stands.
"""

from __future__ import annotations

import re
import tomllib

from tests.conftest import DATA
from tui.cli import main
from tui.core.loading.fast_path import EVENT_KEYS
from tui.core.loading.load import load_calendar
from tui.core.loading.validate import CALENDAR_KEYS, COUNTRY_KEYS, PARTICIPANT_KEYS

EXAMPLE = DATA.parent.parent / "docs" / "example.toml"
README = DATA.parent.parent / "README.md"


def format_section_block() -> str:
    """The first ```toml block of the README's format section."""
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("## The calendar format") :]
    found = re.search(r"```toml\n(.*?)```\n", section, flags=re.DOTALL)
    assert found is not None, "the format section has no ```toml block"
    return found.group(1)


def test_readme_shows_the_example_file() -> None:
    assert format_section_block() == EXAMPLE.read_text(encoding="utf-8")


def test_example_passes_check_without_warnings() -> None:
    loaded = load_calendar(EXAMPLE)
    assert loaded.warnings == []
    assert main(["check", str(EXAMPLE)]) == 0


def test_example_shows_every_key() -> None:
    document = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    shown = {
        "calendar": set(document["calendar"]),
        "countries": set().union(*document["countries"].values()),
        "participants": set().union(*document["participants"].values()),
        "events": set().union(*document["events"]),
    }
    assert shown["calendar"] == set(CALENDAR_KEYS)
    assert shown["countries"] == set(COUNTRY_KEYS)
    assert shown["participants"] == set(PARTICIPANT_KEYS)
    assert shown["events"] == set(EVENT_KEYS)
