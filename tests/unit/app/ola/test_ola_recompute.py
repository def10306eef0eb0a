"""The recompute stores every ticket's OLA cycles as the engine gives them, and keeps a
stopped cycle's verdict until a re-baseline."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select, text

from slaworkbench.app.ola.terms import TeamOlaEdit, load_team_olas_screen, save_team_terms
from slaworkbench.app.recompute.derived import META_DERIVED_INPUTS
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.edits import FieldValues, apply_edit
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.ola import TeamOla, evaluate_olas
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.schema import (
    Agent,
    Team,
    Ticket,
    TicketOlaCycle,
    TicketOlaHold,
    WorkspaceMeta,
)
from tests.support.derived_rows import HELD_OLA_PIECES
from tests.support.office_workspace import OFFICE
from tests.support.ola_workspace import APPS_TARGETS, DESK_TARGETS, NOW, ola_workspace


def _stored(workspace, ticket_id=None):  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        query = (
            select(TicketOlaCycle, Team.name, Agent.name)
            .join(Team, Team.id == TicketOlaCycle.team_id)
            .outerjoin(Agent, Agent.id == TicketOlaCycle.holder_at_stop_id)
            .order_by(TicketOlaCycle.ticket_id, TicketOlaCycle.cycle_index)
        )
        if ticket_id is not None:
            query = query.where(TicketOlaCycle.ticket_id == ticket_id)
        rows = session.execute(query).all()
        holds: dict[int, dict[str | None, int]] = {}
        for cycle_id, name, seconds in session.execute(
            text(
                f"SELECT h.cycle_id, a.name, SUM(h.seconds) FROM {HELD_OLA_PIECES} h"
                " LEFT JOIN agents a ON a.id = h.agent_id GROUP BY h.cycle_id, a.name"
            )
        ).all():
            holds.setdefault(cycle_id, {})[name] = int(seconds)
        return [
            (
                row.ticket_id, row.cycle_index, team, row.started_at, row.stopped_at,
                row.state, row.target, row.elapsed, row.due_at, row.breached_at, holder,
                holds.get(row.id, {}),
            )
            for row, team, holder in rows
        ]  # fmt: skip


def test_the_stored_cycles_are_the_engines(tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path)
    office = BusinessCalendar.from_dict(OFFICE)
    olas = {
        "Desk": TeamOla("Desk", DESK_TARGETS, office),
        "Apps": TeamOla("Apps", APPS_TARGETS, office),
    }
    expected = []
    for ticket_id, events in sorted(seeded.logs.items()):
        for cycle in evaluate_olas(events, olas, NOW):
            expected.append(
                (
                    ticket_id, cycle.index, cycle.team, cycle.started_at, cycle.stopped_at,
                    cycle.state.value, cycle.target, cycle.elapsed, cycle.due_at,
                    cycle.breached_at, cycle.holder_at_stop, dict(cycle.held),
                )
            )  # fmt: skip
    stored = _stored(seeded.workspace)
    assert len(stored) > 40
    assert {row[2] for row in stored} == {"Desk", "Apps"}  # Network has no OLA
    assert stored == expected


def test_a_stopped_cycle_keeps_its_verdict_until_a_re_baseline(tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path)
    before = [row for row in _stored(seeded.workspace) if row[2] == "Desk"]
    stopped = [row for row in before if row[4] is not None]
    assert stopped and any(row[6] > 60 for row in stopped)
    desk = next(i for i in load_team_olas_screen(seeded.workspace).teams if i.team == "Desk")
    assert desk.version == 1
    tighter = TeamOlaEdit(desk.team_id, {p: 60 for p in Priority}, 0.25, "Office", 1)
    save_team_terms(seeded.workspace, tighter, author="lead", reason="tighter", now=NOW)

    recompute(seeded.workspace, now=NOW + 60)  # open tickets only, as after a save
    after = {(row[0], row[3]): row for row in _stored(seeded.workspace) if row[2] == "Desk"}
    for row in stopped:
        assert after[(row[0], row[3])][1:] == row[1:]  # the verdict as it was judged
    open_rows = [row for row in after.values() if row[4] is None]
    assert open_rows and all(row[6] == 60 for row in open_rows)

    recompute(seeded.workspace, only_open=False, now=NOW + 60, author="lead", reason="rebase")
    rebased = [row for row in _stored(seeded.workspace) if row[2] == "Desk"]
    assert rebased and all(row[6] == 60 for row in rebased)


def test_a_ticket_change_writes_its_ola_cycles_at_once(tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path)
    running = [r for r in _stored(seeded.workspace) if r[4] is None and r[5] != "paused"]
    ticket_id = running[0][0]
    with seeded.workspace.session() as session:
        version = session.execute(select(Ticket.version).where(Ticket.id == ticket_id)).scalar_one()
    apply_edit(
        seeded.workspace,
        ticket_id,
        FieldValues(status=Status.SOLVED),
        author="ana",
        expected_version=version,
        now=NOW + 600,
    )
    after = _stored(seeded.workspace, ticket_id)
    assert after[-1][3] == running[0][3] and after[-1][4] == NOW + 600  # stopped by the solve
    assert all(row[4] is not None for row in after)


def test_a_running_cycle_whose_holds_alone_differ_is_rewritten(tmp_path: Path) -> None:
    """The recompute compares an unfinished cycle's holds as well as its values: holds
    that differ while every value is the same (here moved to another agent behind the
    program's back) are replaced by the engine's. (A recompute trusts the derived rows of
    a ticket whose events and terms did not change, ``app.recompute.derived``: without
    the record of those terms it evaluates every open ticket, as after an edit of them.)"""
    seeded = ola_workspace(tmp_path)
    right = _stored(seeded.workspace)
    with seeded.workspace.session(write=True) as session:
        held = session.execute(
            select(TicketOlaHold.cycle_id, TicketOlaHold.piece, TicketOlaHold.agent_id)
            .join(TicketOlaCycle, TicketOlaCycle.id == TicketOlaHold.cycle_id)
            .where(TicketOlaCycle.stopped_at.is_(None), TicketOlaHold.agent_id.is_not(None))
            .order_by(TicketOlaHold.cycle_id, TicketOlaHold.piece)
        ).first()
        assert held is not None
        other = session.execute(
            select(Agent.id).where(Agent.id != held.agent_id).order_by(Agent.id).limit(1)
        ).scalar_one()
        hold = session.get(TicketOlaHold, (held.cycle_id, held.piece))
        assert hold is not None
        hold.agent_id = other
    assert _stored(seeded.workspace) != right
    with seeded.workspace.session(write=True) as session:
        session.execute(delete(WorkspaceMeta).where(WorkspaceMeta.key == META_DERIVED_INPUTS))
    recompute(seeded.workspace, now=NOW)  # open tickets only, at the instant they were judged
    assert _stored(seeded.workspace) == right
