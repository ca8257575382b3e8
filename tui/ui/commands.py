"""Command palette entries: filter by a country, jump to a day, show a participant, the
views, export, import, publish, add or edit a participant or a country."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.core.event_order import countries_in_order
from tui.core.text import one_line
from tui.core.views.time_words import day_heading

if TYPE_CHECKING:
    from tui.ui.main.main_screen import MainScreen


def _open_import(screen: MainScreen) -> None:
    """The import dialog on the file's owner (refused, saying why, where editing is); its
    write is shown as every edit is, and a broken file on disk is replaced only if asked."""
    from tui.core.editing.document_parts import Result
    from tui.ui.dialogs.import_modal import ImportDone, ImportModal  # loaded when first used

    editor = screen.editor
    document = editor.document()
    if document is None:
        return

    def done(result: ImportDone | None) -> None:
        if result is None:
            return
        if result.outcome.result is Result.BROKEN:
            editor.ask_to_replace(result.outcome, result.replace_broken)
        else:
            editor.settle(result.outcome, None)

    screen.app.push_screen(ImportModal(document), done)


def _table_commands(screen: MainScreen) -> Iterator[tuple[str, Callable[[], object], str]]:
    """Adding a participant or a country, and editing each, through the file's owner."""
    calendar, edit = screen.calendar, screen.editor.open_table_form
    yield "Add participant…", partial(edit, calendar, "participants", None), "N in Participants"
    yield "Add country…", partial(edit, calendar, "countries", None), "N in Countries"
    for pid, person in calendar.participants.items():
        change = partial(edit, calendar, "participants", pid)
        yield f"Edit participant: {one_line(person.name)}", change, "E in Participants"
    for code, country in calendar.countries.items():
        change = partial(edit, calendar, "countries", code)
        yield f"Edit country: {one_line(country.name)} ({code})", change, "E in Countries"


class CalendarCommands(Provider):
    """Commands built from the calendar. Names are shown literally, never as markup."""

    def main_screen(self) -> MainScreen | None:
        from tui.ui.main.main_screen import MainScreen

        # Only over the main screen itself: over a dialog (publishing, importing, a form)
        # its commands would open a second dialog over the first.
        return self.screen if isinstance(self.screen, MainScreen) else None

    def commands(self, screen: MainScreen) -> Iterator[tuple[str, Callable[[], object], str]]:
        calendar = screen.calendar
        for country in countries_in_order(calendar):
            name, code = one_line(country.name), country.code
            apply = partial(screen.filter_by_country, code)
            yield f"Filter by country: {name} ({code})", apply, "Show only events involving it"
        days = [row.day for row in screen.screenful.days] if screen.screenful else []
        for number, day in enumerate(days, start=1):
            yield f"Jump to day {number}: {day_heading(day)}", partial(screen.change, day=day), ""
        for pid, person in calendar.participants.items():
            show = partial(screen.show_participant, pid)
            yield f"Show participant: {one_line(person.name)}", show, "Itinerary in the details"
        yield "Export the filtered view", screen.action_export, "iCalendar or TOML"
        if screen.path is not None:
            yield "Import…", partial(_open_import, screen), "iCalendar file or URL, with a preview"
        share = "The whole calendar to a shared calendar server, with a preview"
        yield "Publish to CalDAV…", screen.publishing.open, share
        yield "Clear the country and participant filter", screen.action_clear_filter, ""
        for pid, person in calendar.participants.items():
            only = partial(screen.filter_by_participant, pid)
            yield f"Filter by participant: {one_line(person.name)}", only, "Only their events"
        timeline = partial(screen.action_toggle_view, "timeline")
        yield "Timeline of the day", timeline, "Who is where, lane by lane (t)"
        agenda = partial(screen.action_toggle_view, "agenda")
        yield "The whole visit", agenda, "Every day in one list (a)"
        month = partial(screen.action_toggle_view, "month")
        yield "The month at a glance", month, "Each day's count of events (M)"
        yield "Changes since you last looked", screen.action_changes, "u"
        yield "New event", screen.action_new_event, "On the day shown (n)"
        yield from _table_commands(screen)
        yield "Undo the last edit", screen.action_undo, "Says what it took back (ctrl+z)"
        yield "Redo the last undone edit", screen.action_redo, "Says what it made again (ctrl+y)"
        yield "About this calendar", screen.action_about, "Title, description, sources"
        yield "Warnings and errors", screen.action_warnings, "What the loader found"

    async def discover(self) -> Hits:
        screen = self.main_screen()
        if screen is None:
            return
        for name, callback, help_text in self.commands(screen):
            yield DiscoveryHit(Content(name), callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        screen = self.main_screen()
        if screen is None:
            return
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands(screen):
            score = matcher.match(name)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(query, name)
                display = Content(name)
                for offset in offsets:
                    display = display.stylize("bold underline", offset, offset + 1)
                yield Hit(score, display, callback, help=help_text or None)
