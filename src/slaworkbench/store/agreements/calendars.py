"""The customer's own business calendar in the clock evaluation (docs/AGREEMENTS.md).

An active agreement that names a calendar overrides the calendar of its SLA policy for
that customer's tickets: ``with_customer_calendars`` puts, just before the agreement's
policy in the evaluation order, a variant of it that matches only that customer and
counts in the customer's calendar. Everything else stays as it was — the policy's
conditions, targets, version (tickets still record the policy's version) — so a ticket
of the customer judged by the agreement's policy follows the customer's hours and
holidays, and one judged by another policy (the lint says so) does not.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from slaworkbench.domain.agreement.variants import customer_variant
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.policy import Policy
from slaworkbench.store.schema import (
    Agreement,
    AgreementVersion,
    Calendar,
    Customer,
    PolicyVersion,
    Ticket,
)


def _overrides(session: Session) -> list[tuple[str, int, int, str]]:
    """(customer, policy id, calendar id, calendar spec) of each active agreement with a
    calendar of its own."""
    rows = session.execute(
        select(Customer.name, AgreementVersion.policy_id, Calendar.id, Calendar.spec)
        .join(Agreement, Agreement.customer_id == Customer.id)
        .join(AgreementVersion, AgreementVersion.id == Agreement.current_version_id)
        .join(Calendar, Calendar.id == AgreementVersion.calendar_id)
        .where(Agreement.active)
        .order_by(Customer.name)
    )
    return [(name, int(pid), int(cid), spec) for name, pid, cid, spec in rows]


def with_customer_calendars(session: Session, policies: Sequence[Policy]) -> list[Policy]:
    """``policies`` with each agreement's customer-calendar variant placed before its
    policy."""
    overrides = _overrides(session)
    if not overrides:
        return list(policies)
    result: list[Policy] = []
    for policy in policies:
        for customer, policy_id, _calendar_id, spec in overrides:
            if policy_id != policy.id:
                continue
            calendar = BusinessCalendar.from_dict(json.loads(spec))
            variant = customer_variant(policy, customer, calendar)
            if variant is not None:
                result.append(variant)
        result.append(policy)
    return result


def customer_calendar(session: Session, customer_id: int | None, policy_id: int) -> str | None:
    """The spec (JSON) of the calendar the customer's agreement puts on ``policy_id``."""
    if customer_id is None:
        return None
    return session.execute(
        select(Calendar.spec)
        .join(AgreementVersion, AgreementVersion.calendar_id == Calendar.id)
        .join(Agreement, Agreement.current_version_id == AgreementVersion.id)
        .where(
            Agreement.customer_id == customer_id,
            Agreement.active,
            AgreementVersion.policy_id == policy_id,
        )
    ).scalar()


def for_customer(session: Session, policy: Policy, customer_id: int | None) -> Policy:
    """``policy`` as it judges the customer's tickets (their calendar, when they have one)."""
    spec = customer_calendar(session, customer_id, policy.id)
    if spec is None:
        return policy
    return dataclasses.replace(policy, calendar=BusinessCalendar.from_dict(json.loads(spec)))


def ticket_calendar_id() -> ColumnElement[int]:
    """The id of the calendar a ticket's clocks count in, as a column of a query that has
    ``tickets`` and the judging ``policy_versions`` row in its FROM: the customer's
    agreement calendar when it overrides that policy, else the policy version's."""
    override = (
        select(AgreementVersion.calendar_id)
        .join(Agreement, Agreement.current_version_id == AgreementVersion.id)
        .where(
            Agreement.customer_id == Ticket.customer_id,
            Agreement.active,
            AgreementVersion.policy_id == PolicyVersion.policy_id,
        )
        .correlate_except(AgreementVersion, Agreement)  # tickets may be further out
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(override, PolicyVersion.calendar_id)


def overrides_fingerprint(session: Session) -> bytes:
    """Changes whenever a customer calendar override (or its calendar) changes."""
    digest = hashlib.sha256()
    for customer, policy_id, calendar_id, spec in _overrides(session):
        digest.update(f"{customer}:{policy_id}:{calendar_id}:{spec};".encode())
    return digest.digest()
