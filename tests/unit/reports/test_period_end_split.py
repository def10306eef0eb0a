"""The report's "not stopped by the end of the period" split (running / paused / overdue)
is the clocks' state at the end of the period, derived from the events then — not their
state now."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slaworkbench.app.analytics.clocks import running_clocks
from slaworkbench.app.analytics.compliance import compliance_by_metric
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.importing.run import import_event_log
from slaworkbench.store.importing.presets import preset_from_dict
from slaworkbench.store.workspace import open_workspace

LOG = """Case,When,Status
WAITING,2026-03-02T09:00:00Z,New
WAITING,2026-03-02T10:00:00Z,Pending
WAITING,2026-04-10T09:00:00Z,Open
WORKING,2026-03-31T09:00:00Z,New
WORKING,2026-03-31T10:00:00Z,Open
WORKING,2026-04-10T09:00:00Z,Pending
"""
"""WAITING waits on the customer from 2 March to 10 April (paused through March, running
now); WORKING is worked on from 31 March (running then, paused now)."""
PRESET = {
    "name": "split",
    "columns": {"case_id": "Case", "timestamp": "When", "status": "Status"},
    "statuses": {"new": ["New"], "open": ["Open"], "pending": ["Pending"]},
}
MARCH = Filters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31), tz="UTC")


def test_the_split_is_the_state_at_the_end_of_the_period(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(LOG, encoding="utf-8")
    workspace = open_workspace(str(tmp_path / "ws.sqlite3"))
    try:
        import_event_log(workspace, path, preset_from_dict(PRESET))
        resolution = next(
            m for m in compliance_by_metric(workspace, MARCH) if m.metric == "resolution"
        )
        assert (resolution.paused, resolution.running, resolution.overdue) == (1, 1, 0)
        listed = {
            c.external_id: c.state_at_end
            for c in running_clocks(workspace, MARCH, limit=None).rows
            if c.metric == "resolution"
        }
        assert listed == {"WAITING": "paused", "WORKING": "running"}
    finally:
        workspace.close()
