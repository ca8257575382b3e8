"""Guards around Textual widgets that crash on input arriving before their first layout.

Installed once, when the app module is imported. Each guard names the failure it prevents
and is covered by a regression test in tests/ui/test_robust.py; drop a guard when the
pinned Textual no longer fails that test without it.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual import on, work
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.widgets import Button, Input, OptionList
from textual.widgets.option_list import Option

_move_page = OptionList._move_page
# The search itself, undecorated: called from our worker, it must not start another one.
_gather_commands = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


def _move_page_once_laid_out(self: OptionList, direction: int) -> None:
    # Textual 8.2: an OptionList measures its options only once it has a size, so a page
    # key that arrives with the options (ctrl+p, a letter and pagedown in one burst: the
    # command palette's list has no size yet) raised KeyError and stopped the app.
    # Before the first layout there is no page to move by.
    if (self.highlighted or 0) in self._index_to_line:
        _move_page(self, direction)  # type: ignore[arg-type]


def install() -> None:
    """Put the guards in place (idempotent)."""
    OptionList._move_page = _move_page_once_laid_out  # type: ignore[method-assign]


class CommandPaletteOnce(CommandPalette):
    """Textual's command palette, acting on one enter only.

    Textual 8.2: with `ctrl+p`, a name and enter twice in one burst, the first enter runs
    the command and dismisses the palette; the second, already queued for it (as a submit
    or as the list's selection), dismissed "it" again, popped the main screen and stopped
    the app (ScreenStackError).
    """

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _ignore_once_dismissed(
        self, event: Input.Submitted | Button.Pressed | OptionList.OptionSelected
    ) -> None:
        if not self.is_current:
            event.stop()
            event.prevent_default()  # Textual's own handler, in the base class, is skipped

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        # Textual 8.2: a search started by a key that reached the palette as it closed
        # looked for its list after the list was gone, at its start or between two
        # batches of hits (NoMatches in a worker: the app stopped). A closing palette
        # has nothing to show; any other NoMatches is a real fault and goes on.
        if not self.query(CommandList):
            return
        try:
            await _gather_commands(self, search_value)
        except NoMatches:
            if self.query(CommandList):
                raise

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2: the 'No matches found' countdown looked for the list when it ran
        # out, after a palette that closed meanwhile had removed it (NoMatches in a timer:
        # the app stopped). Textual's own countdown, with that guard.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if not self.query(CommandList):
                return  # the palette closed: nothing to show
            if search_value:
                label = Align.center(Text("No matches found", style="not bold"))
                option = Option(label, disabled=True, id=self._NO_MATCHES)
                self.query_one(CommandList).add_option(option)
                self._list_visible = True
            else:
                self._list_visible = False  # discovery found nothing: no list to show

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
