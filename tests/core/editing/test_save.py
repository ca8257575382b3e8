"""Saving: atomic, keeps mode and symlinks, and never writes over someone else's change."""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BASE, WriteCalendar
from tui.core.editing import save
from tui.core.editing.save import (
    ConflictError,
    SaveError,
    digest_of,
    read_snapshot,
    save_calendar,
)
from tui.core.editing.toml_edit import update_event

EDITED = update_event(BASE, "talks", {"title": "Talks resumed"})
THEIRS = update_event(BASE, "summit", {"title": "Summit of the CIS"})


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_save_writes_and_returns_the_new_digest(write_calendar: WriteCalendar) -> None:
    path = write_calendar()
    path.chmod(0o640)
    snapshot = read_snapshot(path)
    assert snapshot == save.Snapshot(BASE, digest_of(BASE.encode()))
    new_digest = save_calendar(path, EDITED, snapshot.digest)
    assert path.read_text(encoding="utf-8") == EDITED
    assert new_digest == digest_of(EDITED.encode())
    assert path.stat().st_mode & 0o777 == 0o640
    assert leftovers(path.parent) == []


def test_save_follows_a_symlink(write_calendar: WriteCalendar, tmp_path: Path) -> None:
    target = write_calendar()
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    save_calendar(link, EDITED, read_snapshot(link).digest)
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8") == EDITED


def test_a_read_only_file_is_refused_and_kept(write_calendar: WriteCalendar) -> None:
    path = write_calendar()
    path.chmod(0o444)
    with pytest.raises(SaveError, match="read-only") as caught:
        save_calendar(path, EDITED, read_snapshot(path).digest)
    assert (
        str(caught.value)
        == f"{path}: error: cannot save: the file is read-only; the file is unchanged"
    )
    assert path.read_text(encoding="utf-8") == BASE
    assert leftovers(path.parent) == []


def test_a_file_changed_behind_our_back_is_not_overwritten(write_calendar: WriteCalendar) -> None:
    path = write_calendar()
    digest = read_snapshot(path).digest
    path.write_text(THEIRS, encoding="utf-8")  # another editor, or git pull
    with pytest.raises(ConflictError) as caught:
        save_calendar(path, EDITED, digest)
    assert caught.value.their_text == THEIRS
    assert caught.value.their_digest == digest_of(THEIRS.encode())
    assert path.read_text(encoding="utf-8") == THEIRS


def test_a_change_while_we_write_is_not_overwritten(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_calendar()
    digest = read_snapshot(path).digest
    real_write = save.write_atomic

    def racing_write(target: Path, data: bytes, **options: Any) -> None:
        target.write_text(THEIRS, encoding="utf-8")  # lands after our first check
        real_write(target, data, **options)

    monkeypatch.setattr(save, "write_atomic", racing_write)
    with pytest.raises(ConflictError):
        save_calendar(path, EDITED, digest)
    assert path.read_text(encoding="utf-8") == THEIRS
    assert leftovers(path.parent) == []


def test_a_deleted_file_is_a_conflict_and_not_recreated(write_calendar: WriteCalendar) -> None:
    path = write_calendar()
    digest = read_snapshot(path).digest
    path.unlink()
    with pytest.raises(ConflictError, match="was deleted") as caught:
        save_calendar(path, EDITED, digest)
    assert caught.value.their_text is None and not path.exists()


def test_a_failed_write_keeps_the_file(
    write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_calendar()

    def full(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError, match="No space left on device"):
        save_calendar(path, EDITED, read_snapshot(path).digest)
    assert path.read_text(encoding="utf-8") == BASE
    assert leftovers(path.parent) == []


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(codecs.BOM_UTF8 + BASE.encode())
    snapshot = read_snapshot(path)
    assert snapshot.text == BASE
    save_calendar(path, EDITED, snapshot.digest)
    assert path.read_bytes() == codecs.BOM_UTF8 + EDITED.encode()


def test_a_new_file_is_created_but_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    save_calendar(path, BASE, None)
    assert path.read_text(encoding="utf-8") == BASE
    with pytest.raises(ConflictError, match="already exists"):
        save_calendar(path, EDITED, None)
    assert path.read_text(encoding="utf-8") == BASE
