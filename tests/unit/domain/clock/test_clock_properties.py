"""evaluate_ticket against the minute-by-minute reference (the column engine is held to both
in test_clock_columns)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.model import Event
from slaworkbench.domain.policy import Policy
from tests.support.clock_reference import (
    event_logs,
    policies,
    real_calendars,
    reference_evaluate,
)
from tests.support.examples import share_of_examples


@share_of_examples(0.5)
@given(event_logs(), policies())
def test_evaluate_ticket_equals_the_minute_reference(
    log: tuple[list[Event], int], policy: Policy
) -> None:
    events, now = log
    assert evaluate_ticket(events, policy, now) == reference_evaluate(events, policy, now)


@given(event_logs(), st.none())
def test_without_policy_there_is_no_sla(log: tuple[list[Event], int], policy: None) -> None:
    events, now = log
    evaluation = evaluate_ticket(events, policy, now)
    assert not evaluation.has_policy
    assert evaluation.results == {}


@share_of_examples(0.5)
@given(event_logs(), real_calendars().flatmap(lambda calendar: policies(calendar)))
def test_evaluate_ticket_with_a_real_calendar_equals_the_reference(
    log: tuple[list[Event], int], policy: Policy
) -> None:
    events, now = log
    assert evaluate_ticket(events, policy, now) == reference_evaluate(events, policy, now)
