from __future__ import annotations

import json
from typing import Any

import pytest

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import DEFAULT_PAUSE_STATUSES, Metric, Priority, Status, TicketFacts
from slaworkbench.domain.policy import (
    CalendarLike,
    Conditions,
    Policy,
    policy_from_dict,
    policy_to_dict,
    select_policy,
)

ALWAYS = BusinessCalendar.always_open()


def resolve(name: str) -> CalendarLike:
    if name == ALWAYS.name:
        return ALWAYS
    raise KeyError(name)


def make(policy_id: int, active: bool = True, **conditions: frozenset[str]) -> Policy:
    return Policy(
        id=policy_id,
        name=f"P{policy_id}",
        version=1,
        active=active,
        conditions=Conditions(**conditions),
        targets={Priority.HIGH: {Metric.FIRST_RESPONSE: 3600}},
        calendar=ALWAYS,
    )


FACTS = TicketFacts(
    priority=Priority.HIGH,
    customer="ACME",
    customer_tier="gold",
    team="L2",
    category="billing",
    channel="email",
    tags=frozenset({"vip", "eu"}),
)


def test_select_policy_picks_the_first_active_match_and_skips_inactive() -> None:
    inactive = make(1, active=False)
    other_customer = make(2, customers=frozenset({"Initech"}))
    gold = make(3, customer_tiers=frozenset({"gold", "platinum"}))
    catch_all = make(4)
    assert select_policy([inactive, other_customer, gold, catch_all], FACTS) is gold
    assert select_policy([catch_all, gold], FACTS) is catch_all
    assert select_policy([inactive, other_customer], FACTS) is None
    assert select_policy([], FACTS) is None


@pytest.mark.parametrize(
    ("conditions", "matches"),
    [
        ({}, True),
        ({"priorities": frozenset({"high", "urgent"})}, True),
        ({"priorities": frozenset({"low"})}, False),
        ({"teams": frozenset({"L2"}), "channels": frozenset({"email"})}, True),
        ({"teams": frozenset({"L2"}), "channels": frozenset({"phone"})}, False),
        ({"tags": frozenset({"vip", "nope"})}, True),
        ({"tags": frozenset({"nope"})}, False),
        ({"categories": frozenset({"billing"})}, True),
    ],
)
def test_conditions_all_must_hold(conditions: dict[str, frozenset[str]], matches: bool) -> None:
    assert Conditions(**conditions).matches(FACTS) is matches


def test_a_missing_attribute_never_matches_a_condition_on_it() -> None:
    bare = TicketFacts(priority=Priority.LOW)
    assert not Conditions(customers=frozenset({"ACME"})).matches(bare)
    assert Conditions().matches(bare)


def test_target_is_none_when_not_measured() -> None:
    policy = make(1)
    assert policy.target(Priority.HIGH, Metric.FIRST_RESPONSE) == 3600
    assert policy.target(Priority.HIGH, Metric.RESOLUTION) is None
    assert policy.target(Priority.LOW, Metric.FIRST_RESPONSE) is None
    assert policy.pause_statuses == DEFAULT_PAUSE_STATUSES
    assert policy.warning_fraction == 0.25


def test_round_trip_through_json() -> None:
    policy = Policy(
        id=9,
        name="Gold",
        version=4,
        active=False,
        conditions=Conditions(customer_tiers=frozenset({"gold"}), tags=frozenset({"vip"})),
        targets={
            Priority.URGENT: {Metric.FIRST_RESPONSE: 900, Metric.RESOLUTION: 14_400},
            Priority.LOW: {Metric.PERIODIC_UPDATE: 86_400},
        },
        calendar=ALWAYS,
        pause_statuses=frozenset({Status.ON_HOLD}),
        warning_fraction=0.5,
        version_id=31,
    )
    data = json.loads(json.dumps(policy_to_dict(policy)))
    assert data["calendar"] == ALWAYS.name
    assert policy_from_dict(data, resolve) == policy


def test_hand_written_policy_accepts_duration_text_and_defaults() -> None:
    policy = policy_from_dict(
        {"name": "Basic", "calendar": ALWAYS.name, "targets": {"normal": {"resolution": "1d 2h"}}},
        resolve,
    )
    assert policy.target(Priority.NORMAL, Metric.RESOLUTION) == 93_600
    assert policy.active and policy.version == 1
    assert policy.pause_statuses == DEFAULT_PAUSE_STATUSES
    assert policy.conditions == Conditions()


GOOD: dict[str, Any] = {
    "name": "Basic",
    "calendar": "24/7",
    "targets": {"normal": {"resolution": "4h"}},
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "needs a name"),
        ({"targets": {}}, "has no targets"),
        ({"targets": {"normal": {"resolution": "abc"}}}, "'abc' is not a duration"),
        ({"targets": {"normal": {"resolution": 0}}}, "must be a positive duration"),
        ({"targets": {"normal": {"resolution": "367d"}}}, "longer than 366d; give at most 366d"),
        ({"targets": {"asap": {"resolution": "4h"}}}, "'asap' is not a priority"),
        ({"targets": {"normal": {"speed": "4h"}}}, "'speed' is not a metric"),
        ({"conditions": {"colour": ["red"]}}, "'colour' is not a condition"),
        ({"conditions": {"priorities": ["asap"]}}, "'asap' is not a priority"),
        ({"conditions": {"teams": "L2"}}, "must be a list of names"),
        ({"pause_statuses": ["solved"]}, "'solved' cannot pause a clock"),
        ({"warning_fraction": 1.5}, "warning threshold"),
        ({"calendar": "Mars office"}, "'Mars office' does not exist"),
        ({"active": "yes"}, "true or false"),
    ],
)
def test_invalid_policies_are_refused_with_a_sentence(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        policy_from_dict(GOOD | change, resolve)
    assert str(caught.value).endswith(".")


def test_a_stored_version_longer_than_the_limit_is_read_as_it_was_saved() -> None:
    longer = GOOD | {"targets": {"normal": {"resolution": "400d"}}}
    with pytest.raises(ValueError, match="give at most 366d"):
        policy_from_dict(longer, resolve)
    policy = policy_from_dict(longer, resolve, stored=True)
    assert policy.targets[Priority.NORMAL][Metric.RESOLUTION] == 400 * 86_400
