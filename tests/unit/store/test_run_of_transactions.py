"""``Workspace.run_of_transactions``: one connection held for a run of write transactions
(a recompute), each committing on its own, with a page cache kept between them on SQLite
and the log copied into the file less often, the connection's own settings given back
afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, select, text

from slaworkbench.store.dialect import BULK_CACHE_KIB, RUN_CHECKPOINT_PAGES
from slaworkbench.store.schema import Team
from slaworkbench.store.workspace import Workspace


def _cache_size(connection: Connection) -> int:
    return int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())


def _checkpoint(connection: Connection) -> int:
    return int(connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())


def _teams(workspace: Workspace) -> set[str]:
    with workspace.session() as session:
        return set(session.execute(select(Team.name)).scalars())


def test_each_transaction_commits_on_its_own_and_a_failed_one_alone_is_undone(
    engine_workspace: Workspace,
) -> None:
    with engine_workspace.run_of_transactions() as begin:
        with begin() as connection:
            connection.execute(Team.__table__.insert().values(name="First"))
        assert "First" in _teams(engine_workspace)  # seen by another connection at once
        with pytest.raises(RuntimeError), begin() as connection:
            connection.execute(Team.__table__.insert().values(name="Second"))
            raise RuntimeError("the run's own error")
        with begin() as connection:
            connection.execute(Team.__table__.insert().values(name="Third"))
    teams = _teams(engine_workspace)
    assert {"First", "Third"} <= teams
    assert "Second" not in teams


def test_sqlite_holds_one_connection_with_the_larger_cache_and_checkpoints_for_the_run(
    engine_workspace: Workspace, engine_name: str
) -> None:
    if engine_name != "sqlite":
        pytest.skip("a page cache is SQLite's")
    with engine_workspace.engine.connect() as probe:
        usual, checkpoint = _cache_size(probe), _checkpoint(probe)
    assert usual != -BULK_CACHE_KIB and checkpoint != RUN_CHECKPOINT_PAGES
    seen = []
    with engine_workspace.run_of_transactions() as begin:
        for _ in range(3):
            with begin() as connection:
                assert _cache_size(connection) == -BULK_CACHE_KIB
                assert _checkpoint(connection) == RUN_CHECKPOINT_PAGES
                seen.append(connection.connection.driver_connection)
                connection.execute(text("SELECT 1"))
    assert all(driver is seen[0] for driver in seen)  # one connection for the run
    assert int(seen[0].execute("PRAGMA cache_size").fetchone()[0]) == usual
    assert int(seen[0].execute("PRAGMA wal_autocheckpoint").fetchone()[0]) == checkpoint
