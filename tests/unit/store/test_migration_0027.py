"""Migration 0027 (the timeline cache packed in 64-bit words) keeps every ticket's
timeline and clock fingerprint: a demo's timelines stored as 0026 stored them (decimal
text) read back, once upgraded, exactly as the demo wrote them; on both engines, a
timeline too wide for the compact form keeps its values, one without events stays, and
a damaged text is dropped (the next recompute reads that ticket's events again)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, text

from slaworkbench.store.clocks.timelines import read_timelines
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, open_workspace, upgrade
from tests.support.engines import ENGINES
from tests.support.older_files import copy_into_revision, database_at, demo_file, insert_tickets

NOW = 1_780_000_000


def _text(rows: np.ndarray) -> str:
    """A timeline as 0026 stored it: ``at,seq,code`` per event, comma separated."""
    return ",".join(str(v) for v in rows[:, 1:].ravel().tolist())


def _timelines(url: str) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    engine = make_engine(url)
    try:
        return _read_timelines(engine)
    finally:
        engine.dispose()


def _read_timelines(engine: Engine) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    with engine.connect() as connection:
        assert current_revision(connection) == SCHEMA_REVISION
        ids = np.array(
            [r[0] for r in connection.execute(text("SELECT id FROM tickets ORDER BY id"))],
            dtype=np.int64,
        )
        head, rows = read_timelines(connection, ids)
    return sorted(map(tuple, head.tolist())), sorted(map(tuple, rows.tolist()))


def test_a_demos_text_timelines_upgrade_to_the_same_packed_ones(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    head, rows = _timelines(f"sqlite:///{fresh}")
    assert len(head) == 300 and len(rows) > 1000

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0026")
    everything = np.array(rows, dtype=np.int64)
    engine = make_engine(f"sqlite:///{old}")
    try:
        with engine.begin() as connection:
            for ticket_id, count, _hash in head:
                mine = everything[everything[:, 0] == ticket_id]
                assert len(mine) == count
                connection.execute(
                    text("UPDATE ticket_timelines SET events = :e WHERE ticket_id = :t"),
                    {"e": _text(mine), "t": ticket_id},
                )
            stored = connection.execute(text("SELECT typeof(events) FROM ticket_timelines"))
            assert {kind for (kind,) in stored} == {"text"}
    finally:
        engine.dispose()
    open_workspace(f"sqlite:///{old}", create=False).close()
    assert _timelines(f"sqlite:///{old}") == (head, rows)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0027_packs_wide_and_empty_timelines_and_drops_damaged_ones(
    engine_name: str, tmp_path: Path
) -> None:
    with database_at(engine_name, tmp_path, "0026") as engine:
        with engine.begin() as connection:
            insert_tickets(connection, range(1, 6))
            connection.execute(
                text(
                    "INSERT INTO ticket_timelines (ticket_id, event_count, events, clocks_hash)"
                    " VALUES (1, 2, '1800000000,1,65,1800000300,2,130', 11),"
                    " (2, 2, '5,1,65,9000000000,4194304,130', NULL),"
                    " (3, 0, '', -4),"
                    " (4, 2, '1800000000,1,65', 5),"
                    " (5, 1, 'garbage,1,2', 6)"
                )
            )
        with engine.begin() as connection:
            upgrade(connection)
        head, rows = _read_timelines(engine)
    none = -(2**63)
    assert head == [(1, 2, 11), (2, 2, none), (3, 0, -4)]
    assert rows == [
        (1, 1_800_000_000, 1, 65),
        (1, 1_800_000_300, 2, 130),
        (2, 5, 1, 65),
        (2, 9_000_000_000, 4_194_304, 130),
    ]
