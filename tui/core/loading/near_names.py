"""A calendar name that names no file: the names beside it that it may have meant.

``diplocal evnets.toml`` beside an ``events.toml`` is most likely a typo, not a new
calendar: the question that offers to create one, and the "no such file" error, name the
close ones (difflib, as the other did-you-means do).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

MAX_LOOKED_AT = 10_000  # entries of the folder compared: a huge folder is not read whole
CLOSENESS = 0.75  # 'evnets.toml' and 'events.toml' are 0.91; 'notes.toml' is 0.67


def near_names(path: Path, most: int = 3) -> list[str]:
    """Names of regular files in ``path``'s folder close to its name, closest first;
    empty when the folder cannot be read."""
    wanted = path.name
    if not wanted or len(wanted) > 1_000:  # difflib would index a huge name first
        return []
    try:
        with os.scandir(path.parent) as entries:
            names = [
                entry.name
                for entry in islice(entries, MAX_LOOKED_AT)
                if entry.name != wanted and _is_file(entry)
            ]
    except OSError:
        return []
    return difflib.get_close_matches(wanted, names, n=most, cutoff=CLOSENESS)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def near_hint(names: Sequence[str]) -> str:
    """' (did you mean "events.toml"?)' for the ``near_names`` of a missing calendar, or
    '' when there are none."""
    if not names:
        return ""
    return " (did you mean " + " or ".join(f'"{name}"' for name in names) + "?)"
