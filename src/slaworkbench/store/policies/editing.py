"""Reads the policy and calendar editors need beyond ``store.policies``.

- every policy's current version in evaluation order, inactive ones included (what-if
  replaces one of them with a draft; lint reports on all of them);
- the current facts of tickets, alike ones grouped (lint); the ids of the tickets created
  in a period (what-if, which reads them as the recompute does) and the labels of some;
- the names already in use per condition field, to suggest values while typing.

Everything returned is a frozen dataclass or a domain object; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from slaworkbench.domain.model import Instant, TicketFacts
from slaworkbench.domain.policy import Policy
from slaworkbench.store.analytics.fetch import driver_rows
from slaworkbench.store.clocks.inputs import ID_BATCH, TICKETS, facts_of, facts_query
from slaworkbench.store.policies.versions import list_policies, load_policy_version
from slaworkbench.store.schema import (
    Calendar,
    Customer,
    PolicyVersion,
    Team,
    Ticket,
    split_tags,
)


@dataclass(frozen=True, slots=True)
class ConditionValues:
    """The values tickets carry today, per condition field (sorted, for suggestions)."""

    customers: tuple[str, ...] = ()
    customer_tiers: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PolicyHeader:
    """What the policy list shows of one policy (and what an editor must send back)."""

    id: int
    name: str
    position: int
    active: bool
    version: int | None
    lock_version: int
    review_date: dt.date | None
    owner: str | None


def load_policies_in_order(session: Session) -> list[Policy]:
    """Every policy's current version, active or not, in evaluation order."""
    return [
        load_policy_version(session, info.current_version_id)
        for info in list_policies(session)
        if info.current_version_id is not None
    ]


def policy_headers(session: Session) -> list[PolicyHeader]:
    """The policy list in evaluation order, with the review date and owner of each."""
    extra = {
        row.id: (row.review_date, row.owner)
        for row in session.execute(
            select(PolicyVersion.id, PolicyVersion.review_date, PolicyVersion.owner)
        )
    }
    headers = []
    for info in list_policies(session):
        review, owner = extra.get(info.current_version_id or -1, (None, None))
        headers.append(
            PolicyHeader(
                id=info.id,
                name=info.name,
                position=info.position,
                active=info.active,
                version=info.current_version,
                lock_version=info.lock_version,
                review_date=review,
                owner=owner,
            )
        )
    return headers


def calendar_names(session: Session) -> list[str]:
    return list(session.execute(select(Calendar.name).order_by(Calendar.name)).scalars())


@dataclass(frozen=True, slots=True)
class FactGroup:
    """Tickets whose current facts are the same: how many, and the first ids of them."""

    facts: TicketFacts
    count: int
    first_ids: tuple[int, ...]
    """The smallest ``keep`` (at most) of their ids, ascending."""


def ticket_fact_groups(session: Session, *, keep: int, piece: int = 50_000) -> list[FactGroup]:
    """Every ticket's current facts, tickets with the same facts together.

    A million tickets have ~100,000 different facts (priority, status, customer, team,
    category, channel, tags), so whoever matches them against the policies does it once
    per group, not once per ticket. Rows come from the driver, ``piece`` at a time, in
    id order; a group is keyed by the row's own values (no object per ticket)."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    query = facts_query(TICKETS.c.id).order_by(TICKETS.c.id)
    for rows in driver_rows(session, query, piece=piece):
        for row in rows:
            key = tuple(row[1:])
            found = groups.get(key)
            if found is None:
                groups[key] = [1, [row[0]]]
            else:
                found[0] += 1
                if len(found[1]) < keep:
                    found[1].append(row[0])
    return [FactGroup(facts_of(key), count, tuple(ids)) for key, (count, ids) in groups.items()]


def created_ids(session: Session, start: Instant, end: Instant) -> NDArray[np.int64]:
    """The ids of the tickets created in ``[start, end)``, ascending."""
    query = select(Ticket.id).where(Ticket.created_at >= start, Ticket.created_at < end)
    return np.fromiter(session.scalars(query.order_by(Ticket.id)), dtype=np.int64)


def ticket_labels(session: Session, ids: Sequence[int]) -> dict[int, tuple[str | None, str]]:
    """The external id and subject of each ticket of ``ids``."""
    labels: dict[int, tuple[str | None, str]] = {}
    for start in range(0, len(ids), ID_BATCH):
        rows = session.execute(
            select(Ticket.id, Ticket.external_id, Ticket.subject).where(
                Ticket.id.in_(ids[start : start + ID_BATCH])
            )
        )
        labels.update((int(i), (external, str(subject or ""))) for i, external, subject in rows)
    return labels


def created_range(session: Session) -> tuple[Instant, Instant] | None:
    """The first and last ticket creation instants, or ``None`` without tickets."""
    low, high = session.execute(
        select(func.min(Ticket.created_at), func.max(Ticket.created_at))
    ).one()
    if low is None or high is None:
        return None
    return int(low), int(high)


def condition_values(session: Session, *, limit: int = 2_000) -> ConditionValues:
    """The distinct values in use for each condition field (at most ``limit`` each)."""

    def distinct(column: Any) -> tuple[str, ...]:
        rows = session.execute(
            select(column).where(column.is_not(None)).distinct().order_by(column).limit(limit)
        ).scalars()
        return tuple(str(value) for value in rows if str(value).strip())

    tags: set[str] = set()
    for stored in session.execute(
        select(Ticket.tags).where(Ticket.tags != "").distinct().limit(limit)
    ).scalars():
        tags |= split_tags(stored)
    return ConditionValues(
        customers=distinct(Customer.name),
        customer_tiers=distinct(Customer.tier),
        teams=distinct(Team.name),
        categories=distinct(Ticket.category),
        channels=distinct(Ticket.channel),
        tags=tuple(sorted(tags))[:limit],
    )


def rename_calendar(session: Session, old_name: str, new_name: str) -> None:
    """Give a calendar a new name (policies refer to it by id, so they follow)."""
    import json

    from slaworkbench.store.errors import ValidationError

    if old_name == new_name:
        return
    clash = session.execute(select(Calendar.id).where(Calendar.name == new_name)).scalar()
    if clash is not None:
        from slaworkbench.i18n import tr

        raise ValidationError(
            tr("A calendar named “{name}” already exists; choose another name.").format(
                name=new_name
            )
        )
    row = session.execute(select(Calendar).where(Calendar.name == old_name)).scalar_one()
    spec = json.loads(row.spec)
    spec["name"] = new_name
    row.name = new_name
    row.spec = json.dumps(spec, sort_keys=True)
    session.flush()
