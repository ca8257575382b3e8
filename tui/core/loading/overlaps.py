"""Warnings for a participant booked into two timed events at once."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from operator import itemgetter

from tui.core.errors import Severity
from tui.core.loading.fields import Problem
from tui.core.model import Event, Status
from tui.core.toml.scanner import Path


def overlap_problems(located: list[tuple[Path, Event]]) -> list[Problem]:
    """One warning per event that starts before an earlier event of the same participant ends.

    Dated events are left out (a visit spans the meetings within it; a part of day is too
    vague to clash), as are cancelled ones. An event without an end is taken as a moment:
    it clashes only with an event under way at its start, since no end is invented.
    """
    # Instants as POSIX timestamps: they order and compare as the datetimes do (exactly, to
    # the microsecond), without a conversion to UTC per comparison.
    by_person: dict[str, list[tuple[float, float, Path, Event]]] = defaultdict(list)
    for path, event in located:
        if event.dated or event.status is Status.CANCELLED:
            continue
        assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
        item = (event.start.timestamp(), event.end.timestamp(), path, event)
        for person in event.participants:
            by_person[person].append(item)
    problems: list[Problem] = []
    for person, booked in sorted(by_person.items()):
        booked.sort(key=itemgetter(0))  # by start; stable, so ties keep the file order
        latest_end, latest = booked[0][1], booked[0][3]
        previous_start = booked[0][0]
        for start, end, path, event in booked[1:]:
            # Two events starting together clash even when neither gives an end.
            if start < latest_end or start == previous_start:
                message = f'"{person}" is in "{event.id}" and "{latest.id}" at the same time'
                problems.append(Problem((*path, "start"), message, Severity.WARNING))
            if end > latest_end or start == previous_start:
                latest_end, latest = max(end, latest_end), event
            previous_start = start
    return problems
