"""A Radicale for the publishing tests: one per test process, a collection per test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.sharing.servers import USERS, Radicale, radicale


@pytest.fixture(scope="session")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


@pytest.fixture
def collection(radicale_server: Radicale, request: pytest.FixtureRequest) -> str:
    """A collection URL of admin's, named after the test (not created yet)."""
    return radicale_server.collection(re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()))


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own XDG_STATE_HOME, ~/.netrc-less HOME and admin's credentials."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DIPLOCAL_CALDAV_USERNAME", "admin")
    monkeypatch.setenv("DIPLOCAL_CALDAV_PASSWORD", USERS["admin"])
    return tmp_path / "state"
