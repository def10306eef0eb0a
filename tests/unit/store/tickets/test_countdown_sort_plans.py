"""The list sorted by a countdown no summary column holds (next response, periodic
update, OLA) finds the running and paused ones among the tickets with a cycle not
stopped, from an index, instead of looking up every ticket's cycles: 0.85–1.5 s a page
of "All tickets" at a million tickets before (docs/perf/window.md). Checked on the plan
SQLite makes (the same on a small file as on the 1M demo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from slaworkbench.store.tickets import paging
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.store.workspace import open_workspace

NOW = 1_780_000_000


@pytest.mark.parametrize(
    ("sort", "segments", "index"),
    [
        (SortKey.NEXT_RESPONSE, (0, 1), "ix_ticket_clocks_metric_stopped_at"),
        (SortKey.PERIODIC_UPDATE, (0, 1), "ix_ticket_clocks_metric_stopped_at"),
        (SortKey.OLA, (0, 1, 2), "ix_ticket_ola_cycles_running"),
    ],
)
@pytest.mark.parametrize("view", [View.ALL, View.ALL_OPEN])
def test_the_cycles_not_stopped_are_found_from_an_index(
    tmp_path: Path, sort: SortKey, segments: tuple[int, ...], index: str, view: View
) -> None:
    query = TicketQuery(view=view, sort=sort)
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace, workspace.session() as session:
        conditions = paging.query_conditions(session, query, NOW)
        every = paging._ordered_segments(session, query, NOW)
        for number in segments:
            statement = paging._segment_ids(query, conditions, every[number], None).limit(200)
            sql = str(statement.compile(session.bind, compile_kwargs={"literal_binds": True}))
            plan = [
                str(row[3])
                for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
            ]
            assert not any(step.startswith("SCAN tickets") for step in plan), (number, plan)
            assert any(index in step for step in plan), (number, plan)
