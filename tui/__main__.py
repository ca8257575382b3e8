"""`python -m tui`."""

from tui.cli import run

run()
