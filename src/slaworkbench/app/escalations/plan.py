"""The escalation plan: when each rule still to fire on a running cycle is due.

``escalation_plan`` holds one row per (ticket, metric, cycle, policy, level) that has not
fired yet, with its instant ``at`` (indexed), so the breach monitor's next escalation is
one ``MIN(at)`` and the rules due now one range read — never a scan of the clocks.

The plan is derived from the stored clock rows, the rules of the policy version that
judges each ticket and the log of fired rules. It follows the tickets whose clock
summary was written since the last refresh (``tickets.evaluated_at`` at or after the
mark kept in ``workspace_meta``, through ``ix_tickets_evaluated_at``); a policy change
rebuilds it for the tickets of policies that have rules. The mark moves past a second
once that second is over (a bulk recompute stamped in the second of the refresh is read
once more by the next refresh).

The instant of a rule on a running cycle is where the cycle's elapsed business time
reaches :func:`~slaworkbench.domain.escalation.threshold_elapsed`: from the row's
reading (``elapsed`` as of ``evaluated_at``) for a threshold before the target, from
``due_at`` for one at or after it. A threshold the reading already passed is due at the
reading's instant. Paused and stopped cycles have no instant.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from slaworkbench.domain.escalation import EscalationRule, threshold_elapsed
from slaworkbench.domain.model import Instant, Metric
from slaworkbench.domain.policy import CalendarLike, Policy
from slaworkbench.store.policies.versions import load_active_policies
from slaworkbench.store.schema import (
    OPEN_STATUSES,
    Customer,
    Escalation,
    EscalationPlan,
    PolicyVersion,
    Ticket,
    TicketClock,
    WorkspaceMeta,
)
from slaworkbench.store.workspace import Workspace

MARK_KEY = "escalation_plan_mark"
CHUNK = 500


@dataclass(frozen=True, slots=True)
class RunningCycle:
    """What the plan needs of one running clock row."""

    metric: Metric
    cycle_index: int
    target: int
    elapsed: int
    evaluated_at: Instant
    due_at: Instant


def rule_instant(rule: EscalationRule, cycle: RunningCycle, calendar: CalendarLike) -> Instant:
    """When ``cycle``'s elapsed business time reaches the rule's threshold."""
    threshold = threshold_elapsed(rule, cycle.target)
    if threshold >= cycle.target:
        return calendar.add_business_seconds_epoch(cycle.due_at, threshold - cycle.target)
    if threshold <= cycle.elapsed:
        return cycle.evaluated_at
    return calendar.add_business_seconds_epoch(cycle.evaluated_at, threshold - cycle.elapsed)


class RulesByVersion:
    """The active policies with rules, by the version id that judges a ticket; a
    customer's agreement calendar replaces the policy's (``variant_for``).

    ``superseded`` maps an earlier version of an active policy to the version in force:
    a ticket the recompute has not moved yet (its row still names the version it was
    last written under) is judged by the policy's version in force all the same, so its
    running cycles follow that version's rules. Without it, a save that moved an open
    ticket without rewriting its summary (``app.recompute.affected``: a changed target
    that judges none of its cycles) left it out of the plan the save's rebuild made
    before the move, and no later refresh, which follows summaries written, planned it
    again: its escalations never fired."""

    def __init__(
        self, policies: Sequence[Policy], superseded: Mapping[int, int] | None = None
    ) -> None:
        self._plain: dict[int, Policy] = {}
        self._variants: dict[tuple[int, str], Policy] = {}
        for policy in policies:
            if not policy.escalations or policy.version_id is None:
                continue
            if policy.variant_for is None:
                self._plain[policy.version_id] = policy
            else:
                self._variants[(policy.version_id, policy.variant_for)] = policy
        self._in_force = {
            old: current for old, current in (superseded or {}).items() if current in self._plain
        }

    @classmethod
    def in_force(cls, session: Session) -> RulesByVersion:
        """The rules of the active policies, by each of their versions."""
        policies = load_active_policies(session)
        current = {p.id: p.version_id for p in policies if p.version_id is not None}
        rows = session.execute(
            select(PolicyVersion.id, PolicyVersion.policy_id).where(
                PolicyVersion.policy_id.in_(list(current))
            )
        )
        return cls(
            policies,
            {
                version_id: current[policy_id]
                for version_id, policy_id in rows
                if version_id != current[policy_id]
            },
        )

    @property
    def version_ids(self) -> list[int]:
        """Every version whose tickets have rules (earlier ones of an active policy too)."""
        return sorted({*self._plain, *self._in_force})

    def get(self, version_id: int | None, customer: str | None) -> Policy | None:
        if version_id is None:
            return None
        version_id = self._in_force.get(version_id, version_id)
        if customer is not None:
            variant = self._variants.get((version_id, customer))
            if variant is not None:
                return variant
        return self._plain.get(version_id)


def _plan_chunk(session: Session, ticket_ids: Sequence[int], rules: RulesByVersion) -> None:
    session.execute(delete(EscalationPlan).where(EscalationPlan.ticket_id.in_(ticket_ids)))
    tickets = session.execute(
        select(Ticket.id, Ticket.policy_version_id, Customer.name)
        .outerjoin(Customer, Customer.id == Ticket.customer_id)
        .where(Ticket.id.in_(ticket_ids), Ticket.status.in_(OPEN_STATUSES))
    ).all()
    policies = {
        row[0]: policy for row in tickets if (policy := rules.get(row[1], row[2])) is not None
    }
    if not policies:
        return
    fired = {
        tuple(row)
        for row in session.execute(
            select(
                Escalation.ticket_id,
                Escalation.metric,
                Escalation.cycle_index,
                Escalation.policy_id,
                Escalation.level,
            ).where(Escalation.ticket_id.in_(list(policies)))
        )
    }
    clocks = session.execute(
        select(
            TicketClock.ticket_id,
            TicketClock.metric,
            TicketClock.cycle_index,
            TicketClock.target,
            TicketClock.elapsed,
            TicketClock.evaluated_at,
            TicketClock.due_at,
        ).where(
            TicketClock.ticket_id.in_(list(policies)),
            TicketClock.stopped_at.is_(None),
            TicketClock.due_at.is_not(None),
            TicketClock.state.in_(("running", "breached")),
        )
    ).all()
    rows: list[dict[str, object]] = []
    for ticket_id, metric, cycle_index, target, elapsed, evaluated_at, due_at in clocks:
        policy = policies[ticket_id]
        if due_at is None:
            continue
        cycle = RunningCycle(Metric(metric), cycle_index, target, elapsed, evaluated_at, due_at)
        for rule in policy.escalations:
            key = (ticket_id, metric, cycle_index, policy.id, rule.level)
            if rule.metric is not cycle.metric or key in fired:
                continue
            rows.append(
                {
                    "ticket_id": ticket_id,
                    "metric": metric,
                    "cycle_index": cycle_index,
                    "policy_id": policy.id,
                    "level": rule.level,
                    "at": rule_instant(rule, cycle, policy.calendar),
                }
            )
    if rows:
        session.execute(insert(EscalationPlan), rows)


def plan_tickets(session: Session, ticket_ids: Iterable[int], rules: RulesByVersion) -> None:
    """Re-plan these tickets (in the caller's transaction)."""
    ids = sorted(set(ticket_ids))
    for start in range(0, len(ids), CHUNK):
        _plan_chunk(session, ids[start : start + CHUNK], rules)


def _mark(session: Session) -> Instant | None:
    value = session.get(WorkspaceMeta, MARK_KEY)
    return int(value.value) if value is not None else None


def _set_mark(session: Session, mark: Instant | None) -> None:
    row = session.get(WorkspaceMeta, MARK_KEY)
    if mark is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(WorkspaceMeta(key=MARK_KEY, value=str(mark)))
    else:
        row.value = str(mark)
    session.flush()


def forget_plan(session: Session) -> None:
    """Make the next refresh rebuild the whole plan (the policies or calendars changed)."""
    _set_mark(session, None)


def _next_mark(latest: Instant | None, now: Instant) -> Instant:
    """Where the next refresh starts. A second already over when this refresh holds the
    write lock can take no further write: the mark moves past it. A second not over
    yet (or stamped ahead of the wall clock) is read again next time."""
    if latest is None:
        return 0
    return latest + 1 if latest < now else latest


def refresh_plan(session: Session, *, now: Instant | None = None) -> int:
    """Bring the plan up to date with the clocks written since the last refresh (all of
    them the first time, or after :func:`forget_plan`). Returns the tickets re-planned.
    ``now`` is the wall clock (writes are stamped with it)."""
    wall = int(time.time()) if now is None else now
    rules = RulesByVersion.in_force(session)
    mark = _mark(session)
    latest = session.execute(select(func.max(Ticket.evaluated_at))).scalar()
    if mark is None:
        session.execute(delete(EscalationPlan))
        if not rules.version_ids:
            _set_mark(session, _next_mark(latest, wall))
            return 0
        ids = session.execute(
            select(Ticket.id).where(
                Ticket.status.in_(OPEN_STATUSES),
                Ticket.policy_version_id.in_(rules.version_ids),
            )
        ).scalars()
    else:
        ids = session.execute(select(Ticket.id).where(Ticket.evaluated_at >= mark)).scalars()
    ticket_ids = list(ids)
    plan_tickets(session, ticket_ids, rules)
    _set_mark(session, _next_mark(latest, wall))
    return len(ticket_ids)


def next_instant(session: Session) -> Instant | None:
    """The earliest planned escalation (one read of the ``at`` index)."""
    value = session.execute(select(func.min(EscalationPlan.at))).scalar()
    return int(value) if value is not None else None


def plan_next(
    workspace: Workspace, *, rebuild: bool = False, now: Instant | None = None
) -> Instant | None:
    """Refresh the plan (rebuild it after a policy or calendar change) and return the
    next escalation instant: the breach monitor's writer task. The plan is derived
    bookkeeping: its refresh is not announced as a change (``derived=True``)."""
    with workspace.session(write=True, derived=True) as session:
        if rebuild:
            forget_plan(session)
        refresh_plan(session, now=now)
        return next_instant(session)
