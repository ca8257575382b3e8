"""The base of the main screen's mixins: typed access to the screen they are part of."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from tui.ui.main.main_screen import MainScreen


class MainPart:
    """A group of ``MainScreen``'s actions, kept in a module of its own."""

    @property
    def main(self) -> MainScreen:
        """The screen this is mixed into."""
        return cast("MainScreen", self)
