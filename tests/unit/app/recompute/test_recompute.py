"""The chunked recompute: every open ticket evaluated, chunks atomic, cancel between chunks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from slaworkbench.app.recompute.run import META_LAST_REBASELINE, needs_recompute, recompute
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.policy import select_policy
from slaworkbench.store.clocks.inputs import read_ticket_inputs
from slaworkbench.store.policies.versions import (
    list_policies,
    load_active_policies,
    save_policy_version,
)
from slaworkbench.store.schema import (
    META_POLICY_FINGERPRINT,
    Ticket,
    TicketClock,
    TicketEvent,
    WorkspaceMeta,
)
from slaworkbench.store.seed import standard_policy_spec
from slaworkbench.store.workspace import Workspace, open_workspace

T0 = int(dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC).timestamp())
NOW = T0 + 30 * 3600
PRIORITIES = ("urgent", "high", "normal", "low")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """300 tickets: every fifth solved, every seventh pending, some replied to."""
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        with ws.begin() as connection:
            tickets, events = [], []
            for n in range(1, 301):
                created = T0 + n * 60
                status = "solved" if n % 5 == 0 else "pending" if n % 7 == 0 else "open"
                tickets.append(
                    {
                        "id": n,
                        "subject": f"Ticket {n}",
                        "priority": PRIORITIES[n % 4],
                        "status": status,
                        "created_at": created,
                        "updated_at": created,
                    }
                )
                log = [("created", created, "new", PRIORITIES[n % 4])]
                if n % 3 == 0:
                    log.append(("agent_reply", created + 900, None, None))
                log.append(("status_changed", created + 1800, status, None))
                for seq, (kind, at, st, prio) in enumerate(log, start=1):
                    events.append(
                        {
                            "ticket_id": n,
                            "seq": seq,
                            "at": at,
                            "type": kind,
                            "author": "import",
                            "status": st,
                            "priority": prio,
                            "field": None,
                            "value": None,
                        }
                    )
            connection.execute(insert(Ticket), tickets)
            connection.execute(insert(TicketEvent), events)
        yield ws


def _meta(ws: Workspace, key: str) -> str | None:
    with ws.session() as session:
        row = session.get(WorkspaceMeta, key)
        return None if row is None else row.value


def test_recompute_evaluates_every_open_ticket_like_the_single_ticket_engine(
    workspace: Workspace,
) -> None:
    assert needs_recompute(workspace)
    calls: list[tuple[int, int]] = []
    result = recompute(
        workspace, chunk_size=64, now=NOW, progress=lambda d, t: calls.append((d, t))
    )
    assert result.total == 240 and result.tickets == 240 and not result.cancelled
    assert calls[0] == (0, 240) and calls[-1] == (240, 240)
    assert len(calls) == 1 + 4  # 64+64+64+48
    assert not needs_recompute(workspace)
    assert _meta(workspace, META_POLICY_FINGERPRINT) == result.fingerprint

    with workspace.session() as session:
        policies = load_active_policies(session)
        solved = session.execute(
            select(func.count(Ticket.id)).where(
                Ticket.status == "solved", Ticket.evaluated_at.is_not(None)
            )
        ).scalar()
        assert solved == 0  # closed history is left alone
        sample = [1, 7, 33, 299]
        for item in read_ticket_inputs(session, sample):
            expected = evaluate_ticket(item.events, select_policy(policies, item.facts), NOW)
            row = session.get(Ticket, item.ticket_id)
            assert row is not None
            assert row.evaluated_at == NOW
            assert row.next_due_at == expected.next_due_at
            cycles = session.execute(
                select(func.count(TicketClock.id)).where(TicketClock.ticket_id == item.ticket_id)
            ).scalar()
            assert cycles == sum(len(r.cycles) for r in expected.results.values())
        breached = session.execute(
            select(func.count(Ticket.id)).where(Ticket.sla_state == "breached")
        ).scalar()
    assert breached == result.breached > 0


def test_a_cancel_between_chunks_keeps_whole_chunks_and_no_fingerprint(
    workspace: Workspace,
) -> None:
    polls = iter([False, False, True])
    result = recompute(workspace, chunk_size=50, now=NOW, cancelled=lambda: next(polls))
    assert result.cancelled and result.tickets == 100
    with workspace.session() as session:
        evaluated = session.execute(
            select(func.count(Ticket.id)).where(Ticket.evaluated_at == NOW)
        ).scalar()
    assert evaluated == 100
    assert _meta(workspace, META_POLICY_FINGERPRINT) is None
    assert needs_recompute(workspace)


def test_a_policy_save_makes_a_recompute_due_and_rebaseline_is_recorded(
    workspace: Workspace,
) -> None:
    recompute(workspace, now=NOW)
    with workspace.session(write=True) as session:
        (policy,) = list_policies(session)
        save_policy_version(
            session, policy.id, standard_policy_spec(), calendar_name="24/7", author="Mo"
        )
    assert needs_recompute(workspace)
    result = recompute(workspace, only_open=False, now=NOW, author="Mo", reason="audit")
    assert result.total == 300 and result.tickets == 300
    record = json.loads(_meta(workspace, META_LAST_REBASELINE) or "{}")
    assert record == {"at": NOW, "author": "Mo", "reason": "audit", "tickets": 300}
    with workspace.session() as session:
        versions = set(session.execute(select(Ticket.policy_version_id)).scalars())
    assert len(versions) == 1 and None not in versions
