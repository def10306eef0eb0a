from __future__ import annotations

import dataclasses

from slaworkbench.domain.agreement.variants import customer_variant, replace_policy
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.policy import Conditions, Policy
from tests.support.agreements.workspace import TOKYO

OFFICE = BusinessCalendar.from_dict(
    {"name": "Office", "timezone": "UTC", "hours": {"mon": [["09:00", "17:00"]]}}
)
TOKYO_CALENDAR = BusinessCalendar.from_dict(TOKYO)


def _policy(policy_id: int, customers: frozenset[str] = frozenset()) -> Policy:
    return Policy(policy_id, f"P{policy_id}", 1, True, Conditions(customers=customers), {},
                  OFFICE)  # fmt: skip


def test_variant_matches_one_customer_in_their_calendar() -> None:
    variant = customer_variant(_policy(1), "Acme", TOKYO_CALENDAR)
    assert variant is not None
    assert variant.conditions.customers == {"Acme"} and variant.calendar is TOKYO_CALENDAR
    assert customer_variant(_policy(1, frozenset({"Globex"})), "Acme", TOKYO_CALENDAR) is None


def test_a_draft_replaces_the_policy_and_its_variants() -> None:
    base = _policy(1)
    variant = customer_variant(base, "Acme", TOKYO_CALENDAR)
    assert variant is not None
    other = _policy(2)
    draft = dataclasses.replace(base, name="P1 draft")
    replaced = replace_policy([variant, base, other], draft)
    assert [p.name for p in replaced] == ["P1 draft", "P1 draft", "P2"]
    assert replaced[0].calendar is TOKYO_CALENDAR and replaced[0].conditions.customers == {"Acme"}
    assert replaced[1] is draft
    narrowed = dataclasses.replace(draft, conditions=Conditions(customers=frozenset({"Globex"})))
    assert replace_policy([variant, base, other], narrowed) == [narrowed, other]
