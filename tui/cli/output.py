"""What the command line says to a person: exit codes, messages made safe, located problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from tui.core.errors import Diagnostic
from tui.core.text import escape_controls

EXIT_OK, EXIT_CALENDAR, EXIT_USAGE, EXIT_CRASH = 0, 1, 2, 3
EXIT_DIFFERENT = 1  # `diff`, like diff(1): the two calendars differ


def say(message: str, stream: TextIO) -> None:
    """Print one message for a person: the single place where quoted text is made safe."""
    print(escape_controls(message), file=stream, flush=True)


def print_diagnostics(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=stream)  # Diagnostic.__str__ escapes what it quotes
