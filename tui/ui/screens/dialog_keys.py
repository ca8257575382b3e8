"""The main screen's keys that open a dialog, talk to the system or edit the file.

A mixin of ``MainScreen``: each action hands the screen to a function in ``dialogs`` or
``editing``, which change its state only through its public methods. The dialogs are
imported when first opened: their widgets are not needed for the first paint.
"""

from __future__ import annotations

from tui.ui.screens import dialogs, editing
from tui.ui.screens.main_part import MainPart


class DialogKeys(MainPart):
    """Actions bound in ``tui.ui.keys``; mixed into ``MainScreen`` only."""

    def action_country_filter(self) -> None:
        dialogs.choose_countries(self.main)

    def action_open_source(self) -> None:
        dialogs.with_source(self.main, "Open", dialogs.open_source)

    def action_copy_source(self) -> None:
        dialogs.with_source(self.main, "Copy", dialogs.copy_source)

    def action_warnings(self) -> None:
        dialogs.show_notices(self.main)

    def action_about(self) -> None:
        dialogs.show_about(self.main)

    def action_changes(self) -> None:
        dialogs.show_changes(self.main)

    def action_reload(self) -> None:
        self.main.follower.reload_now()

    def action_new_event(self) -> None:
        editing.open_form(self.main, None)

    def action_edit(self) -> None:
        event = editing.selected_event(self.main)
        if event is not None:
            editing.open_form(self.main, event)

    def action_cancel_event(self) -> None:
        editing.ask_then_edit(self.main, delete=False)

    def action_delete_event(self) -> None:
        editing.ask_then_edit(self.main, delete=True)

    def action_undo(self) -> None:
        editing.undo(self.main)

    def action_export(self) -> None:
        dialogs.export(self.main)

    def action_help(self) -> None:
        dialogs.show_help(self.main)
