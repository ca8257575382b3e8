"""Checking an edit by the same rules as `diplocal check`, with each problem beside its field.

``validate_text`` is `check` itself on text not yet saved. ``event_problems`` maps the
problems of one event back to its keys, so a form can show each message beside its field;
``field_problems`` does that for a draft as it is typed, cheaply: it validates the draft
alone against the calendar's countries and participants, not the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tui.core.editing.toml_edit import event_index, parse
from tui.core.errors import CalendarError, Diagnostic, Severity
from tui.core.loading.fields import Problem
from tui.core.loading.load import load_bytes
from tui.core.loading.validate import build_calendar

TABLE = ""  # the key for a problem of the event as a whole, such as two events at once
_MISSING = re.compile(r'missing required key "([^"]+)"')


def validate_text(text: str, name: str) -> list[Diagnostic]:
    """Every error and warning `diplocal check` would print for ``text`` saved as ``name``."""
    try:
        return load_bytes(text.encode("utf-8"), name).warnings
    except CalendarError as error:
        return error.diagnostics


def is_savable(diagnostics: list[Diagnostic]) -> bool:
    """Whether the text loads: warnings do not stop a save, errors do."""
    return all(d.severity is Severity.WARNING for d in diagnostics)


def event_problems(text: str, event_id: str) -> dict[str, str]:
    """The problems of the event ``event_id`` in ``text``, by key; '' for the whole event.

    Raises:
        CalendarError: the text is not valid TOML (its error is located).
        EditError: no such event.
    """
    document = parse(text)
    index = event_index(document, event_id)
    _, fields = build_calendar(document)
    return _by_key(fields.problems, index)


def field_problems(
    document: Mapping[str, Any], values: Mapping[str, Any], editing: str | None = None
) -> dict[str, str]:
    """The problems of a draft event, by key: validation as the user types.

    ``document`` is the parsed calendar (``tomllib``), ``values`` every key of the draft
    (None for a key left empty), ``editing`` the id of the event being edited (None for a
    new one). The draft is checked by the loader's own rules against the calendar's
    countries, participants and zone, and its id against the other events' ids. Overlaps
    with other events are warnings; ``event_problems`` reports them on the saved text.
    """
    draft = {key: value for key, value in values.items() if value is not None}
    alone = {key: value for key, value in document.items() if key != "events"}
    alone["events"] = [draft]
    _, fields = build_calendar(alone)
    problems = _by_key(fields.problems, 0)
    others = [e for e in document.get("events", []) if isinstance(e, dict)]
    taken = {e.get("id") for e in others if e.get("id") != editing}
    if draft.get("id") in taken and "id" not in problems:
        problems["id"] = f'duplicate event id "{draft["id"]}": another event has it'
    return problems


def _by_key(problems: list[Problem], index: int) -> dict[str, str]:
    """Messages of the problems under ``("events", index)``, errors first, one line a key."""
    messages: dict[str, list[str]] = {}
    ordered = sorted(problems, key=lambda p: p.severity is not Severity.ERROR)
    for problem in ordered:
        path = problem.path
        if path[:2] != ("events", index):
            continue
        key = str(path[2]) if len(path) > 2 else _missing_key(problem.message)
        messages.setdefault(key, []).append(problem.message)
    return {key: "; ".join(found) for key, found in messages.items()}


def _missing_key(message: str) -> str:
    """A missing key is reported on its table; its message names the key."""
    match = _MISSING.search(message)
    return match.group(1) if match else TABLE
