"""The compliance report counts escalations per policy and priority: equal to an
independent SQL count of the log, shown under its own heading."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import text

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.escalations.firing import fire_due
from slaworkbench.app.escalations.plan import plan_next
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import Priority
from slaworkbench.reports.blocks import Heading, Table
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.reports.csv_out import render_csv
from slaworkbench.reports.document import build_document
from tests.support.escalation_workspace import HOUR, escalating_workspace
from tests.support.ticket_seeding import NOW


def test_the_report_counts_the_escalations_fired_in_the_period(
    qapp: object, tmp_path: Path
) -> None:
    ws, _first = escalating_workspace(tmp_path, NOW)
    create_ticket(ws, NewTicket("Second", Priority.NORMAL, team="Support"), author="t", now=NOW)
    create_ticket(ws, NewTicket("Third", Priority.HIGH, team="Support"), author="t", now=NOW)
    for hours in (6, 7, 8):  # 75 % and 100 % of normal's 8 h and high's 7 h
        plan_next(ws)
        fire_due(ws, NOW + hours * HOUR, late_before=NOW + 7 * HOUR)
    day = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
    filters = Filters(day, day + dt.timedelta(days=1))
    data = build_report(ws, ReportOptions(filters), workspace="W", now=NOW + 9 * HOUR)
    with ws.session() as session:
        expected = [
            tuple(row)
            for row in session.execute(
                text(
                    "SELECT p.name, e.priority, COUNT(*), SUM(e.late), COUNT(DISTINCT e.ticket_id)"
                    " FROM escalations e JOIN policies p ON p.id = e.policy_id"
                    " GROUP BY p.name, e.priority ORDER BY p.name, CASE e.priority"
                    " WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END"
                )
            )
        ]
    got = [(c.policy, c.priority, c.fired, c.late, c.tickets) for c in data.escalations]
    assert got == expected
    # Two levels on each normal ticket; the high one is raised to urgent at level 1, and
    # the policy does not measure urgent: its level 2 has no cycle to fire on.
    assert sum(c.fired for c in data.escalations) == 5
    assert {c.priority for c in data.escalations} == {"normal", "high"}
    blocks = build_document(data).blocks
    heading = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Escalations"
    )
    table = blocks[heading + 1]
    assert isinstance(table, Table) and len(table.rows) == len(expected)
    csv = render_csv(data)
    assert "escalations\r\npolicy,priority,fired,late,tickets\r\n" in csv
    for name, priority, fired, late, tickets in expected:
        assert f"{name},{priority},{fired},{late},{tickets}\r\n" in csv
    # A period before anything fired counts none.
    earlier = Filters(day - dt.timedelta(days=3), day - dt.timedelta(days=2))
    assert build_report(ws, ReportOptions(earlier), workspace="W", now=NOW).escalations == ()
