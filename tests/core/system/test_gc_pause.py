"""Pauses of the cyclic collector overlap (the app's first frame, a loading worker): the
collector runs again only when the last one ends, and only if it ran before."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui.core.system.gc_pause import collector_paused, pause_collector, resume_collector


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_overlapping_pauses_resume_with_the_last() -> None:
    gc.enable()
    pause_collector()  # the app, until its first frame
    with collector_paused():  # a worker parsing meanwhile
        resume_collector()  # the first frame is out: the worker's pause still holds
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
