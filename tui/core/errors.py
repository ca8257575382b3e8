"""Located problems with a calendar file, in the ``FILE:LINE:COL: error: message`` form."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.core.text import escape_controls


class Severity(StrEnum):
    """An error stops the calendar from loading; a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, pointing at the key or value that causes it.

    ``line`` and ``column`` are 1-based; 0 means unknown.
    """

    file: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        place = self.file
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        # One line per problem, and nothing a terminal would obey: messages quote the file.
        return escape_controls(f"{place}: {self.severity}: {self.message}")


class CalendarError(Exception):
    """The calendar could not be loaded; ``diagnostics`` holds every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))

    @classmethod
    def single(cls, file: str, line: int, column: int, message: str) -> CalendarError:
        """An error with one diagnostic."""
        return cls([Diagnostic(file, line, column, message)])


class UsageError(Exception):
    """The user asked for something that cannot be done (unknown country, bad zone...)."""
