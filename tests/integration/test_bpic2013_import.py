"""The real BPI Challenge 2013 incident log through the shipped preset."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from slaworkbench.app.importing.run import import_event_log
from slaworkbench.store.workspace import open_workspace


def test_bpic2013_imports_every_incident(tmp_path: Path, bpic2013_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        summary = import_event_log(ws, bpic2013_path, "bpic2013")
        assert summary.rejections == ()
        assert summary.rows == 65_533
        assert summary.tickets_imported == 7_554
        # One event per row, plus the team moves: 3,820 incidents move between support
        # teams ("Involved ST"), each with its first team written at creation (3,820
        # events more); 9,454 rows move one, 1,848 of them besides a status change or a
        # reply of their own (a row that only moves gives the move alone). Every incident
        # is assigned at creation to the first row's resource (7,554 events), and 16,993
        # rows hand it to another resource with a status change or a reply of their own.
        moves = 3_820 + 9_454
        events = summary.rows + 3_820 + 1_848 + 7_554 + 16_993
        assert summary.events_imported == events == 95_748
        with ws.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM tickets")).scalar_one() == 7_554
            assert c.execute(text("SELECT count(*) FROM ticket_events")).scalar_one() == events
            # Each incident's assignee is the one its events name last.
            assert (
                c.execute(
                    text(
                        "SELECT count(*) FROM tickets t JOIN agents a ON a.id = t.assignee_id"
                        " WHERE a.name IS NOT (SELECT e.value FROM ticket_events e"
                        "  WHERE e.ticket_id = t.id AND e.type = 'assigned'"
                        "  ORDER BY e.seq DESC LIMIT 1)"
                    )
                ).scalar_one()
                == 0
            )
            assert c.execute(
                text(
                    "SELECT count(*), count(DISTINCT ticket_id) FROM ticket_events"
                    " WHERE type = 'field_changed' AND field = 'team'"
                )
            ).one() == (moves, 3_820)
            # A moved incident's last move names the team it is with.
            assert (
                c.execute(
                    text(
                        "SELECT count(*) FROM tickets t JOIN teams m ON m.id = t.team_id"
                        " WHERE m.name <> (SELECT e.value FROM ticket_events e"
                        "  WHERE e.ticket_id = t.id AND e.field = 'team'"
                        "  ORDER BY e.at DESC, e.seq DESC LIMIT 1)"
                    )
                ).scalar_one()
                == 0
            )
            priorities = dict(
                c.execute(text("SELECT priority, count(*) FROM tickets GROUP BY 1")).all()
            )
            assert set(priorities) == {"urgent", "high", "normal", "low"}
            # Every incident starts with a 'created' event; the reopening 'Unmatched' rows
            # move a solved incident back to open.
            assert (
                c.execute(
                    text("SELECT count(*) FROM ticket_events WHERE seq = 1 AND type = 'created'")
                ).scalar_one()
                == 7_554
            )
            assert (
                c.execute(
                    text("SELECT count(*) FROM tickets WHERE status IN ('solved', 'closed')")
                ).scalar_one()
                > 7_500
            )
        again = import_event_log(ws, bpic2013_path, "bpic2013")
        assert again.tickets_imported == 0 and again.tickets_skipped == 7_554
    finally:
        ws.close()
