"""The main screen's keys that open a dialog, talk to the system or edit the file.

A mixin of ``MainScreen``: each action hands the screen to a function in ``dialogs`` or
``editing``, which change its state only through its public methods. The dialogs are
imported when first opened: their widgets are not needed for the first paint.
"""

from __future__ import annotations

from tui.ui.main import dialog_intents, edit_intents
from tui.ui.main.main_part import MainPart


class DialogKeys(MainPart):
    """Actions bound in ``tui.ui.keys``; mixed into ``MainScreen`` only."""

    def action_country_filter(self) -> None:
        dialog_intents.choose_countries(self.main)

    def action_open_source(self) -> None:
        dialog_intents.with_source(self.main, "Open", dialog_intents.open_source)

    def action_copy_source(self) -> None:
        dialog_intents.with_source(self.main, "Copy", dialog_intents.copy_source)

    def action_warnings(self) -> None:
        dialog_intents.show_notices(self.main)

    def action_about(self) -> None:
        dialog_intents.show_about(self.main)

    def action_changes(self) -> None:
        dialog_intents.show_changes(self.main)

    def action_reload(self) -> None:
        self.main.follower.reload_now()

    def action_new_event(self) -> None:
        edit_intents.open_form(self.main, None)

    def action_edit(self) -> None:
        event = edit_intents.selected_event(self.main)
        if event is not None:
            edit_intents.open_form(self.main, event)

    def action_cancel_event(self) -> None:
        edit_intents.ask_then_edit(self.main, delete=False)

    def action_delete_event(self) -> None:
        edit_intents.ask_then_edit(self.main, delete=True)

    def action_undo(self) -> None:
        edit_intents.undo(self.main)

    def action_export(self) -> None:
        dialog_intents.export(self.main)

    def action_help(self) -> None:
        dialog_intents.show_help(self.main)
