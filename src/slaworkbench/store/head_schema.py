"""A new SQLite workspace made at the head revision in one step.

Running every migration from an empty file (0001 to head, ~900 DDL statements through
Alembic, tables rebuilt by batch operations) takes about a quarter of a second; the
schema it leaves is always the same. ``head_sqlite.json`` beside the migrations holds
that schema as SQLite itself stored it (``sqlite_master``'s statements, in creation
order, so every column keeps the position the migrations gave it) with the rows the
migrations insert, written from a file migrated through every revision
(``python -m tools.head_schema``). A new file runs those statements instead, inside the
same transaction, and gets its own identity as migration 0004 gives it. A snapshot of
another revision is not used (the migrations run); a test holds the snapshot to a file
migrated through every revision.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from slaworkbench import config
from slaworkbench.store.schema import SQLITE_APPLICATION_ID

log = logging.getLogger(__name__)

SNAPSHOT_NAME = "head_sqlite.json"
IDENTITY_TABLE = "workspace_identity"
"""Its one row is each workspace's own (a new UUID), so it is made, not copied."""


def snapshot_of(connection: Connection) -> dict[str, Any]:
    """The schema and rows of a SQLite database migrated from empty to its revision."""
    revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    entries = connection.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master"
        " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).all()
    # The tables first; then the indexes, triggers and views, each in the order made.
    statements = [sql for type_, _, sql in entries if type_ == "table"]
    statements += [sql for type_, _, sql in entries if type_ != "table"]
    rows: dict[str, dict[str, list[Any]]] = {}
    for type_, name, _ in entries:
        if type_ != "table" or name == IDENTITY_TABLE:
            continue
        result = connection.exec_driver_sql(f'SELECT * FROM "{name}"')
        values = sorted((list(row) for row in result), key=repr)
        if values:
            rows[name] = {"columns": list(result.keys()), "values": values}
    return {"revision": revision, "statements": statements, "rows": rows}


def snapshot_text(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n"


def snapshot_path() -> Path:
    """Where the program ships the snapshot: beside the migrations, found as they are
    (through the ``slaworkbench.store`` package, in every way the program is installed)."""
    return config.package_folder("slaworkbench.store", "migrations") / SNAPSHOT_NAME


@cache
def shipped_snapshot() -> dict[str, Any] | None:
    """The snapshot shipped with the program (None if it is missing or unreadable: then
    the migrations make a new file, as they did before there was one)."""
    source = snapshot_path()
    try:
        snapshot = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("The shipped schema %s cannot be read (%s); migrating instead", source, error)
        return None
    if not isinstance(snapshot, dict) or not {"revision", "statements", "rows"} <= snapshot.keys():
        log.warning(
            "The shipped schema %s is not one this program wrote; migrating instead", source
        )
        return None
    return snapshot


def create_at_head(connection: Connection, head: str) -> bool:
    """Make the schema of revision ``head`` in an empty SQLite database, in the caller's
    transaction, from the shipped snapshot; False (nothing done) when it is not of
    ``head``."""
    snapshot = shipped_snapshot()
    if snapshot is None or snapshot["revision"] != head:
        return False
    for statement in snapshot["statements"]:
        connection.exec_driver_sql(statement)
    for table, content in snapshot["rows"].items():
        columns = content["columns"]
        names = ", ".join(f'"{column}"' for column in columns)
        marks = ", ".join("?" for _ in columns)
        insert = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
        connection.exec_driver_sql(insert, [tuple(row) for row in content["values"]])
    connection.exec_driver_sql(
        f"INSERT INTO {IDENTITY_TABLE} (id, workspace_uuid, marked_at) VALUES (1, ?, ?)",
        (str(uuid.uuid4()), int(time.time())),
    )
    connection.exec_driver_sql(f"PRAGMA application_id = {SQLITE_APPLICATION_ID}")
    return True
