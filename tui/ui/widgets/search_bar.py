"""The search line: hidden until `/`, and disabled while hidden so focus never lands there."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    """Words to look for in titles, descriptions, places and participants."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="Search titles, places, people…  (escape clears)", id=id, disabled=True
        )

    @property
    def shown(self) -> bool:
        """Whether the bar is open or still holds a search."""
        return bool(self.value) or self.has_class("-shown")

    def open(self) -> None:
        """Show the bar and type into it."""
        self.disabled = False
        self.add_class("-shown")
        # At once, not with focus(), which waits its turn behind keys already sent: a
        # burst like "/kaz" would give "kaz" to the screen (z changes the zone).
        self.screen.set_focus(self)

    def close(self) -> bool:
        """Clear the search and hide the bar; whether it was shown."""
        shown = self.shown
        self.value = ""
        self.remove_class("-shown")
        self.disabled = True
        return shown

    def slash(self) -> None:
        """`/`, a priority key: open the bar, or type it when the bar has the focus."""
        if self.has_focus:
            self.insert_text_at_cursor("/")
        else:
            self.open()
