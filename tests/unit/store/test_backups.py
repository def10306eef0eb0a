"""Backups beside a workspace: complete or absent, never half-written; the newest three."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from slaworkbench.store import backups
from slaworkbench.store.backups import KEEP, back_up, list_backups


def _database(path: Path, rows: int) -> Path:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE t (x TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [(f"row {n}",) for n in range(rows)])
        connection.commit()
    return path


def _rows(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("SELECT count(*) FROM t").fetchone()[0])


def _backup_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".backup-" in p.name)


def _at(day: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, 9, 0, second, tzinfo=dt.UTC)


def test_a_backup_holds_every_committed_row_including_the_write_ahead_log(tmp_path: Path) -> None:
    path = _database(tmp_path / "w.sqlite3", 10)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.executemany("INSERT INTO t VALUES (?)", [("late",)] * 5)
    writer.commit()
    try:
        backup = back_up(path, "0003", now=_at(1))
    finally:
        writer.close()
    assert backup.path.name == "w.sqlite3.backup-0003-20261101T090000"
    assert _rows(backup.path) == 15
    assert list_backups(path) == [backup]


def test_only_the_newest_three_are_kept(tmp_path: Path) -> None:
    path = _database(tmp_path / "w.sqlite3", 3)
    other = _database(tmp_path / "other.sqlite3", 1)
    kept_elsewhere = back_up(other, "0001", now=_at(1))
    made = [back_up(path, "0002", now=_at(day)) for day in (1, 2, 3, 4)]
    made.append(back_up(path, "0002", now=_at(4)))  # twice in one second
    assert made[-1].path.name == "w.sqlite3.backup-0002-20261104T090000-2"
    assert [b.path for b in list_backups(path)] == [made[4].path, made[3].path, made[2].path]
    assert len(list_backups(path)) == KEEP
    assert not made[0].path.exists() and not made[1].path.exists()
    assert kept_elsewhere.path.exists()  # another workspace's backups are its own


def test_an_interrupted_backup_leaves_no_backup_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _database(tmp_path / "w.sqlite3", 100)
    real_copy = backups._copy

    def copy_then_die(source: Path, destination: Path) -> None:
        real_copy(source, destination)
        destination.write_bytes(destination.read_bytes()[:1024])  # half-written
        raise KeyboardInterrupt

    monkeypatch.setattr(backups, "_copy", copy_then_die)
    with pytest.raises(KeyboardInterrupt):
        back_up(path, "0003", now=_at(1))
    assert _backup_files(tmp_path) == []


def test_a_partial_left_by_a_kill_is_never_listed_and_is_removed_by_the_next_backup(
    tmp_path: Path,
) -> None:
    path = _database(tmp_path / "w.sqlite3", 100)
    leftover = tmp_path / "w.sqlite3.backup-0003-20261101T090000.partial"
    leftover.write_bytes(path.read_bytes()[:1024])
    Path(f"{leftover}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
    assert list_backups(path) == []
    backup = back_up(path, "0003", now=_at(1))
    assert _backup_files(tmp_path) == [backup.path.name]
    assert _rows(backup.path) == 100
