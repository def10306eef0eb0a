"""An upgrade that builds tables again (migrations 0024 and 0025 rebuild the event log and
the held pieces) gives the old copies' pages back: the upgraded file holds no more than
a few free pages and is no larger than the same workspace written at head; a file with
few free pages is left as it is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from slaworkbench.store import dialect
from slaworkbench.store.workspace import open_workspace
from tests.support.older_files import copy_into_revision, demo_file

NOW = 1_780_000_000


def _pages(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
    return pages, free


def test_an_upgrade_gives_the_rebuilt_tables_pages_back(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", tickets=3000, now=NOW)
    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0023")
    with sqlite3.connect(old) as connection:
        connection.execute("VACUUM")
    before, _ = _pages(old)

    open_workspace(f"sqlite:///{old}", create=False).close()

    pages, free = _pages(old)
    assert free < dialect.RECLAIM_MIN_PAGES
    assert pages < before  # the rebuilt tables are smaller, and the file with them
    assert pages <= _pages(fresh)[0] * 1.05


def test_few_free_pages_are_left_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [("x" * 3000,)] * 300)
        connection.execute("DELETE FROM t WHERE rowid % 2 = 0")
    pages, free = _pages(path)
    assert 0 < free < dialect.RECLAIM_MIN_PAGES
    engine = dialect.make_engine(f"sqlite:///{path}")
    try:
        assert dialect.reclaim_free_pages(engine) is None
    finally:
        engine.dispose()
    assert _pages(path) == (pages, free)

    with sqlite3.connect(path) as connection:
        connection.executemany("INSERT INTO t VALUES (?)", [("y" * 3000,)] * 600)
        connection.execute("DELETE FROM t WHERE x LIKE 'y%'")
    pages, free = _pages(path)
    assert free >= dialect.RECLAIM_MIN_PAGES
    engine = dialect.make_engine(f"sqlite:///{path}")
    try:
        given_back = dialect.reclaim_free_pages(engine)
    finally:
        engine.dispose()
    assert given_back is not None and given_back >= free * 4096 * 0.9
    assert _pages(path)[1] == 0
