"""``recompute --verify`` and ``slaworkbench check`` compare the stored OLA rows with a
fresh evaluation: a row edited or lost by hand is found, named and repaired, while a
workspace left alone (time passing included) is found whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from slaworkbench.app.check.summary import describe_report
from slaworkbench.app.check.workspace import check_workspace
from slaworkbench.app.recompute.run import recompute
from slaworkbench.cli.main import main
from slaworkbench.store.schema import Ticket, TicketOlaCycle, TicketOlaHold
from slaworkbench.store.workspace import Workspace
from tests.support.ola_workspace import HOUR, NOW, ola_workspace
from tests.support.twin_demos import demo_copy

DEMO_NOW = 1_775_001_600

Rows = list[tuple[object, ...]]


def _rows(workspace: Workspace, ticket_id: int) -> Rows:
    c = TicketOlaCycle
    with workspace.session() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    c.cycle_index, c.team_id, c.started_at, c.stopped_at, c.state, c.target,
                    c.due_at, c.breached_at, c.ola_version_id, c.holder_at_stop_id,
                )
                .where(c.ticket_id == ticket_id)
                .order_by(c.cycle_index)
            )
        ]  # fmt: skip


def _open_ticket_with(workspace: Workspace, *, stopped: bool) -> tuple[int, int]:
    """An open ticket with a running cycle (``stopped``: and a stopped one); the id of the
    running (or stopped) cycle."""
    c = TicketOlaCycle
    with workspace.session() as session:
        open_ids = select(Ticket.id).where(Ticket.status.in_(("open", "pending")))
        running = dict(
            session.execute(
                select(c.ticket_id, c.id).where(
                    c.ticket_id.in_(open_ids), c.stopped_at.is_(None), c.due_at.is_not(None)
                )
            ).all()
        )
        if not stopped:
            ticket_id = min(running)
            return ticket_id, running[ticket_id]
        for ticket_id, cycle_id in session.execute(
            select(c.ticket_id, c.id)
            .where(c.ticket_id.in_(list(running)), c.stopped_at.is_not(None))
            .order_by(c.ticket_id)
        ):
            return int(ticket_id), int(cycle_id)
    raise AssertionError("the seeded workspace has no such ticket")


@pytest.fixture
def workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    seeded = ola_workspace(tmp_path, tickets=80, seed=11)
    yield seeded.workspace
    seeded.workspace.close()


def test_a_verifying_recompute_names_and_repairs_an_edited_running_cycle(
    workspace: Workspace,
) -> None:
    # Left alone, a verifying run an hour later finds nothing (readings move, nothing else).
    assert recompute(workspace, now=NOW + HOUR, verify=True).ola_repaired == ()
    ticket_id, cycle_id = _open_ticket_with(workspace, stopped=False)
    whole = _rows(workspace, ticket_id)
    with workspace.session(write=True) as session:
        session.execute(
            update(TicketOlaCycle)
            .where(TicketOlaCycle.id == cycle_id)
            .values(target=1, due_at=TicketOlaCycle.due_at - 7 * HOUR)
        )
    assert _rows(workspace, ticket_id) != whole
    result = recompute(workspace, now=NOW + HOUR, verify=True)
    assert result.ola_repaired == (ticket_id,)
    assert [r[:4] + r[5:7] for r in _rows(workspace, ticket_id)] == [r[:4] + r[5:7] for r in whole]


def test_a_verifying_recompute_restores_a_lost_stopped_cycle_and_its_holds(
    workspace: Workspace,
) -> None:
    ticket_id, cycle_id = _open_ticket_with(workspace, stopped=True)
    whole = _rows(workspace, ticket_id)
    with workspace.session() as session:
        holds = sorted(
            session.execute(
                select(TicketOlaHold.agent_id, TicketOlaHold.seconds).where(
                    TicketOlaHold.cycle_id == cycle_id
                )
            ).all()
        )
    with workspace.session(write=True) as session:
        session.execute(delete(TicketOlaCycle).where(TicketOlaCycle.id == cycle_id))
    assert recompute(workspace, now=NOW, verify=True).ola_repaired == (ticket_id,)
    assert _rows(workspace, ticket_id) == whole
    with workspace.session() as session:
        restored = session.execute(
            select(TicketOlaCycle.id).where(
                TicketOlaCycle.ticket_id == ticket_id,
                TicketOlaCycle.cycle_index == next(r[0] for r in whole if r[3] is not None),
            )
        ).scalar_one()
        assert (
            sorted(
                session.execute(
                    select(TicketOlaHold.agent_id, TicketOlaHold.seconds).where(
                        TicketOlaHold.cycle_id == restored
                    )
                ).all()
            )
            == holds
        )


def test_check_reports_an_edited_ola_row_in_one_sentence_and_repairs_it(
    workspace: Workspace,
) -> None:
    assert check_workspace(workspace, now=NOW + HOUR).ok
    ticket_id, cycle_id = _open_ticket_with(workspace, stopped=False)
    whole = _rows(workspace, ticket_id)
    with workspace.session(write=True) as session:
        session.execute(
            update(TicketOlaCycle).where(TicketOlaCycle.id == cycle_id).values(started_at=1)
        )
    report = check_workspace(workspace, now=NOW + 2 * HOUR)
    assert not report.ok
    assert (report.ola_tickets_repaired, report.ola_repaired_ids) == (1, (ticket_id,))
    assert report.tickets_repaired == 0  # the SLA clocks were right
    sentences = [line for line in describe_report(report) if "(OLA)" in line]
    assert sentences == [
        "Repaired the team agreement (OLA) cycles of 1 open tickets that did not match "
        f"their events (ids {ticket_id})."
    ]
    assert [r[:4] for r in _rows(workspace, ticket_id)] == [r[:4] for r in whole]
    assert check_workspace(workspace, now=NOW + 2 * HOUR).ok


def test_slaworkbench_check_exits_1_on_an_edited_ola_row_then_0(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ticket_id, cycle_id = _open_ticket_with(workspace, stopped=False)
    with workspace.session(write=True) as session:
        session.execute(
            update(TicketOlaCycle).where(TicketOlaCycle.id == cycle_id).values(target=1)
        )
    path = str(tmp_path / "workspace.sqlite3")
    assert main(["check", "--database", path]) == 1
    assert f"(OLA) cycles of 1 open tickets that did not match their events (ids {ticket_id})" in (
        capsys.readouterr().err
    )
    assert main(["check", "--database", path]) == 0


def test_a_cycle_that_reached_its_risk_since_is_not_a_repair(tmp_path: Path) -> None:
    """A running cycle passes its risk instant with time alone (it becomes at risk and
    has no risk instant ahead any more): neither ``check`` nor a verifying recompute
    counts that as a stored row that did not match its events (the demo's terms warn
    before the due instant; the seeded workspace's do not)."""
    demo = demo_copy(tmp_path / "demo.sqlite3", tickets=400, seed=5, now=DEMO_NOW)
    c = TicketOlaCycle
    with demo.session() as session:
        open_ids = select(Ticket.id).where(Ticket.status.in_(("new", "open")))
        risk = session.execute(
            select(c.risk_at)
            .where(c.ticket_id.in_(open_ids), c.stopped_at.is_(None), c.risk_at.is_not(None))
            .order_by(c.risk_at)
            .limit(1)
        ).scalar()
    assert risk is not None and risk > DEMO_NOW
    report = check_workspace(demo, now=risk + 60)
    assert report.ok and report.ola_tickets_repaired == 0
    assert recompute(demo, now=risk + HOUR, verify=True).ola_repaired == ()
    demo.close()
