"""The demo escalates a share of tickets from the first line to the second (some through
a wrong team first), so the OLA cycles of every team show."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from slaworkbench.app.demo.catalogue import TEAMS
from slaworkbench.app.demo.tickets import FIRST_LINE
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.workspace import open_workspace

NOW = 1_780_000_000
MOVES = """
SELECT n, count(*) FROM (
  SELECT ticket_id, count(*) - 1 AS n FROM ticket_events WHERE field = 'team' GROUP BY 1
) GROUP BY n
"""
LAST_MOVE_IS_NOT_THE_TEAM = """
SELECT count(*) FROM tickets t JOIN teams m ON m.id = t.team_id
WHERE EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.field = 'team')
  AND m.name <> (SELECT e.value FROM ticket_events e WHERE e.ticket_id = t.id
                 AND e.field = 'team' ORDER BY e.at DESC, e.seq DESC LIMIT 1)
"""


def test_a_share_of_demo_tickets_moves_once_or_twice(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        generate_demo(ws, tickets=2000, seed=5, now=NOW)
        with ws.engine.connect() as c:
            moves = dict(c.execute(text(MOVES)).all())
            # About 0.62 (second-line categories) x 0.3 escalated; a fifth of them twice.
            assert 0.12 < (moves.get(1, 0) + moves.get(2, 0)) / 2000 < 0.26
            assert 0.15 < moves.get(2, 0) / (moves.get(1, 0) + moves[2]) < 0.3
            assert set(moves) <= {0, 1, 2}  # 0: escalated after the demo's "now"
            firsts = set(
                c.execute(
                    text("SELECT value FROM ticket_events WHERE field = 'team' AND seq = 2")
                ).scalars()
            )
            assert firsts == {FIRST_LINE}  # every escalation starts at the first line
            assert c.execute(text(LAST_MOVE_IS_NOT_THE_TEAM)).scalar_one() == 0
            teams_with_cycles = set(
                c.execute(
                    text(
                        "SELECT DISTINCT m.name FROM ticket_ola_cycles o"
                        " JOIN teams m ON m.id = o.team_id"
                    )
                ).scalars()
            )
            assert teams_with_cycles == set(TEAMS)
            # A ticket escalated through a wrong team has a cycle with each of three teams.
            assert (
                c.execute(
                    text(
                        "SELECT count(*) FROM (SELECT ticket_id FROM ticket_ola_cycles"
                        " GROUP BY 1 HAVING count(DISTINCT team_id) = 3)"
                    )
                ).scalar_one()
                > 0
            )
    finally:
        ws.close()
