"""The column engine (the recompute's lean path) against evaluate_ticket and the reference."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.clock.columns import evaluate_columns
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.clock.events import columns_of
from slaworkbench.domain.clock.results import METRIC_STATES, NONE, SLA_STATES, to_evaluations
from slaworkbench.domain.model import Event, Metric
from slaworkbench.domain.policy import Conditions, Policy
from tests.support.clock_reference import (
    ALWAYS,
    event_logs,
    policies,
    real_calendars,
    reference_evaluate,
)
from tests.support.examples import share_of_examples

Batch = list[tuple[tuple[list[Event], int], Policy | None]]


def _evaluate(items: list[tuple[list[Event], Policy | None]], now: int):  # type: ignore[no-untyped-def]
    distinct: list[Policy] = []
    index = []
    for _, policy in items:
        if policy is None:
            index.append(-1)
            continue
        if not any(policy is known for known in distinct):
            distinct.append(policy)
        index.append(next(i for i, known in enumerate(distinct) if known is policy))
    policy_index = np.array(index, dtype=np.int64)
    columns = evaluate_columns(
        columns_of([events for events, _ in items]), policy_index, distinct, now
    )
    return columns, to_evaluations(columns, policy_index, distinct, now)


def _summary_matches(columns, position: int, expected) -> None:  # type: ignore[no-untyped-def]
    from slaworkbench.store.clocks.ticket import summarize

    summary = summarize(expected)
    assert SLA_STATES[columns.sla_state[position]] == summary.sla_state

    def maybe(value: int) -> int | None:
        return None if value == NONE else int(value)

    assert maybe(columns.next_due_at[position]) == summary.next_due_at
    assert maybe(columns.next_risk_at[position]) == summary.next_risk_at
    for column, per_metric in enumerate((summary.first_response, summary.resolution)):
        code = int(columns.summary_state[position, column])
        state = None if code < 0 else METRIC_STATES[code]
        got = (
            state,
            maybe(columns.summary_due_at[position, column]),
            maybe(columns.summary_remaining[position, column]),
            maybe(columns.summary_target[position, column]),
        )
        assert got == per_metric


@share_of_examples(0.5)
@given(st.lists(st.tuples(event_logs(max_events=10), st.one_of(st.none(), policies())), max_size=5))
def test_columns_equal_scalar_and_the_summary(batch: Batch) -> None:
    now = max((log[1] for log, _ in batch), default=0)
    items = [(events, policy) for (events, _), policy in batch]
    columns, evaluations = _evaluate(items, now)
    expected = [evaluate_ticket(events, policy, now) for events, policy in items]
    assert evaluations == expected
    for position, evaluation in enumerate(expected):
        _summary_matches(columns, position, evaluation)


@share_of_examples(0.5)
@given(event_logs(), policies())
def test_columns_equal_the_minute_reference(log: tuple[list[Event], int], policy: Policy) -> None:
    events, now = log
    assert _evaluate([(events, policy)], now)[1] == [reference_evaluate(events, policy, now)]


@share_of_examples(0.5)
@given(event_logs(), real_calendars().flatmap(lambda calendar: policies(calendar)))
def test_columns_with_a_real_calendar_equal_the_reference(
    log: tuple[list[Event], int], policy: Policy
) -> None:
    events, now = log
    assert _evaluate([(events, policy)], now)[1] == [reference_evaluate(events, policy, now)]


def test_an_empty_batch_and_tickets_without_events() -> None:
    columns, evaluations = _evaluate([], 0)
    assert evaluations == [] and columns.ticket.size == 0
    policy = Policy(1, "P", 1, True, Conditions(), {}, ALWAYS)
    columns, evaluations = _evaluate([([], policy), ([], None)], 100)
    assert evaluations == [evaluate_ticket([], policy, 100), evaluate_ticket([], None, 100)]
    assert list(columns.sla_state) == [0, 0]
    assert Metric.FIRST_RESPONSE not in evaluations[0].results
