"""Every key that works where the focus is, generated from the live bindings, once each."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

# Textual's focus keys, said once in our words; and keys that do nothing here (the lists
# never scroll sideways) or only explain another key (ctrl+c: "press q to quit").
TEXTUAL_KEYS = [("tab / shift+tab", "Move between panes")]
HIDDEN_ACTIONS = {
    *("help_quit", "focus_next", "focus_previous"),
    *("scroll_left", "scroll_right", "page_left", "page_right"),
}


def help_rows(
    app: App[object], bindings: dict[str, ActiveBinding], says: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(keys, what) for every described binding: the focused pane's first, then the
    screen's and the app's; the keys of one description are joined ('↑ k', 'q ^q').
    ``says`` gives, by action name, what a key really does here when its binding's own
    description is not it (enter on an event: edit it, or read it when it cannot be)."""
    says = says or {}
    groups: dict[str, list[str]] = {}

    def order(active: ActiveBinding) -> tuple[bool, bool]:
        # The focused pane's keys first; within a description, the footer's key first.
        return isinstance(active.node, Screen | App), not active.binding.show

    for active in sorted(bindings.values(), key=order):
        binding = active.binding
        action = binding.action.split(".")[-1].split("(")[0]
        if not binding.description or action in HIDDEN_ACTIONS:
            continue
        what = says.get(binding.action) or says.get(action) or binding.description
        keys = groups.setdefault(what, [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), what) for what, keys in groups.items()] + TEXTUAL_KEYS


class HelpModal(ModalScreen[None]):
    """A table of keys; any of escape, q or ? closes it. It scrolls (↑ ↓, page keys, home,
    end, the mouse wheel) and its lines wrap: a long description under itself."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(
        self, bindings: dict[str, ActiveBinding], says: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self.bindings = bindings
        self.says = says

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(overflow="fold")
        for keys, what in help_rows(self.app, self.bindings, self.says):
            table.add_row(Text(keys), Text(what))
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            yield Static(table, id="help-keys")
            yield Label(
                "In the country filter: type to narrow, ↑ ↓ move, ctrl+t ticks several, "
                "enter applies. escape closes this.",
                classes="dialog-help",
            )
