"""Fire the escalation rules that are due: one transaction per firing.

A firing writes, in one write transaction: its row in ``escalations`` (whose unique key
on ticket, metric, cycle, policy and level makes a second desktop's attempt a no-op),
the ticket's log events (author ``escalation``: a ``field_changed`` event on the field
``escalation`` that names the rule and its level, then one event per action that changes
the ticket), the changed ticket columns, the ticket's clocks re-evaluated (a raised
priority re-targets them as any priority change does) and the ticket's plan rows.
Notifications are returned to the caller, who shows them (the window's alerts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slaworkbench.app.changes import Changes
from slaworkbench.app.escalations.plan import RulesByVersion, plan_tickets
from slaworkbench.app.tickets.writes import (
    append_events,
    evaluate_clocks,
    record_original_team,
    team_move,
)
from slaworkbench.domain.escalation import (
    ActionKind,
    EscalationAction,
    EscalationRule,
    Recipient,
    action_text,
)
from slaworkbench.domain.model import EventType, Instant, Metric, Priority
from slaworkbench.i18n import tr
from slaworkbench.store.schema import (
    OPEN_STATUSES,
    Agent,
    Customer,
    Escalation,
    EscalationPlan,
    Team,
    Ticket,
    TicketEvent,
    join_tags,
    split_tags,
)
from slaworkbench.store.tickets.rows import ticket_reference
from slaworkbench.store.workspace import Workspace

AUTHOR = "escalation"
BATCH = 200
"""Firings per call; the monitor calls again while more are due."""

_RAISED = {
    Priority.LOW: Priority.NORMAL,
    Priority.NORMAL: Priority.HIGH,
    Priority.HIGH: Priority.URGENT,
    Priority.URGENT: Priority.URGENT,
}


def raised(priority: Priority) -> Priority:
    """One step up; ``urgent`` stays ``urgent``."""
    return _RAISED[priority]


@dataclass(frozen=True, slots=True)
class Fired:
    """One firing, as the window tells it."""

    ticket_id: int
    reference: str
    subject: str
    metric: Metric
    level: int
    rule: str
    """The rule and what it did, as the ticket's log says it."""
    due_at: Instant
    fired_at: Instant
    late: bool
    notify: tuple[str, ...]
    """The people the rule notifies (by name)."""
    assignee: str | None
    team: str | None


@dataclass(frozen=True, slots=True)
class FiringResult:
    fired: tuple[Fired, ...]
    more: bool
    """More rules were due than one call fires."""

    @property
    def changes(self) -> Changes:
        return Changes(tickets=True, clocks=True) if self.fired else Changes()


def fire_due(
    workspace: Workspace,
    now: Instant,
    *,
    late_before: Instant,
    limit: int = BATCH,
) -> FiringResult:
    """Fire every planned rule due at or before ``now`` (up to ``limit``); a rule due
    before ``late_before`` (when this program started) is marked late."""
    with workspace.session() as session:
        due = session.execute(
            select(
                EscalationPlan.ticket_id,
                EscalationPlan.metric,
                EscalationPlan.cycle_index,
                EscalationPlan.policy_id,
                EscalationPlan.level,
                EscalationPlan.at,
            )
            .where(EscalationPlan.at <= now)
            .order_by(EscalationPlan.at, EscalationPlan.ticket_id)
            .limit(limit + 1)
        ).all()
    fired: list[Fired] = []
    for ticket_id, metric, cycle_index, policy_id, level, at in due[:limit]:
        with workspace.session(write=True) as session:
            one = fire_one(
                session,
                ticket_id,
                Metric(metric),
                cycle_index,
                policy_id,
                level,
                at,
                now=now,
                late=at < late_before,
            )
        if one is not None:
            fired.append(one)
    return FiringResult(tuple(fired), more=len(due) > limit)


def _forget(
    session: Session, ticket_id: int, metric: str, cycle: int, policy: int, level: int
) -> None:
    session.execute(
        delete(EscalationPlan).where(
            EscalationPlan.ticket_id == ticket_id,
            EscalationPlan.metric == metric,
            EscalationPlan.cycle_index == cycle,
            EscalationPlan.policy_id == policy,
            EscalationPlan.level == level,
        )
    )


def fire_one(
    session: Session,
    ticket_id: int,
    metric: Metric,
    cycle_index: int,
    policy_id: int,
    level: int,
    due_at: Instant,
    *,
    now: Instant,
    late: bool,
) -> Fired | None:
    """Fire one planned rule in the caller's write transaction; ``None`` when it no
    longer applies (the ticket closed, the rule changed) or another desktop fired it."""
    _forget(session, ticket_id, metric.value, cycle_index, policy_id, level)
    ticket = session.get(Ticket, ticket_id)
    rules = RulesByVersion.in_force(session)
    if ticket is None or ticket.status not in OPEN_STATUSES:
        return None
    customer = session.get(Customer, ticket.customer_id) if ticket.customer_id else None
    policy = rules.get(ticket.policy_version_id, customer.name if customer else None)
    rule = None
    if policy is not None and policy.id == policy_id:
        rule = next(
            (r for r in policy.escalations if r.metric is metric and r.level == level), None
        )
    if rule is None or policy is None:
        return None
    text = _log_text(rule, late)
    try:
        with session.begin_nested():
            session.add(
                Escalation(
                    ticket_id=ticket_id,
                    metric=metric.value,
                    cycle_index=cycle_index,
                    policy_id=policy_id,
                    level=level,
                    policy_version_id=policy.version_id,
                    due_at=due_at,
                    fired_at=now,
                    late=late,
                    priority=ticket.priority,
                    rule=text,
                )
            )
    except IntegrityError:
        return None  # another desktop fired it first
    last_at = session.execute(
        select(func.max(TicketEvent.at)).where(TicketEvent.ticket_id == ticket_id)
    ).scalar()
    at = max(now, int(last_at or now))
    events: list[dict[str, Any]] = [
        {"type": EventType.FIELD_CHANGED, "field": "escalation", "value": text}
    ]
    columns: dict[str, Any] = {}
    for action in rule.actions:
        _apply(session, ticket, action, events, columns)
    append_events(session, ticket_id, at, AUTHOR, events)
    columns.update(version=Ticket.version + 1, updated_at=at)
    session.execute(update(Ticket).where(Ticket.id == ticket_id).values(**columns))
    session.expire(ticket)
    evaluate_clocks(session, ticket_id, at)
    plan_tickets(session, [ticket_id], rules)  # keyed by version: a new policy is in it too
    session.refresh(ticket)
    notify = _recipients(session, ticket, rule.actions)
    assignee = session.get(Agent, ticket.assignee_id) if ticket.assignee_id else None
    team = session.get(Team, ticket.team_id) if ticket.team_id else None
    return Fired(
        ticket_id,
        ticket_reference(ticket_id, ticket.external_id),
        ticket.subject or "",
        metric,
        level,
        text,
        due_at,
        now,
        late,
        notify,
        assignee.name if assignee else None,
        team.name if team else None,
    )


def _log_text(rule: EscalationRule, late: bool) -> str:
    actions = "; ".join(action_text(action) for action in rule.actions)
    text = tr("{rule}: {actions}").format(rule=rule.describe(), actions=actions)
    return tr("{text} (late: due while no program was running)").format(text=text) if late else text


def _apply(
    session: Session,
    ticket: Ticket,
    action: EscalationAction,
    events: list[dict[str, Any]],
    columns: dict[str, Any],
) -> None:
    if action.kind is ActionKind.RAISE_PRIORITY:
        current = Priority(columns.get("priority", ticket.priority))
        higher = raised(current)
        if higher is not current:
            events.append({"type": EventType.PRIORITY_CHANGED, "priority": higher})
            columns["priority"] = higher.value
    elif action.kind is ActionKind.REASSIGN:
        if action.agent is not None:
            agent = session.execute(
                select(Agent.id, Agent.team_id).where(Agent.name == action.agent)
            ).first()
            if agent is not None and agent.id != ticket.assignee_id:
                events.append({"type": EventType.ASSIGNED, "value": action.agent})
                columns["assignee_id"] = agent.id
        elif action.team is not None:
            team_id = session.execute(select(Team.id).where(Team.name == action.team)).scalar()
            if team_id is not None and team_id != ticket.team_id:
                record_original_team(session, ticket)
                events.append(team_move(action.team))
                events.append({"type": EventType.ASSIGNED, "value": None})
                columns.update(team_id=team_id, assignee_id=None)
    elif action.kind is ActionKind.ADD_TAG and action.tag is not None:
        tags = split_tags(ticket.tags)
        if action.tag not in tags:
            tags = tags | {action.tag}
            events.append(
                {"type": EventType.FIELD_CHANGED, "field": "tags", "value": join_tags(tags)}
            )
            columns["tags"] = join_tags(tags)


def _recipients(
    session: Session, ticket: Ticket, actions: tuple[EscalationAction, ...]
) -> tuple[str, ...]:
    """Whom the rule notifies: the assignee; the team lead (the ticket team's managers);
    the managers (every agent whose role is manager)."""
    names: list[str] = []
    queries: dict[Recipient, Callable[[], list[str]]] = {
        Recipient.ASSIGNEE: lambda: list(
            session.execute(select(Agent.name).where(Agent.id == ticket.assignee_id)).scalars()
        ),
        Recipient.TEAM_LEAD: lambda: list(
            session.execute(
                select(Agent.name)
                .where(Agent.team_id == ticket.team_id, Agent.role == "manager")
                .order_by(Agent.name)
            ).scalars()
        ),
        Recipient.MANAGERS: lambda: list(
            session.execute(
                select(Agent.name).where(Agent.role == "manager").order_by(Agent.name)
            ).scalars()
        ),
    }
    for action in actions:
        if action.kind is ActionKind.NOTIFY and action.recipient is not None:
            for name in queries[action.recipient]():
                if name not in names:
                    names.append(name)
    return tuple(names)
