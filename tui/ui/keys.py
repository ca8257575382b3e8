"""The main screen's keys, in one place: the footer, help and the README follow them."""

from __future__ import annotations

from textual.binding import Binding

MAIN_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("left_square_bracket", "step_day(-1)", "Previous day", show=False),
    Binding("right_square_bracket", "step_day(1)", "Next day", show=False),
    *[
        Binding(str(n), f"jump_day({n})", "Jump to day N", show=False, key_display="1..9")
        for n in range(1, 10)
    ],
    Binding("full_stop", "go_now", "Now: the event under way or next", show=False),
    Binding("c", "country_filter", "Filter"),
    Binding("C", "clear_filter", "Clear country and participant filter", show=False),
    # A priority key: it takes effect as it arrives, so the letters sent right after it
    # (typed fast, or pasted) reach the search line rather than the screen's own keys.
    Binding("slash", "search", "Search", priority=True),
    Binding("z", "cycle_zone", "Zone"),
    Binding("e", "export", "Export"),
    Binding("n", "new_event", "New event", show=False),
    Binding("d", "remove_event(False)", "Cancel the event", show=False),
    Binding("D", "remove_event(True)", "Delete the event", show=False),
    Binding("ctrl+z", "undo", "Undo the last edit", show=False),
    Binding("ctrl+y", "redo", "Redo the last undone edit", show=False),
    Binding("t", "toggle_view('timeline')", "Timeline"),
    Binding("a", "toggle_view('agenda')", "Whole visit", show=False),
    Binding("M", "toggle_view('month')", "Month at a glance", show=False),
    Binding("v", "switch_lanes", "Lanes by participant or venue", show=False),
    Binding("o", "source_link('Open')", "Open a source link", show=False),
    Binding("y", "source_link('Copy')", "Copy a source link", show=False),
    Binding("Y", "copy_markdown", "Copy the event (or the day) as Markdown", show=False),
    Binding("w", "warnings", "Warnings and errors", show=False),
    Binding("u", "changes", "Changes", show=False),
    Binding("r", "reload", "Reload the file", show=False),
    Binding("i", "about", "About the calendar", show=False),
    Binding("f", "whole_text", "Show a long description whole, or cut", show=False),
    Binding("m", "toggle_maximize", "Maximize or restore the pane", show=False),
    Binding("escape", "escape", "Close search, restore panes, or back to the day", show=False),
    Binding("question_mark", "help", "Help"),
]
