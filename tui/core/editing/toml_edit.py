"""Editing one event of a calendar's TOML text in place, keeping the rest as its author wrote it.

An edit is generic over an event's keys: ``changes`` maps a key to its new TOML value (str,
bool, int, float, date, time, datetime, list, dict), or to None to remove the key. So keys
the format gains later need nothing here.

Every function takes the text and returns new text; none touches a file (``save.py`` does).
A ``[[events]]`` table is cut out of the text, edited with tomlkit on its own and put back,
so everything outside it stays byte-for-byte the same by construction, not by trust in a
round trip. An event written as an inline table (``events = [{...}]``) is cut out and
edited the same way (``inline_events.py``).

What belongs to an event's table ("its block"): its header, its keys and sub-tables up to
the line of its last value, and the comment lines directly above the header (no blank line
between). Comments and blank lines after its last value belong to whatever follows: in the
bundled calendar they are the section comments of the next day.
"""

from __future__ import annotations

import functools
import re
import threading
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import tomlkit

from tui.core.editing.inline_events import add_inline, delete_inline, inline_span, update_inline
from tui.core.errors import CalendarError
from tui.core.loading.text_toml import parse_toml
from tui.core.loading.validate import slugify
from tui.core.model import Calendar, Status
from tui.core.toml.scanner import Section
from tui.core.toml.style import Changes, applied, newline_of, plain, set_key, styled, with_newlines
from tui.core.toml.tables import array_table_lines, table_lines

ID_LENGTH = 48
_COMMENT = re.compile(r"[ \t]*#")
_EDIT_NAME = "<calendar being edited>"


class EditError(Exception):
    """An edit that cannot be made: no such event, a duplicate id, a value TOML cannot hold."""


@dataclass(frozen=True, slots=True)
class EventBlock:
    """Where one ``[[events]]`` table stands in the text, as character offsets.

    ``cut`` <= ``lead`` <= ``start`` < ``end``: the blank lines above its own comments, its
    own comments, its header, and the end of the line of its last value.
    """

    index: int
    cut: int
    lead: int
    start: int
    end: int


# --- finding an event --------------------------------------------------------------------


def parse(text: str) -> dict[str, Any]:
    """The document, or a located CalendarError for TOML that does not parse."""
    return parse_toml(text, _EDIT_NAME)


_READ: dict[str, Mapping[str, Any]] = {}  # the last texts read, oldest first
_READ_LOCK = threading.Lock()


def _read(text: str) -> Mapping[str, Any]:
    """``parse`` of the last texts edited, shared: never changed by its callers here. An
    edit, the record of it for undo and the check of a conflict read the same text, and at
    100,000 events each parse costs seconds."""
    with _READ_LOCK:
        found = _READ.get(text)
    if found is None:
        found = parse(text)
        remember(text, found)
    return found


def remember(text: str, document: Mapping[str, Any]) -> None:
    """``document`` is ``parse(text)``, made elsewhere (a save's check reparses only what
    changed): the next edit of ``text`` reads it from here. Nothing may change it."""
    with _READ_LOCK:
        _READ.pop(text, None)
        _READ[text] = document
        while len(_READ) > 2:
            del _READ[next(iter(_READ))]


def event_index(document: Mapping[str, Any], event_id: str) -> int:
    """The position of the event with ``event_id`` in the document's ``events`` array."""
    found = [i for i, event in enumerate(_events(document)) if event.get("id") == event_id]
    if not found:
        raise EditError(f'no event with id "{event_id}"')
    if len(found) > 1:
        raise EditError(f'{len(found)} events have the id "{event_id}"; give each its own first')
    return found[0]


def _events(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    events = document.get("events", [])
    if not isinstance(events, list):
        raise EditError("events must be an array of tables: use [[events]]")
    return [e if isinstance(e, dict) else {} for e in events]


def event_blocks(text: str, only: int | None = None) -> list[EventBlock]:
    """Every ``[[events]]`` table of valid TOML ``text`` in file order, or just event ``only``."""
    blocks = _all_blocks(text)
    return list(blocks) if only is None else [b for b in blocks if b.index == only]


@functools.lru_cache(maxsize=2)
def _all_blocks(text: str) -> tuple[EventBlock, ...]:
    """The blocks of the last texts asked about: an edit, then the record of it for undo,
    look at the same text, and at 100,000 events each look costs a second's scan."""
    sections = table_lines(text)  # ends at line ends: all _block needs of them
    blocks = []
    for number, section in enumerate(sections):
        path = section.path
        if len(path) != 2 or path[0] != "events" or not isinstance(path[1], int):
            continue
        last, following = section, number + 1
        while following < len(sections) and sections[following].path[:2] == path:
            last = sections[following]  # its sub-tables ([events.meta]) are part of it
            following += 1
        blocks.append(table_block(text, path[1], sections[number - 1], section, last))
    return tuple(blocks)


@functools.lru_cache(maxsize=4)
def _block_at(text: str, index: int) -> EventBlock | None:
    """The block of event ``index``; None when it is an inline table. Only its tables' ends
    are looked for (not all 100,000 tables' of a large calendar, as ``event_blocks``)."""
    sections = array_table_lines(text, "events", index)
    if sections is None:
        return None
    before, header, *subtables = sections
    return table_block(text, index, before, header, subtables[-1] if subtables else header)


def table_block(
    text: str, index: int, before: Section, header: Section, last: Section
) -> EventBlock:
    """Where a table stands (see EventBlock), given its header, the table before it, and its
    last sub-table: its own comments (no blank line between) belong to it."""
    floor = before.end  # table_lines ends a table at the end of its last line
    start = text.rfind("\n", 0, header.start) + 1
    lead = start
    while lead > floor:  # own comments: comment lines right above the header
        above = text.rfind("\n", 0, lead - 1) + 1
        if not _COMMENT.match(text, above):
            break
        lead = above
    cut = lead
    while cut > floor:  # then the blank lines that set it apart
        above = text.rfind("\n", 0, cut - 1) + 1
        if text[above:cut].strip():
            break
        cut = above
    return EventBlock(index, max(cut, floor), max(lead, floor), start, last.end)


def block_of(text: str, event_id: str) -> EventBlock | None:
    """The block of the event ``event_id``; None when it is an inline table.

    Raises:
        CalendarError: the text is not valid TOML.
        EditError: no such event, or more than one.
    """
    return _block_at(text, event_index(_read(text), event_id))


def event_title(text: str, event_id: str) -> str | None:
    """The title ``text`` gives the event ``event_id`` (None: no such event, or no title)."""
    try:
        document = _read(text)
        title = _events(document)[event_index(document, event_id)].get("title")
    except (CalendarError, EditError):
        return None
    return title if isinstance(title, str) else None


def event_text(text: str, event_id: str) -> str | None:
    """The event's own comments and table as written; None when there is no such event."""
    try:
        block = block_of(text, event_id)
    except EditError:
        return None
    if block is None:
        return text[slice(*inline_span(text, event_index(_read(text), event_id)))]
    return text[block.lead : block.end]


def event_texts(text: str, event_ids: Iterable[str]) -> dict[str, str | None]:
    """``event_text`` of many events, from one look at the text (a batch such as an import
    of 10,000 events would otherwise scan the whole text once per event)."""
    places = _places(text, event_ids)
    return {
        event_id: None
        if at is None
        else text[at.lead : at.end]
        if isinstance(at, EventBlock)
        else text[slice(*inline_span(text, at))]
        for event_id, at in places.items()
    }


def blocks_by_id(text: str, event_ids: Iterable[str]) -> dict[str, EventBlock | None]:
    """The block of each event, from one look at the text; None for an event that is not
    there, is there twice, or is written as an inline table."""
    return {
        event_id: at if isinstance(at, EventBlock) else None
        for event_id, at in _places(text, event_ids).items()
    }


def _places(text: str, event_ids: Iterable[str]) -> dict[str, EventBlock | int | None]:
    """Each event's block, or its index when it is an inline table, or None (see above)."""
    wanted = list(event_ids)
    if not wanted:  # an import that only adds: nothing to read before it
        return {}
    positions: dict[object, list[int]] = {}
    for number, event in enumerate(_events(_read(text))):
        positions.setdefault(event.get("id"), []).append(number)
    blocks = {block.index: block for block in _all_blocks(text)}
    found: dict[str, EventBlock | int | None] = {}
    for event_id in wanted:
        at = positions.get(event_id, [])
        found[event_id] = None if len(at) != 1 else blocks.get(at[0], at[0])
    return found


# --- changing an event -------------------------------------------------------------------


def update_event(text: str, event_id: str, changes: Changes) -> str:
    """The text with the event's keys changed: only that event's table differs.

    A changed key keeps its place, its trailing comment and its string or array style; a
    new key goes at the end of the table; a key set to None disappears with its line.

    Raises:
        CalendarError: the text is not valid TOML.
        EditError: no such event, or a value TOML cannot hold.
    """
    document = _read(text)
    index = event_index(document, event_id)
    expected = applied(_events(document)[index], changes)
    block = _block_at(text, index)
    if block is None:
        edited = update_inline(text, index, changes)
        _verify(edited, index, expected)
        return edited
    piece = tomlkit.parse(text[block.start : block.end])
    table = piece["events"][0]
    for key, value in changes.items():
        set_key(table, key, value)
    edited = with_newlines(piece.as_string(), newline_of(text))
    _verify(edited, 0, expected)
    return text[: block.start] + edited + text[block.end :]


def cancel_event(text: str, event_id: str) -> str:
    """The event kept in the file with ``status = "cancelled"``: what a schedule keeper wants."""
    return update_event(text, event_id, {"status": Status.CANCELLED.value})


def delete_event(text: str, event_id: str) -> str:
    """The text without the event: its table, its own comments and the blank lines above.

    Comments separated from the header by a blank line (a day's heading) stay.
    """
    document = _read(text)
    index = event_index(document, event_id)
    block = _block_at(text, index)
    if block is not None:
        return text[: block.cut] + text[block.end :]
    return delete_inline(text, index)


def add_event(text: str, values: Changes) -> str:
    """The text with a new event appended after the last one, in the file's own style.

    The blank lines before it are those most events of the file have; its keys come in the
    order the file's events use (keys they do not have follow in the order given), and
    arrays too long for one line are written one element a line, as in the bundled file.

    Raises:
        CalendarError: the text is not valid TOML.
        EditError: no id, an id already used, or a value TOML cannot hold.
    """
    document = _read(text)
    events = _events(document)
    wanted = {k: plain(v) for k, v in values.items() if v is not None}
    if not isinstance(wanted.get("id"), str):
        raise EditError("a new event needs an id")
    if any(e.get("id") == wanted["id"] for e in events):
        raise EditError(f'an event with id "{wanted["id"]}" already exists')
    ordered = dict(sorted(wanted.items(), key=_key_rank(events, list(wanted))))
    blocks = event_blocks(text)
    newline = newline_of(text)
    if "events" in document and not blocks:  # events = [...]
        edited = add_inline(text, ordered, len(events))
        _verify(edited, len(events), wanted)
        return edited
    piece = tomlkit.document()
    table = tomlkit.table()
    for key, value in ordered.items():
        table.append(key, styled(key, value, None))
    piece.append("events", tomlkit.aot())
    piece["events"].append(table)
    table_text = with_newlines(piece.as_string(), newline)
    _verify(table_text, 0, wanted)
    at = blocks[-1].end if blocks else len(text)
    before = text[:at]
    if before and not before.endswith("\n"):
        before += newline
    gap = newline * _usual_gap(text, blocks) if before.strip() else ""
    return before + gap + table_text + text[at:]


def _usual_gap(text: str, blocks: list[EventBlock]) -> int:
    """How many blank lines most event tables of the file have above them; 1 by default."""
    gaps = [text.count("\n", b.cut, b.lead) for b in blocks if b.cut > 0]
    return max(set(gaps), key=gaps.count) if gaps else 1


def _key_rank(events: list[dict[str, Any]], given: list[str]) -> Any:
    """Keys in the place the file's events usually give them: by their mean position."""
    places: dict[str, list[int]] = {}
    for event in events:
        for place, key in enumerate(event):
            places.setdefault(key, []).append(place)
    usual = {key: sum(found) / len(found) for key, found in places.items()}

    def rank(item: tuple[str, Any]) -> tuple[float, int]:
        key = item[0]
        return (usual[key], 0) if key in usual else (float("inf"), given.index(key))

    return rank


def _verify(edited: str, index: int, expected: Mapping[str, Any]) -> None:
    """Read the edit back: it must hold exactly the values asked for."""
    try:
        got = _events(tomllib.loads(edited))[index]
    except (tomllib.TOMLDecodeError, IndexError) as error:
        raise EditError(f"the edit would not be valid TOML: {error}") from None
    if got != expected:
        changed = sorted(k for k in {*got, *expected} if got.get(k) != expected.get(k))
        raise EditError(f"cannot write {', '.join(changed)} as TOML")


# --- new ids -----------------------------------------------------------------------------


def new_event_id(taken: Calendar | Iterable[str], title: str) -> str:
    """An id from the title ('Putin & Mirziyoyev meet' -> 'putin-mirziyoyev-meet'), unique.

    A second event of the same title gets '-2', then '-3'; a title with no Latin letters
    or digits gives 'event'.
    """
    ids = {e.id for e in taken.events} if isinstance(taken, Calendar) else set(taken)
    ascii_title = slugify(title) if re.search(r"[A-Za-z0-9]", _ascii(title)) else "event"
    base = ascii_title[:ID_LENGTH].rstrip("-") or "event"
    candidate, number = base, 1
    while candidate in ids:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
