"""The operating system: atomic writes, XDG places, the opener, crash reports, the collector."""
