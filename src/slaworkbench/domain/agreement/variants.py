"""Customer-calendar variants of a policy (docs/AGREEMENTS.md, "Customer calendars"): the
policy restricted to one customer and counting in that customer's calendar, placed just
before the policy in the evaluation order."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from slaworkbench.domain.policy import CalendarLike, Policy


def customer_variant(policy: Policy, customer: str, calendar: CalendarLike) -> Policy | None:
    """``policy`` for ``customer``'s tickets in ``calendar``; ``None`` when the policy's
    own conditions exclude that customer."""
    allowed = policy.conditions.customers
    if allowed and customer not in allowed:
        return None
    return dataclasses.replace(
        policy,
        conditions=dataclasses.replace(policy.conditions, customers=frozenset({customer})),
        calendar=calendar,
        variant_for=customer,
    )


def replace_policy(policies: Sequence[Policy], draft: Policy) -> list[Policy]:
    """``draft`` in place of the policy of its id, and in place of each of that policy's
    customer variants (placed before it) as the same variant of the draft."""
    result: list[Policy] = []
    for policy in policies:
        if policy.id != draft.id:
            result.append(policy)
        elif policy.variant_for is None:
            result.append(draft)
        else:
            variant = customer_variant(draft, policy.variant_for, policy.calendar)
            if variant is not None:
                result.append(variant)
    return result
