"""Lane labels that stay apart when cut to the label column.

Venues often share a long prefix ("Palace of Nation (Kokhi Millat), Dushanbe" and "Palace of
Nation (Kokhi Millat), Shirinsho Shotemur St., Dushanbe"): cut to ten columns both read
"Palace of…", and two lanes look like one. Where cutting makes labels meet, each keeps the
part that tells it apart: a short head, an ellipsis, then the words from where it differs.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.text import cells, shorten

_HEAD_FROM = 12  # narrower than this, the head is dropped: the differing words matter more


def distinct_labels(labels: Sequence[str], room: int) -> list[str]:
    """``labels`` cut to ``room`` columns, those that would read alike abbreviated apart."""
    cut = [shorten(label, room) for label in labels]
    groups: dict[str, set[str]] = {}
    for label, short in zip(labels, cut, strict=True):
        groups.setdefault(short, set()).add(label)
    result = []
    for label, short in zip(labels, cut, strict=True):
        others = groups[short] - {label}
        result.append(_apart(label, others, room) if others else short)
    return result


def _apart(label: str, others: set[str], room: int) -> str:
    """``label`` as head + '…' + the words from where it parts from the nearest other."""
    shared = max(_common(label, other) for other in others)
    start = label.rfind(" ", 0, shared + 1) + 1 if shared < len(label) else len(label)
    tail = label[start:].strip(" ,;/-")
    if not tail:  # the label is the start of another: its own start is what it has
        return shorten(label, room)
    head = ""
    if room >= _HEAD_FROM:
        head = label.split(" ", 1)[0][: room // 3].rstrip(" ,;")
    return head + "…" + shorten(tail, room - cells(head) - 1)


def _common(first: str, second: str) -> int:
    """How many leading characters two strings share."""
    size = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        size += 1
    return size
