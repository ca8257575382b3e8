"""Fixtures for the browser tests: a copy of the bundled calendar and a headless chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.serve.browser import CHROMIUM, keep_local
from tui.core.loading.load import bundled_calendar


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    shutil.copyfile(bundled_calendar(), path)
    return path


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser profile of its own that reaches only the server (see ``keep_local``)."""
    made = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 800})
    made.set_default_timeout(60_000)  # generous: the suite shares two cores
    keep_local(made)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless (playwright's own browser download is not used)."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()
