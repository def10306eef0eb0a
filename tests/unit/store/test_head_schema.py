"""A new SQLite workspace is made at head in one step from the shipped snapshot
(``store.head_schema``): the same file, statement for statement and row for row, as an
empty one migrated through every revision and seeded; a snapshot of another revision
leaves the work to the migrations."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from slaworkbench.store import head_schema, workspace
from slaworkbench.store.workspace import SCHEMA_REVISION, open_workspace
from tools.head_schema import migrated_snapshot

NOW = 1_790_000_000.0


def test_the_shipped_snapshot_is_the_one_every_migration_makes() -> None:
    shipped = head_schema.shipped_snapshot()
    assert shipped is not None and shipped["revision"] == SCHEMA_REVISION
    assert shipped == migrated_snapshot(), "run python -m tools.head_schema"


def _contents(path: Path) -> dict[str, Any]:
    """Everything in the file: its dump (schema in SQLite's own words, then every row),
    the header's marks, the journal mode; the workspace's own identity left out."""
    with closing(sqlite3.connect(path)) as connection:
        uuid = connection.execute("SELECT workspace_uuid FROM workspace_identity").fetchone()[0]
        return {
            "dump": [line.replace(uuid, "<uuid>") for line in connection.iterdump()],
            "pragmas": [
                connection.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("application_id", "user_version", "journal_mode", "page_size")
            ],
        }


def _upgrades(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    ran: list[str] = []
    upgrade = workspace.upgrade

    def counted(connection: Any, revision: str = "head") -> None:
        ran.append(revision)
        upgrade(connection, revision)

    monkeypatch.setattr(workspace, "upgrade", counted)
    return ran


def test_a_new_workspace_is_the_file_every_migration_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time, "time", lambda: NOW)
    ran = _upgrades(monkeypatch)
    open_workspace(str(tmp_path / "at_head.sqlite3")).close()
    assert ran == []
    monkeypatch.setattr(head_schema, "shipped_snapshot", lambda: None)
    open_workspace(str(tmp_path / "migrated.sqlite3")).close()
    assert ran == ["head"]
    made = _contents(tmp_path / "at_head.sqlite3")
    migrated = _contents(tmp_path / "migrated.sqlite3")
    assert len(made["dump"]) > 70 and made["pragmas"][2] == "wal"
    assert made == migrated


def test_a_snapshot_of_another_revision_leaves_it_to_the_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = head_schema.shipped_snapshot()
    assert shipped is not None
    monkeypatch.setattr(head_schema, "shipped_snapshot", lambda: {**shipped, "revision": "0034"})
    ran = _upgrades(monkeypatch)
    opened = open_workspace(str(tmp_path / "w.sqlite3"))
    try:
        with opened.engine.connect() as connection:
            assert workspace.current_revision(connection) == SCHEMA_REVISION
    finally:
        opened.close()
    assert ran == ["head"]


@pytest.mark.parametrize("content", ["{not json", '["a list"]', '{"revision": "0035"}'])
def test_an_unreadable_snapshot_leaves_it_to_the_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    shipped = tmp_path / head_schema.SNAPSHOT_NAME
    shipped.write_text(content, encoding="utf-8")
    monkeypatch.setattr(head_schema, "snapshot_path", lambda: shipped)
    head_schema.shipped_snapshot.cache_clear()
    try:
        assert head_schema.shipped_snapshot() is None
        ran = _upgrades(monkeypatch)
        open_workspace(str(tmp_path / "w.sqlite3")).close()
        assert ran == ["head"]
    finally:
        head_schema.shipped_snapshot.cache_clear()
