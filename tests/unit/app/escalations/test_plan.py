"""The escalation plan follows the tickets whose clocks were written since the last
refresh (never all of them again), and a policy change rebuilds it; a ticket not yet
moved to the version in force follows that version's rules."""

from __future__ import annotations

import copy
from pathlib import Path

from sqlalchemy import select

from slaworkbench.app.escalations.firing import fire_due
from slaworkbench.app.escalations.plan import forget_plan, plan_next, refresh_plan
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import Priority
from slaworkbench.store.policies.versions import load_active_policies, save_policy_version
from slaworkbench.store.schema import EscalationPlan, Ticket
from tests.support.escalation_workspace import ESCALATING_POLICY, HOUR, escalating_workspace
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


def _save_high_resolution(ws, now: int) -> int:  # type: ignore[no-untyped-def]
    """A new version of the policy whose only change is high's resolution target (it
    judges none of a normal ticket's cycles); returns the version id."""
    with ws.session(write=True) as session:
        (policy,) = [p for p in load_active_policies(session) if p.name == "Escalating"]
        spec = copy.deepcopy(ESCALATING_POLICY)
        spec["targets"]["high"]["resolution"] = "9h"
        save_policy_version(session, policy.id, spec, calendar_name="24/7", author="t", now=now)
        (saved,) = [p for p in load_active_policies(session) if p.name == "Escalating"]
        assert saved.version_id is not None
        return saved.version_id


def test_an_open_ticket_a_save_moves_without_rewriting_it_keeps_its_escalations(
    tmp_path: Path,
) -> None:
    """The save's rebuild runs while the ticket still names the version before (the
    breach monitor hears of the save first); the open-ticket recompute then gives it
    the new version without writing its summary, so no later refresh re-plans it.
    Its running cycle is judged by the version in force all along: planned, and fired."""
    ws, ticket = escalating_workspace(tmp_path, NOW)
    recompute(ws, only_open=False, now=NOW + 5)  # settled: the next save can move it
    assert plan_next(ws, now=NOW + 10) == NOW + 6 * HOUR
    planned = _planned(ws)
    assert planned == [(ticket, 1, NOW + 6 * HOUR), (ticket, 2, NOW + 8 * HOUR)]
    with ws.session() as session:
        stamped = session.execute(select(Ticket.evaluated_at).where(Ticket.id == ticket)).scalar()
    version = _save_high_resolution(ws, NOW + 20)
    assert plan_next(ws, rebuild=True, now=NOW + 21) == NOW + 6 * HOUR
    assert _planned(ws) == planned
    result = recompute(ws, now=NOW + 30)  # the open-ticket recompute the save queues
    assert result.moved == 1 and result.tickets == 0  # moved, its summary not rewritten
    with ws.session() as session:
        row = session.get(Ticket, ticket)
        assert row is not None and row.policy_version_id == version
        assert row.evaluated_at == stamped  # its readings are still those of then
    assert plan_next(ws, now=NOW + 40) == NOW + 6 * HOUR
    assert _planned(ws) == planned
    (fired,) = fire_due(ws, NOW + 6 * HOUR, late_before=NOW).fired
    assert (fired.ticket_id, fired.level) == (ticket, 1)


def test_a_rule_due_before_the_recompute_moves_the_ticket_fires(tmp_path: Path) -> None:
    """A planned rule due between a save and the recompute that moves the ticket fires:
    the ticket's row still names the version before, which the version in force
    replaced."""
    ws, ticket = escalating_workspace(tmp_path, NOW)
    recompute(ws, only_open=False, now=NOW + 5)
    plan_next(ws, now=NOW + 10)
    _save_high_resolution(ws, NOW + 6 * HOUR - 60)
    (fired,) = fire_due(ws, NOW + 6 * HOUR, late_before=NOW).fired
    assert (fired.ticket_id, fired.level) == (ticket, 1)
