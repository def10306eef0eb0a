"""Shared helpers of the importer tests: a workspace, table counts, small CSV files."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from slaworkbench.store.schema import Base
from slaworkbench.store.workspace import Workspace, open_workspace

HEADER = "Case,When,Status,Sub Status,Impact,Owner\n"
GOOD = (
    HEADER
    + "A1,2026-03-02T09:00:00+00:00,Queued,Waiting,Medium,ana\n"
    + "A1,2026-03-02T09:30:00+00:00,Accepted,Working,Medium,bo\n"
    + "A1,2026-03-02T10:00:00+00:00,Accepted,Wait - User,Medium,bo\n"
    + "A1,2026-03-02T11:00:00+00:00,Accepted,Working,High,bo\n"
    + "A1,2026-03-02T12:00:00+00:00,Completed,Resolved,High,bo\n"
    + "B2,02/03/2026 10:00,Accepted,Working,Low,cy\n"
    + "B2,2026/03/02 09:00:00.5,Queued,Waiting,Low,cy\n"
)
"""Two tickets (A1 solved after a pause and a priority change; B2 with rows out of order
and two other timestamp formats), every row valid for ``PRESET``."""


def workspace(tmp_path: Path) -> Workspace:
    return open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")


_TABLES = tuple(Base.metadata.sorted_tables)
_ORDERED = tuple(
    (table.name, ", ".join(column.name for column in table.primary_key.columns))
    for table in _TABLES
)


def row_counts(ws: Workspace) -> dict[str, int]:
    """Every table's row count, read in one statement."""
    counts = ", ".join(f"(SELECT count(*) FROM {name})" for name, _ in _ORDERED)
    with ws.engine.connect() as connection:
        values = connection.exec_driver_sql(f"SELECT {counts}").one()
    return {name: int(value) for (name, _), value in zip(_ORDERED, values, strict=True)}


def content_hash(ws: Workspace) -> str:
    """A hash of every row of every table, in primary-key order."""
    digest = hashlib.sha256()
    with ws.engine.connect() as connection:
        for name, order in _ORDERED:
            for row in connection.exec_driver_sql(f"SELECT * FROM {name} ORDER BY {order}"):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def write_csv(path: Path, text_: str, *, bom: bool = False, gz: bool = False) -> Path:
    data = ("\ufeff" if bom else "").encode() + text_.encode("utf-8")
    if gz:
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


PRESET = {
    "name": "small",
    "columns": {
        "case_id": "Case",
        "timestamp": "When",
        "status": ["Status", "Sub Status"],
        "priority": "Impact",
        "assignee": "Owner",
        "author": "Owner",
    },
    "timestamps": {
        "formats": ["iso8601", "d/m/Y H:M", "Y/m/d H:M:S.f"],
        "timezone": "Europe/Lisbon",
    },
    "statuses": {
        "open": ["Queued/Waiting", "Accepted/Working"],
        "pending": ["Accepted/Wait - User"],
        "on_hold": ["Accepted/Wait*"],
        "solved": ["Completed/Resolved"],
        "closed": ["Completed/Closed"],
    },
    "agent_reply": {"from": ["Queued/Waiting"], "to": ["Accepted/Working"]},
    "priorities": {"Major": "urgent", "High": "high", "Medium": "normal", "Low": "low"},
}
