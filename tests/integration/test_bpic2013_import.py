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
        assert summary.events_imported == summary.rows - len(summary.rejections)
        with ws.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM tickets")).scalar_one() == 7_554
            assert c.execute(text("SELECT count(*) FROM ticket_events")).scalar_one() == 65_533
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
