"""Damage a SQLite workspace the way a disk or a careless tool would."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path


def corrupt_a_page_of(path: Path, table: str, *, keep_times: bool) -> None:
    """Overwrite the root page of ``table`` in place (the file's size unchanged); with
    ``keep_times`` its access and modification times are put back as they were."""
    status = path.stat()
    with closing(sqlite3.connect(path)) as connection:
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    assert root > 1
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    assert path.stat().st_size == status.st_size
    if keep_times:
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
