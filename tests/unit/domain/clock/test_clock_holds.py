"""Who held an SLA clock (``domain.clock.holds``): a cycle's holds add up to its elapsed
business time, and equal the minute-by-minute attribution of the reference, on random
histories with assignments, team moves, pauses and reopenings."""

from __future__ import annotations

import numpy as np
from hypothesis import given

from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.clock.holds import RUNS_BY_METRIC, ClockHolds, HeldCycles, clock_holds
from slaworkbench.domain.clock.ola_columns import ola_columns_of
from slaworkbench.domain.model import TEAM_FIELD, Cycle, Event, EventType, Metric, Priority, Status
from slaworkbench.domain.policy import Conditions, Policy
from tests.support.clock_reference import ALWAYS, MONDAY, policies
from tests.support.examples import share_of_examples
from tests.support.hold_reference import Holder, reference_holds
from tests.support.ola_reference import AGENTS, TEAMS, handover_logs

Log = tuple[list[Event], int]


def _holds(events: list[Event], policy: Policy, now: int) -> tuple[list[Cycle], ClockHolds]:
    evaluation = evaluate_ticket(events, policy, now)
    cycles = [c for result in evaluation.results.values() for c in result.cycles]
    held = HeldCycles(
        ticket=np.zeros(len(cycles), dtype=np.int64),
        started_at=np.array([c.started_at for c in cycles], dtype=np.int64),
        ends_at=np.array(
            [now if c.stopped_at is None else c.stopped_at for c in cycles], dtype=np.int64
        ),
        stopped=np.array([c.stopped_at is not None for c in cycles], dtype=bool),
        runs=np.array([RUNS_BY_METRIC[c.metric] for c in cycles], dtype=np.int64),
        pauses=np.zeros(len(cycles), dtype=np.int64),
        calendar=np.zeros(len(cycles), dtype=np.int64),
    )
    columns = ola_columns_of([events], TEAMS, AGENTS)
    return cycles, clock_holds(columns, 1, held, [policy.pause_statuses], [policy.calendar], now)


def _by_cycle(holds: ClockHolds, row: int) -> dict[Holder, int]:
    mask = holds.cycle == row
    return {
        (None if a < 0 else AGENTS[a], None if t < 0 else TEAMS[t]): int(s)
        for a, t, s in zip(
            holds.agent[mask].tolist(), holds.team[mask].tolist(), holds.seconds[mask].tolist(),
            strict=True,
        )
    }  # fmt: skip


def _at_stop(holds: ClockHolds, row: int, cycle: Cycle) -> Holder | None:
    if cycle.stopped_at is None:
        return None
    agent, team = int(holds.stop_agent[row]), int(holds.stop_team[row])
    return (None if agent < 0 else AGENTS[agent], None if team < 0 else TEAMS[team])


@share_of_examples(0.5)
@given(handover_logs(customer_replies=True), policies())
def test_holds_sum_to_the_elapsed_time(log: Log, policy: Policy) -> None:
    events, now = log
    cycles, holds = _holds(events, policy, now)
    for row, cycle in enumerate(cycles):
        assert sum(_by_cycle(holds, row).values()) == cycle.elapsed


@share_of_examples(0.5)
@given(handover_logs(customer_replies=True), policies())
def test_holds_equal_the_minute_reference(log: Log, policy: Policy) -> None:
    events, now = log
    cycles, holds = _holds(events, policy, now)
    for row, cycle in enumerate(cycles):
        expected, at_stop = reference_holds(events, cycle, policy, now)
        assert _by_cycle(holds, row) == {h: s for h, s in expected.items() if s}
        assert _at_stop(holds, row, cycle) == at_stop


HOUR = 3600


def test_a_resolution_is_split_by_holder_and_paused_time_is_nobodys() -> None:
    policy = Policy(
        id=1,
        name="P",
        version=1,
        active=True,
        conditions=Conditions(),
        targets={p: {Metric.RESOLUTION: 10 * HOUR} for p in Priority},
        calendar=ALWAYS,
    )
    events = [
        Event(MONDAY, EventType.CREATED, status=Status.OPEN),
        Event(MONDAY, EventType.FIELD_CHANGED, field=TEAM_FIELD, value="Desk"),
        Event(MONDAY + HOUR, EventType.ASSIGNED, value="ana"),
        Event(MONDAY + 2 * HOUR, EventType.STATUS_CHANGED, status=Status.PENDING),
        Event(MONDAY + 3 * HOUR, EventType.ASSIGNED, value="bo"),
        Event(MONDAY + 4 * HOUR, EventType.STATUS_CHANGED, status=Status.OPEN),
        Event(MONDAY + 5 * HOUR, EventType.FIELD_CHANGED, field=TEAM_FIELD, value="Apps"),
        Event(MONDAY + 6 * HOUR, EventType.STATUS_CHANGED, status=Status.SOLVED),
        Event(MONDAY + 6 * HOUR, EventType.ASSIGNED, value="cy"),
    ]
    cycles, holds = _holds(events, policy, MONDAY + 8 * HOUR)
    (cycle,) = cycles
    assert cycle.elapsed == 4 * HOUR
    assert _by_cycle(holds, 0) == {
        (None, "Desk"): HOUR,
        ("ana", "Desk"): HOUR,
        ("bo", "Desk"): HOUR,  # bo took it while pending: the paused hours are nobody's
        ("bo", "Apps"): HOUR,
    }
    assert _at_stop(holds, 0, cycle) == ("cy", "Apps")  # same second as the solve
