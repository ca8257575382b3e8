"""Event ids for imported events: readable, stable, derived from the UID.

- Our own exports' UIDs ``id@calendar`` give back ``id``.
- A UID that reads as words (``summit-2025@mfa.example``) gives its slug.
- A machine UID (Google's ``7kukuqrfe...@google.com``, Outlook's ``040000008200E0...``, a
  UUID) gives the title's slug and six hex digits of the UID's hash, so two events of one
  title stay apart and the same event gets the same id on every import.
- An event without UID gets a key from a hash of its content (as khal#632 settled), so it
  too matches itself when imported again.
"""

from __future__ import annotations

import hashlib
import re

import icalendar

from tui.core.loading.fields import ID_PATTERN
from tui.core.loading.validate import slugify

ID_LENGTH = 48
_VOWELS = re.compile(r"[aeiouy]")


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def content_key(component: icalendar.Component) -> str:
    """A key for an event without UID: a hash of what it says, the same on every import."""
    parts = []
    for name in ("SUMMARY", "DTSTART", "DTEND", "DURATION", "LOCATION", "RECURRENCE-ID"):
        value = component.get(name)
        parts.append(f"{name}={value.to_ical().decode() if hasattr(value, 'to_ical') else ''}")
    return "content:" + _hash("\n".join(parts))[:20]


def _readable(slug: str) -> bool:
    """Words and numbers, not a hex string or a random token."""
    parts = slug.split("-")
    words = [p for p in parts if not p.isdigit()]
    return bool(words) and all(p.isalpha() and _VOWELS.search(p) and len(p) <= 20 for p in words)


def event_id_for(uid: str, title: str, key: str, own_ids: frozenset[str]) -> str:
    """The event id for an imported event (recurrences add their occurrence to it)."""
    local, at, domain = uid.rpartition("@") if "@" in uid else (uid, "", "")
    if at and domain in own_ids and ID_PATTERN.fullmatch(local):
        return local
    slug = slugify(local) if local else ""
    if slug != "calendar" and _readable(slug) and len(slug) <= ID_LENGTH:
        return slug
    base = slugify(title)[:40].strip("-") if re.search(r"[A-Za-z0-9]", title) else "event"
    if base == "calendar" and "calendar" not in title.lower():
        base = "event"
    return f"{base}-{_hash(key)[:6]}"
