"""A customer's stopped cycles of a few metrics are read from the customer's tickets by
the clocks' key, not from those metrics' stops of every customer (which SQLite's planner
chose at a million tickets: 7.7 s against 1.6 s for the largest customer's year)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from slaworkbench.store.agreements.clock_facts import stopped_clocks
from slaworkbench.store.schema import CLOCK_KEY_INDEX
from slaworkbench.store.workspace import open_workspace


def test_a_customers_cycles_are_read_by_the_clocks_key(tmp_path: Path) -> None:
    seen: list[str] = []
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace, workspace.session() as session:
        connection = session.connection()
        driver: Any = connection.connection.dbapi_connection
        driver.set_trace_callback(seen.append)  # the SQL as SQLite runs it
        try:
            found = stopped_clocks(
                session,
                0,
                2_000_000_000,
                customer="Acme",
                metrics={"first_response", "resolution"},
            )
        finally:
            driver.set_trace_callback(None)
        assert len(found) == 0
        sql = next(text for text in reversed(seen) if "ticket_clocks" in text)
        plan = [str(row[3]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    assert any(f"USING INDEX {CLOCK_KEY_INDEX} (ticket_id=? AND metric_code=?)" in step
               for step in plan), plan  # fmt: skip
