"""The details pane follows what the list shows: after a search or `t` has replaced the
list, a participant's itinerary chosen before gives way to the shown event."""

from __future__ import annotations

import pytest

from tests.ui.conftest import MakeApp
from tests.ui.helpers import details, main_screen
from tui.core.present.state import SelectionKind

SIZE = (120, 36)
RAHMON = "Emomali Rahmon, President of Tajikistan (Tajikistan)"


@pytest.mark.parametrize("keys", [("slash", *"aliyev", "enter"), ("t",), ("a",)])
async def test_a_participant_gives_way_to_the_shown_event(
    make_app: MakeApp, keys: tuple[str, ...]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+tab", "shift+tab", "down")  # Rahmon, in the participants
        await pilot.pause()
        assert details(app).startswith(RAHMON)
        await pilot.press(*keys)
        await pilot.pause()
        selection = main_screen(app).browse.selection
        assert selection is not None and selection.kind is SelectionKind.EVENT
        assert not details(app).startswith(RAHMON)
        screenful = main_screen(app).screenful
        assert screenful is not None and screenful.selected_event == selection.key


async def test_filtering_by_the_participant_keeps_their_itinerary(make_app: MakeApp) -> None:
    """enter on a participant filters by them: the details stay on them."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+tab", "shift+tab", "down", "enter")
        await pilot.pause()
        assert main_screen(app).browse.filter.participants == {"rahmon"}
        assert details(app).startswith(RAHMON)
