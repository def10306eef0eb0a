"""A rule at 75 % fires at its instant exactly once, writes its event, raises the
priority, and the clocks re-target; two desktops fire it once between them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from slaworkbench.app.escalations.firing import fire_due, fire_one
from slaworkbench.app.escalations.plan import next_instant, refresh_plan
from slaworkbench.domain.model import Metric
from slaworkbench.store.schema import Escalation, Ticket, TicketEvent
from slaworkbench.store.workspace import open_workspace
from tests.support.escalation_workspace import HOUR, escalating_workspace, resolution_clock
from tests.support.ticket_seeding import NOW


def _plan(ws) -> int | None:  # type: ignore[no-untyped-def]
    with ws.session(write=True) as session:
        refresh_plan(session)
        return next_instant(session)


def test_the_75_percent_rule_fires_once_at_its_instant_and_re_targets(tmp_path: Path) -> None:
    ws, ticket_id = escalating_workspace(tmp_path, NOW)
    assert resolution_clock(ws, ticket_id) == ("normal", 8 * HOUR, NOW + 8 * HOUR, "running")
    assert _plan(ws) == NOW + 6 * HOUR  # 75 % of 8 h

    assert fire_due(ws, NOW + 6 * HOUR - 1, late_before=NOW).fired == ()
    result = fire_due(ws, NOW + 6 * HOUR, late_before=NOW)
    (fired,) = result.fired
    assert (fired.ticket_id, fired.level, fired.due_at, fired.late) == (
        ticket_id,
        1,
        NOW + 6 * HOUR,
        False,
    )
    assert fired.notify == ("Lena Lead",)
    # The priority went up one step and the resolution clock re-targeted to high's 7 h.
    assert resolution_clock(ws, ticket_id) == ("high", 7 * HOUR, NOW + 7 * HOUR, "running")
    with ws.session() as session:
        events = session.execute(
            select(TicketEvent.type, TicketEvent.author, TicketEvent.field, TicketEvent.priority)
            .where(TicketEvent.ticket_id == ticket_id, TicketEvent.author == "escalation")
            .order_by(TicketEvent.seq)
        ).all()
        version = session.execute(select(Ticket.version).where(Ticket.id == ticket_id)).scalar()
    assert [tuple(row) for row in events] == [
        ("field_changed", "escalation", "escalation", None),
        ("priority_changed", "escalation", None, "high"),
    ]
    assert version == 2
    # Level 1 is done for this cycle; level 2 (100 %) is now due at the new due instant.
    assert _plan(ws) == NOW + 7 * HOUR
    assert fire_due(ws, NOW + 6 * HOUR + 5, late_before=NOW).fired == ()

    (second,) = fire_due(ws, NOW + 7 * HOUR, late_before=NOW).fired
    assert second.level == 2 and second.notify == ("Lena Lead",)
    with ws.session() as session:
        tags = session.execute(select(Ticket.tags).where(Ticket.id == ticket_id)).scalar()
        levels = session.execute(select(Escalation.level).order_by(Escalation.level)).scalars()
        assert list(levels) == [1, 2]
    assert tags == "escalated"
    assert _plan(ws) is None


def test_a_rule_due_before_the_program_started_fires_late_once(tmp_path: Path) -> None:
    ws, _ticket_id = escalating_workspace(tmp_path, NOW)
    _plan(ws)
    started = NOW + 6 * HOUR + 600  # the program opened ten minutes after the instant
    (fired,) = fire_due(ws, started, late_before=started).fired
    assert fired.late and fired.due_at == NOW + 6 * HOUR and fired.fired_at == started
    with ws.session() as session:
        late = session.execute(select(Escalation.late, Escalation.rule)).one()
    assert late.late and "late" in late.rule
    assert fire_due(ws, started, late_before=started).fired == ()


def test_two_desktops_fire_a_rule_once_between_them(tmp_path: Path) -> None:
    ws, ticket_id = escalating_workspace(tmp_path, NOW)
    _plan(ws)
    other = open_workspace(str(tmp_path / "workspace.sqlite3"))
    try:
        # Both desktops read the same plan row; the second finds the firing recorded.
        first = fire_due(ws, NOW + 6 * HOUR, late_before=NOW)
        with other.session(write=True) as session:
            policy_id = session.execute(select(Escalation.policy_id)).scalar_one()
            again = fire_one(
                session,
                ticket_id,
                Metric.RESOLUTION,
                0,
                policy_id,
                1,
                NOW + 6 * HOUR,
                now=NOW + 6 * HOUR,
                late=False,
            )
    finally:
        other.close()
    assert len(first.fired) == 1 and again is None
    with ws.session() as session:
        count = len(session.execute(select(Escalation.id)).all())
    assert count == 1
