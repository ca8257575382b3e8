"""Where a file overflows what Python's parse can take: a number with too many digits,
nesting too deep. The parser's own error says neither place."""

from __future__ import annotations

import re
import sys


def long_number(text: str) -> tuple[int, int]:
    """Where the first number too long for Python to convert starts."""
    limit = sys.get_int_max_str_digits()
    # A value starts after "=", "[", "," or "{" (strings may hold digits too).
    match = re.search(rf"[=\[,{{]\s*([+-]?[0-9][0-9_]{{{limit},}})", text)
    if match is None:
        return 1, 1
    index = match.start(1)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def deepest_point(text: str, limit: int = 100) -> tuple[int, int]:
    """Where bracket nesting first passes ``limit``, to point at runaway nesting."""
    depth = 0
    for index, char in enumerate(text):
        depth += char in "[{"
        depth -= char in "]}"
        if depth > limit:
            line = text.count("\n", 0, index) + 1
            return line, index - text.rfind("\n", 0, index)
    return 1, 1
