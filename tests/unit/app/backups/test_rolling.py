"""Daily backups in the data folder, what each holds, and a restore that can be undone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from slaworkbench.app.backups.rolling import available_backups, backup_if_due, restore
from slaworkbench.app.importing.run import import_ticket_csv
from slaworkbench.store.backups import KEEP_ROLLING
from slaworkbench.store.errors import WorkspaceError
from tests.support.import_files import content_hash, row_counts, workspace, write_csv

DAY = dt.timedelta(days=1)
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _tickets(n: int, first: int = 0) -> str:
    return "id,created\n" + "".join(
        f"T{k},2026-03-0{1 + k % 5}T09:00:00Z\n" for k in range(first, first + n)
    )


def test_a_daily_backup_is_taken_once_a_day_and_the_last_ones_are_kept(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        import_ticket_csv(ws, write_csv(tmp_path / "t.csv", _tickets(3)))
        assert backup_if_due(ws, now=START) is not None
        assert backup_if_due(ws, now=START + DAY / 2) is None
        for day in range(1, KEEP_ROLLING + 3):
            assert backup_if_due(ws, now=START + day * DAY) is not None
        listed = available_backups(ws)
        assert len(listed) == KEEP_ROLLING
        assert listed[0].taken_at == START + (KEEP_ROLLING + 2) * DAY
        assert all(info.kind == "daily" and info.tickets == 3 for info in listed)
        assert listed[0].newest_event_at == int(
            dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC).timestamp()
        )
        assert all(not Path(info.path).is_relative_to(tmp_path) for info in listed)
    finally:
        ws.close()


def test_a_restore_brings_back_the_backup_and_can_be_undone(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        import_ticket_csv(ws, write_csv(tmp_path / "a.csv", _tickets(2)))
        before = (row_counts(ws), content_hash(ws))
        backup_if_due(ws, now=START)
        import_ticket_csv(ws, write_csv(tmp_path / "b.csv", _tickets(5, first=10)))
        after = (row_counts(ws), content_hash(ws))
        (daily,) = available_backups(ws)
        undo = restore(ws, daily.path)
        assert (row_counts(ws), content_hash(ws)) == before
        assert undo.kind == "before a restore" and undo.tickets == 7
        restore(ws, undo.path)
        assert (row_counts(ws), content_hash(ws)) == after
    finally:
        ws.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        import_ticket_csv(ws, write_csv(tmp_path / "a.csv", _tickets(2)))
        before = (row_counts(ws), content_hash(ws))
        bad = tmp_path / "bad.sqlite3"
        bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
        with pytest.raises(WorkspaceError, match="could not be restored"):
            restore(ws, str(bad))
        assert (row_counts(ws), content_hash(ws)) == before
        assert available_backups(ws) == []
    finally:
        ws.close()
