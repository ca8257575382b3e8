"""diplocal: a keyboard-first terminal calendar for diplomatic visits and summits."""

__version__ = "0.1.0"
