"""The escalation plan follows the tickets whose clocks were written since the last
refresh (never all of them again), and a policy change rebuilds it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from slaworkbench.app.escalations.plan import forget_plan, refresh_plan
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import Priority
from slaworkbench.store.schema import EscalationPlan
from tests.support.escalation_workspace import HOUR, escalating_workspace
from tests.support.ticket_seeding import NOW


def _planned(ws) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    with ws.session() as session:
        rows = session.execute(
            select(EscalationPlan.ticket_id, EscalationPlan.level, EscalationPlan.at).order_by(
                EscalationPlan.ticket_id, EscalationPlan.level
            )
        )
        return [tuple(row) for row in rows]


def test_a_refresh_reads_only_the_tickets_written_since_the_last(tmp_path: Path) -> None:
    ws, first = escalating_workspace(tmp_path, NOW)
    with ws.session(write=True) as session:
        assert refresh_plan(session, now=NOW + 10) == 1  # the first refresh plans all
        assert refresh_plan(session, now=NOW + 11) == 0  # nothing written since
    assert _planned(ws) == [(first, 1, NOW + 6 * HOUR), (first, 2, NOW + 8 * HOUR)]
    second = create_ticket(
        ws, NewTicket("Later", Priority.HIGH, team="Support"), author="t", now=NOW + 20
    )
    with ws.session(write=True) as session:
        assert refresh_plan(session, now=NOW + 20) == 1  # only the new ticket
        # Written in the second the refresh ran in: read once more, then never again.
        assert refresh_plan(session, now=NOW + 21) == 1
        assert refresh_plan(session, now=NOW + 22) == 0
    assert (second, 1, NOW + 20 + 18900) in _planned(ws)  # 75 % of high's 7 h


def test_forgetting_the_plan_rebuilds_it_whole(tmp_path: Path) -> None:
    ws, _first = escalating_workspace(tmp_path, NOW)
    with ws.session(write=True) as session:
        refresh_plan(session, now=NOW + 10)
        session.execute(EscalationPlan.__table__.delete())
        assert refresh_plan(session, now=NOW + 11) == 0
        forget_plan(session)
        assert refresh_plan(session, now=NOW + 12) == 1
    assert len(_planned(ws)) == 2
