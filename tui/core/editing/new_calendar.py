"""The text of a new calendar: a header with its title, id and zone, and a comment that says
how to go on; the form and `diplocal new` start from it."""

from __future__ import annotations

import tomlkit

from tui.core.errors import UsageError
from tui.core.loading.fields import ID_PATTERN
from tui.core.loading.validate import slugify
from tui.core.toml.style import styled
from tui.core.zones import find_zone, zone_hint

NEW_CALENDAR_COMMENT = (
    "A diplocal calendar. Add [countries.XX], [participants.id] and [[events]] tables",
    "below; README.md describes every key, and `diplocal check FILE` validates the file.",
)


def new_calendar_text(title: str, timezone: str, calendar_id: str | None = None) -> str:
    """The text of a calendar with no events yet, which `diplocal check` accepts.

    Raises:
        UsageError: a blank title, an unknown zone or an id of the wrong shape.
    """
    if not title.strip():
        raise UsageError("the title must not be empty")
    if find_zone(timezone) is None:
        hint = zone_hint(timezone)
        raise UsageError(f'unknown time zone "{timezone}"{hint}; use an IANA name')
    timezone = find_zone(timezone) or timezone  # 'asia/dushanbe' is written 'Asia/Dushanbe'
    if calendar_id is not None and not ID_PATTERN.fullmatch(calendar_id):
        raise UsageError(f'calendar id "{calendar_id}" must match {ID_PATTERN.pattern}')
    document = tomlkit.document()
    for line in NEW_CALENDAR_COMMENT:  # the title stays out of comments: it may hold a newline
        document.add(tomlkit.comment(line))
    document.add(tomlkit.nl())
    header = tomlkit.table()
    header.add("title", styled("title", title, None))
    header.add("id", calendar_id or slugify(title))
    header.add("timezone", timezone)
    document.add("calendar", header)
    return document.as_string()
