"""The export read by a real client: khal imports it and lists each form sensibly.

khal is in the test extra, so `make test` (and CI) runs this; $DIPLOCAL_KHAL may name
another khal executable. It is skipped only where no khal can be found at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.khal_config import khal_config
from tui.core.export.ical import to_icalendar
from tui.core.loading.load import bundled_calendar, load_calendar

# The test extra installs khal beside the interpreter running the tests.
BESIDE = Path(sys.executable).with_name("khal")
KHAL = (
    os.environ.get("DIPLOCAL_KHAL")
    or (str(BESIDE) if BESIDE.exists() else None)
    or shutil.which("khal")
)


@pytest.mark.skipif(KHAL is None, reason="khal is not installed")
def test_khal_lists_each_form_without_inventing_times(tmp_path: Path) -> None:
    assert KHAL is not None
    folder = tmp_path / "calendar"
    folder.mkdir()
    config = tmp_path / "config"
    config.write_text(khal_config(folder, tmp_path / "khal.db", "Asia/Dushanbe"))
    exported = tmp_path / "visit.ics"
    exported.write_bytes(to_icalendar(load_calendar(bundled_calendar()).calendar))

    def khal(*args: str) -> str:
        run = subprocess.run(
            [KHAL, "-c", str(config), *args], capture_output=True, text=True, check=True
        )
        return run.stdout

    khal("import", "--batch", "-a", "visit", str(exported))
    listed = khal("list", "2025-10-09", "1d", "--format", "{start-end-time-style}|{title}")
    rows = dict(line.split("|")[::-1] for line in listed.splitlines() if "|" in line)
    assert rows["Official welcome ceremony"] == "11:00-11:55"
    # No end was given: khal shows a moment, not an hour it made up.
    assert rows["Putin and Aliyev meet"] == "16:30-16:30"
    # Parts of day and unknown times are all-day entries under their own titles.
    assert rows["Second Central Asia-Russia summit"] == ""
    assert rows["CIS Council of Foreign Ministers"] == ""
