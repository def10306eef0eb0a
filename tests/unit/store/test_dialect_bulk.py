"""The dialect seam: what each database's bulk paths may use, and the SQL tricks it writes.

PostgreSQL engines are made without connecting (SQLAlchemy connects lazily); the live
comparison of both databases is tests/integration/test_postgres_live.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, create_engine, insert, text

from slaworkbench.store import dialect

POSTGRES_URL = "postgresql+psycopg://nobody@localhost/none"


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    pytest.importorskip("psycopg")
    engine = create_engine(POSTGRES_URL)
    yield engine
    engine.dispose()


def test_sqlite_packs_text_and_groups_values(tmp_path: Path) -> None:
    engine = dialect.make_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    traits = dialect.bulk_traits(engine)
    assert traits.packs_text and traits.grouped_values and traits.local_ids
    assert traits.update_from_values == (sqlite3.sqlite_version_info >= (3, 33, 0))
    assert dialect.with_index(engine, "tickets t", "ix") == "tickets t INDEXED BY ix"
    assert dialect.alters_tables_in_batches(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE things (id INTEGER)")
    version = dialect.file_data_version(engine)
    assert version is not None
    before = version.current()
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO things VALUES (1)")
    assert version.current() != before
    version.close()
    assert dialect.file_data_version(dialect.make_engine("sqlite://")) is None
    engine.dispose()


def test_postgres_takes_the_portable_paths(postgres_engine: Engine) -> None:
    assert dialect.bulk_traits(postgres_engine) == dialect.PORTABLE_TRAITS
    assert dialect.with_index(postgres_engine, "tickets t", "ix") == "tickets t"
    assert dialect.contains_sql(postgres_engine, "a", "b") == "strpos(a, b) > 0"
    assert not dialect.alters_tables_in_batches(postgres_engine)
    assert dialect.file_data_version(postgres_engine) is None
    assert dialect.needs_change_counter(postgres_engine)


@pytest.mark.parametrize(
    ("haystack", "needle", "found"),
    [(" vip bug ", " bug ", 1), (" vip bug ", " Bug ", 0), (" a%b ", " a_b ", 0), ("", " x ", 0)],
)
def test_contains_is_case_sensitive_and_literal(haystack: str, needle: str, found: int) -> None:
    engine = dialect.make_engine("sqlite://")
    with engine.connect() as connection:
        sql = dialect.contains_sql(connection, ":haystack", ":needle")
        got = connection.execute(
            text(f"SELECT CASE WHEN {sql} THEN 1 ELSE 0 END"),
            {"haystack": haystack, "needle": needle},
        ).scalar_one()
    assert got == found
    engine.dispose()


def test_local_ids_follow_the_largest_id(tmp_path: Path) -> None:
    engine = dialect.make_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    table = Table("things", MetaData(), Column("id", Integer, primary_key=True))
    table.metadata.create_all(engine)
    with engine.begin() as connection:
        assert dialect.local_ids(connection, table, 3) == [1, 2, 3]
        connection.execute(insert(table), [{"id": 7}])
        assert dialect.local_ids(connection, table, 2) == [8, 9]
    engine.dispose()
