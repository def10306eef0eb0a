"""Named situations of the SLA clocks (docs/SLA_SEMANTICS.md), on a real office calendar."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.clock.trace import running_spans, status_timeline
from slaworkbench.domain.model import (
    ClockState,
    Event,
    EventType,
    Metric,
    Priority,
    Status,
    TicketFacts,
)
from slaworkbench.domain.policy import Conditions, Policy, select_policy

H = 3600
WEEKDAY = [["09:00", "17:00"]]
OFFICE = BusinessCalendar.from_dict(
    {
        "name": "Office",
        "timezone": "UTC",
        "hours": {d: WEEKDAY for d in ("mon", "tue", "wed", "thu", "fri")} | {"sat": [], "sun": []},
        "holidays": [{"date": "2026-03-04", "name": "Founders' Day"}],
    }
)


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> int:
    """March 2026: day 2 is a Monday, day 4 (Wednesday) a holiday."""
    return int(datetime(2026, 3, day, hour, minute, second, tzinfo=UTC).timestamp())


def policy(**targets: int) -> Policy:
    per_metric = {Metric(name): seconds for name, seconds in targets.items()}
    return Policy(
        id=7,
        name="Standard",
        version=3,
        active=True,
        conditions=Conditions(),
        targets={
            Priority.NORMAL: per_metric,
            Priority.URGENT: {m: s // 4 for m, s in per_metric.items()},
        },
        calendar=OFFICE,
    )


def created(t: int, priority: Priority = Priority.NORMAL, status: Status | None = None) -> Event:
    return Event(t, EventType.CREATED, priority=priority, status=status)


def status(t: int, value: Status) -> Event:
    return Event(t, EventType.STATUS_CHANGED, status=value)


def agent(t: int) -> Event:
    return Event(t, EventType.AGENT_REPLY)


def customer(t: int) -> Event:
    return Event(t, EventType.CUSTOMER_REPLY)


def only(events: list[Event], pol: Policy, now: int, metric: Metric):  # type: ignore[no-untyped-def]
    cycles = evaluate_ticket(events, pol, now).results[metric].cycles
    assert len(cycles) == 1
    return cycles[0]


@pytest.mark.parametrize(
    ("created_at", "due_at"),
    [
        (at(2, 22), at(3, 10)),  # Monday night -> Tuesday 09:00 + 1h
        (at(7, 12), at(9, 10)),  # Saturday -> Monday
        (at(4, 10), at(5, 10)),  # on the holiday -> Thursday
        (at(3, 6, 30), at(3, 10)),  # before opening
    ],
    ids=["night", "weekend", "holiday", "early-morning"],
)
def test_first_response_counts_from_the_next_opening(created_at: int, due_at: int) -> None:
    cycle = only(
        [created(created_at)], policy(first_response=H), created_at + 60, Metric.FIRST_RESPONSE
    )
    assert cycle.state is ClockState.RUNNING
    assert cycle.elapsed == 0
    assert cycle.due_at == due_at
    assert cycle.risk_at == due_at - 15 * 60


def test_deadline_using_the_last_minute_is_closing_time_not_next_opening() -> None:
    cycle = only(
        [created(at(2, 15))], policy(first_response=2 * H), at(2, 16), Metric.FIRST_RESPONSE
    )
    assert cycle.due_at == at(2, 17)
    assert cycle.elapsed == H
    assert cycle.remaining == H


def test_pause_across_the_night_freezes_resolution() -> None:
    events = [created(at(2, 15), status=Status.OPEN), status(at(2, 16), Status.PENDING)]
    paused = only(events, policy(resolution=4 * H), at(2, 20), Metric.RESOLUTION)
    assert paused.state is ClockState.PAUSED
    assert (paused.elapsed, paused.remaining, paused.due_at, paused.at_risk) == (
        H,
        3 * H,
        None,
        False,
    )
    assert paused.risk_at is None

    events.append(status(at(3, 10), Status.OPEN))
    running = only(events, policy(resolution=4 * H), at(3, 10, 30), Metric.RESOLUTION)
    assert running.state is ClockState.RUNNING
    assert running.elapsed == H + 30 * 60
    assert running.due_at == at(3, 13)
    spans = running_spans(events, policy(resolution=4 * H), at(3, 10, 30), Metric.RESOLUTION, 0)
    assert spans == ((at(2, 15), at(2, 16)), (at(3, 10), at(3, 10, 30)))


def test_reopen_after_solve_continues_resolution_and_stops_at_the_last_solve() -> None:
    events = [
        created(at(2, 9)),
        status(at(2, 10), Status.SOLVED),
        status(at(2, 12), Status.OPEN),
    ]
    reopened = only(events, policy(resolution=8 * H), at(2, 13), Metric.RESOLUTION)
    assert reopened.state is ClockState.RUNNING
    assert reopened.started_at == at(2, 9)
    assert reopened.elapsed == 2 * H
    assert reopened.due_at == at(3, 11)  # 7h left from 12:00: 5h on Monday, 2h on Tuesday

    events += [status(at(2, 14), Status.SOLVED), status(at(2, 15), Status.CLOSED)]
    done = only(events, policy(resolution=8 * H), at(2, 16), Metric.RESOLUTION)
    assert done.state is ClockState.ACHIEVED
    assert done.stopped_at == at(2, 14)
    assert done.elapsed == 3 * H


def test_priority_change_retargets_from_the_original_start_and_keeps_elapsed() -> None:
    events = [
        created(at(2, 9)),
        Event(at(2, 9, 30), EventType.PRIORITY_CHANGED, priority=Priority.URGENT),
    ]
    cycle = only(events, policy(first_response=4 * H), at(2, 9, 45), Metric.FIRST_RESPONSE)
    assert cycle.target == H
    assert cycle.elapsed == 45 * 60
    assert cycle.due_at == at(2, 10)
    assert cycle.at_risk

    # A stopped cycle keeps the priority in force when it stopped.
    events += [
        agent(at(2, 10, 30)),
        Event(at(2, 11), EventType.PRIORITY_CHANGED, priority=Priority.NORMAL),
    ]
    stopped = only(events, policy(first_response=4 * H), at(2, 12), Metric.FIRST_RESPONSE)
    assert stopped.target == H
    assert stopped.state is ClockState.BREACHED
    assert stopped.breached_at == at(2, 10)


@pytest.mark.parametrize(
    ("reply_at", "state", "breached_at"),
    [
        (at(2, 10), ClockState.ACHIEVED, None),
        (at(2, 10, 0, 1), ClockState.BREACHED, at(2, 10)),
    ],
)
def test_stopping_exactly_at_due_is_achieved(
    reply_at: int, state: ClockState, breached_at: int | None
) -> None:
    events = [created(at(2, 9)), agent(reply_at)]
    cycle = only(events, policy(first_response=H), at(2, 12), Metric.FIRST_RESPONSE)
    assert cycle.state is state
    assert cycle.breached_at == breached_at
    assert cycle.stopped_at == reply_at


def test_next_response_cycles_are_judged_separately_and_the_worst_wins() -> None:
    events = [
        created(at(2, 9)),
        customer(at(2, 9, 5)),  # before the first agent reply: starts nothing
        agent(at(2, 9, 10)),
        customer(at(2, 10)),
        customer(at(2, 10, 20)),  # joins the running cycle
        agent(at(2, 10, 30)),
        customer(at(2, 16)),
        agent(at(3, 10)),  # 2h of working time later
    ]
    result = evaluate_ticket(events, policy(next_response=H), at(3, 12)).results[
        Metric.NEXT_RESPONSE
    ]
    first, second = result.cycles
    assert (first.started_at, first.stopped_at, first.state) == (
        at(2, 10),
        at(2, 10, 30),
        ClockState.ACHIEVED,
    )
    assert (second.started_at, second.state, second.breached_at) == (
        at(2, 16),
        ClockState.BREACHED,
        at(2, 17),
    )
    assert result.worst == second


def test_solving_stops_first_response_and_a_reopen_does_not_restart_it() -> None:
    events = [
        created(at(2, 9)),
        status(at(2, 9, 30), Status.SOLVED),
        status(at(2, 11), Status.OPEN),
    ]
    cycle = only(events, policy(first_response=H), at(2, 12), Metric.FIRST_RESPONSE)
    assert (cycle.stopped_at, cycle.state, cycle.elapsed) == (
        at(2, 9, 30),
        ClockState.ACHIEVED,
        1800,
    )


def test_periodic_update_restarts_at_each_agent_reply_and_pauses() -> None:
    events = [
        created(at(2, 9)),
        agent(at(2, 9, 30)),
        status(at(2, 9, 30), Status.PENDING),
        status(at(2, 10, 30), Status.OPEN),
        agent(at(2, 11)),
    ]
    cycles = (
        evaluate_ticket(events, policy(periodic_update=2 * H), at(2, 11, 15))
        .results[Metric.PERIODIC_UPDATE]
        .cycles
    )
    assert [(c.started_at, c.stopped_at, c.elapsed) for c in cycles] == [
        (at(2, 9, 30), at(2, 11), 30 * 60),
        (at(2, 11), None, 15 * 60),
    ]
    assert cycles[1].due_at == at(2, 13)


def test_no_matching_policy_means_no_sla() -> None:
    vip = Policy(1, "VIP", 1, True, Conditions(customers=frozenset({"ACME"})), {}, OFFICE)
    facts = TicketFacts(priority=Priority.NORMAL, customer="Initech")
    chosen = select_policy([vip], facts)
    assert chosen is None
    evaluation = evaluate_ticket([created(at(2, 9))], chosen, at(2, 10))
    assert not evaluation.has_policy
    assert evaluation.results == {}
    assert evaluation.next_due_at is None


def test_unmeasured_priority_has_no_cycles_and_events_after_now_are_ignored() -> None:
    events = [created(at(2, 9), priority=Priority.LOW), agent(at(2, 10))]
    assert evaluate_ticket(events, policy(first_response=H), at(2, 12)).results == {}
    urgent = [created(at(2, 9), priority=Priority.URGENT), agent(at(2, 10))]
    early = only(urgent, policy(first_response=4 * H), at(2, 9, 30), Metric.FIRST_RESPONSE)
    assert early.stopped_at is None
    assert early.elapsed == 30 * 60


def test_status_timeline_merges_and_ends_at_now() -> None:
    events = [
        created(at(2, 9)),
        status(at(2, 10), Status.OPEN),
        status(at(2, 10), Status.PENDING),
        status(at(2, 11), Status.PENDING),
        status(at(2, 15), Status.SOLVED),
    ]
    assert status_timeline(events, at(2, 12)) == [
        (at(2, 9), at(2, 10), Status.NEW),
        (at(2, 10), at(2, 12), Status.PENDING),
    ]
