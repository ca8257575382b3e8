"""One khal configuration for every place that runs khal: the interop test, the open-end
measurement and the peer benchmark (ISO dates and 24-hour times, so outputs compare)."""

from __future__ import annotations

from pathlib import Path

_CONFIG = """\
[calendars]
[[{name}]]
path = {folder}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}

[sqlite]
path = {database}
"""


def khal_config(folder: Path, database: Path, zone: str, name: str = "visit") -> str:
    """khal's config for one calendar of .ics files in ``folder``, its database at
    ``database``, times in ``zone``."""
    return _CONFIG.format(name=name, folder=folder, database=database, zone=zone)
