"""evaluate_ticket against the minute-by-minute reference (the column engine is held to both
in test_clock_columns)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.model import Event
from slaworkbench.domain.policy import Policy
from tests.unit.domain.clock_reference import (
    DAY_TEMPLATES,
    event_logs,
    policies,
    reference_evaluate,
)


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


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def real_calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Real calendars in UTC whose schedule the minute reference can follow exactly."""
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    hours = {
        day: [[_hhmm(a), _hhmm(b)] for a, b in draw(st.sampled_from(DAY_TEMPLATES))]
        for day in names
    }
    if not any(hours.values()):
        hours["mon"] = [["09:00", "18:00"]]
    return BusinessCalendar.from_dict({"name": "real", "timezone": "UTC", "hours": hours})


@given(event_logs(), real_calendars().flatmap(lambda calendar: policies(calendar)))
def test_evaluate_ticket_with_a_real_calendar_equals_the_reference(
    log: tuple[list[Event], int], policy: Policy
) -> None:
    events, now = log
    assert evaluate_ticket(events, policy, now) == reference_evaluate(events, policy, now)
