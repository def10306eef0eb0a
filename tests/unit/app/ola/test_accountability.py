"""Who holds the clock: OLA compliance per team and per agent equal an independent SQL
computation over the stored cycles (written here, not shared with the code under test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import text

from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.ola.accountability import ola_accountability
from tests.support.derived_rows import HELD_OLA_PIECES
from tests.support.ola_workspace import ola_workspace

PERIOD = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31))

PER_TEAM = """
SELECT t.name, COUNT(*), SUM(CASE WHEN c.state = 'achieved' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.state = 'breached' THEN 1 ELSE 0 END)
FROM ticket_ola_cycles c JOIN teams t ON t.id = c.team_id
WHERE c.stopped_at >= :start AND c.stopped_at < :end
GROUP BY t.name
"""
PER_AGENT_AT_STOP = """
SELECT a.name, COUNT(*), SUM(CASE WHEN c.state = 'achieved' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.state = 'breached' THEN 1 ELSE 0 END)
FROM ticket_ola_cycles c LEFT JOIN agents a ON a.id = c.holder_at_stop_id
WHERE c.stopped_at >= :start AND c.stopped_at < :end
GROUP BY a.name
"""
PER_AGENT_WHILE_RUNNING = f"""
SELECT a.name, COUNT(DISTINCT c.id),
       COUNT(DISTINCT CASE WHEN c.state = 'achieved' THEN c.id END),
       COUNT(DISTINCT CASE WHEN c.state = 'breached' THEN c.id END),
       SUM(h.seconds)
FROM ticket_ola_cycles c JOIN {HELD_OLA_PIECES} h ON h.cycle_id = c.id
LEFT JOIN agents a ON a.id = h.agent_id
WHERE c.stopped_at >= :start AND c.stopped_at < :end AND h.seconds > 0
GROUP BY a.name
"""


def _sql(workspace, statement: str):  # type: ignore[no-untyped-def]
    start, end = period_bounds(PERIOD)
    with workspace.session() as session:
        rows = session.execute(text(statement), {"start": start, "end": end}).all()
    return {row[0]: tuple(int(v) for v in row[1:]) for row in rows}


def test_compliance_per_team_and_per_agent_equals_sql(tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path, tickets=120)
    figures = ola_accountability(seeded.workspace, PERIOD)

    teams = {f.name: (f.cycles, f.achieved, f.breached) for f in figures.teams if f.cycles}
    assert teams == _sql(seeded.workspace, PER_TEAM)
    assert set(teams) == {"Desk", "Apps"} and all(t[2] for t in teams.values())

    at_stop = {f.name: (f.cycles, f.achieved, f.breached) for f in figures.agents_at_stop}
    assert at_stop == _sql(seeded.workspace, PER_AGENT_AT_STOP)
    assert len(at_stop) >= 3

    while_running = _sql(seeded.workspace, PER_AGENT_WHILE_RUNNING)
    assert {f.name: (f.cycles, f.achieved, f.breached) for f in figures.agents_while_running} == {
        name: row[:3] for name, row in while_running.items()
    }
    for f in figures.agents_while_running:
        assert f.compliance == f.achieved / f.cycles
        assert f.median is not None and f.p90 is not None and f.median <= f.p90
        assert f.p90 <= while_running[f.name][3]


def test_one_team_only(tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path)
    figures = ola_accountability(
        seeded.workspace, Filters(PERIOD.date_from, PERIOD.date_to, "Apps")
    )
    assert [f.name for f in figures.teams] == ["Apps"]
