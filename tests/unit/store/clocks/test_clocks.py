"""Writing evaluations: clocks and the list summary are replaced together, in batches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from slaworkbench.domain.model import (
    ClockState,
    Cycle,
    Metric,
    MetricResult,
    TicketEvaluation,
)
from slaworkbench.store.clocks.ticket import summarize, write_evaluations
from slaworkbench.store.schema import Ticket, TicketClock
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_700_100_000


def _cycle(
    metric: Metric,
    state: ClockState,
    *,
    index: int = 0,
    at_risk: bool = False,
    stopped: bool = False,
    due: int | None = NOW + 100,
    risk: int | None = None,
) -> Cycle:
    return Cycle(
        metric=metric,
        index=index,
        started_at=NOW - 1000,
        stopped_at=NOW - 10 if stopped else None,
        state=state,
        target=3600,
        elapsed=1000,
        remaining=2600,
        due_at=due,
        breached_at=None,
        at_risk=at_risk,
        risk_at=risk,
    )


def _evaluation(*cycles: Cycle, policy: bool = True) -> TicketEvaluation:
    results: dict[Metric, list[Cycle]] = {}
    for cycle in cycles:
        results.setdefault(cycle.metric, []).append(cycle)
    return TicketEvaluation(
        NOW,
        1 if policy else None,
        1 if policy else None,
        "24/7" if policy else None,
        {m: MetricResult(m, tuple(c)) for m, c in results.items()},
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        with ws.begin() as connection:
            connection.execute(
                insert(Ticket),
                [
                    {
                        "id": n,
                        "subject": "",
                        "priority": "normal",
                        "status": "open",
                        "created_at": NOW,
                        "updated_at": NOW,
                    }
                    for n in range(1, 1201)
                ],
            )
        yield ws


def test_summary_ranks_breached_over_at_risk_over_running_over_paused() -> None:
    fr, res = Metric.FIRST_RESPONSE, Metric.RESOLUTION
    assert summarize(_evaluation(policy=False)).sla_state == "none"
    assert summarize(_evaluation(_cycle(res, ClockState.PAUSED, due=None))).sla_state == "paused"
    running = _evaluation(_cycle(fr, ClockState.RUNNING, risk=NOW + 50))
    assert summarize(running).sla_state == "ok"
    assert summarize(running).next_risk_at == NOW + 50
    risky = _evaluation(
        _cycle(fr, ClockState.RUNNING, at_risk=True), _cycle(res, ClockState.PAUSED)
    )
    assert summarize(risky).sla_state == "at_risk"
    assert summarize(risky).first_response[0] == "at_risk"
    late = _evaluation(
        _cycle(fr, ClockState.BREACHED, stopped=True), _cycle(res, ClockState.RUNNING)
    )
    assert summarize(late).sla_state == "breached"
    done = _evaluation(_cycle(fr, ClockState.ACHIEVED, stopped=True, due=None))
    assert summarize(done).sla_state == "achieved"


def test_write_replaces_every_ticket_clock_and_summary(workspace: Workspace) -> None:
    first = [
        (
            n,
            _evaluation(
                _cycle(Metric.FIRST_RESPONSE, ClockState.RUNNING),
                _cycle(Metric.NEXT_RESPONSE, ClockState.RUNNING, index=0),
                _cycle(Metric.NEXT_RESPONSE, ClockState.BREACHED, index=1),
            ),
        )
        for n in range(1, 1201)
    ]
    with workspace.session(write=True) as session:
        write_evaluations(session, first, {(1, 1): 1}, [None] * len(first))
    with workspace.session() as session:
        assert session.execute(select(func.count(TicketClock.id))).scalar() == 3600
        row = session.get(Ticket, 1200)
        assert row is not None
        assert (row.sla_state, row.policy_version_id, row.next_due_at) == ("breached", 1, NOW + 100)
        assert (row.first_response_state, row.first_response_target) == ("running", 3600)
        assert row.resolution_state is None

    second = [(n, _evaluation(policy=False)) for n in range(1, 601)]
    with workspace.session(write=True) as session:
        write_evaluations(session, second, {}, [None] * len(second))
    with workspace.session() as session:
        assert session.execute(select(func.count(TicketClock.id))).scalar() == 1800
        row = session.get(Ticket, 600)
        assert row is not None
        assert (row.sla_state, row.policy_version_id, row.first_response_state) == (
            "none",
            None,
            None,
        )
