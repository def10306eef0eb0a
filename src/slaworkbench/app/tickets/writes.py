"""The write steps every ticket action shares (``app.tickets``): the columns a status
change sets, the events appended to the log, a move to another team, and the ticket's
clocks re-evaluated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from slaworkbench.app.recompute.ola import refresh_ola_cycles
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.model import TEAM_FIELD, EventType, Status, TicketEvaluation
from slaworkbench.domain.policy import select_policy
from slaworkbench.store.clocks.holds import refresh_clock_holds
from slaworkbench.store.clocks.inputs import read_ticket_inputs
from slaworkbench.store.clocks.ticket import version_ids_of, write_evaluations
from slaworkbench.store.clocks.timelines import forget_timelines
from slaworkbench.store.event_authors import author_ids
from slaworkbench.store.ola.versions import load_team_olas
from slaworkbench.store.policies.versions import load_active_policies
from slaworkbench.store.schema import Team, Ticket, TicketEvent


def status_columns(status: Status) -> dict[str, Any]:
    return {"status": status.value}


def solved_at_columns(changes: dict[str, Any], at: int) -> dict[str, Any]:
    """``solved_at`` is the last time the ticket was solved (or closed without solving)."""
    if "status" not in changes:
        return {}
    status = Status(changes["status"])
    if status is Status.SOLVED:
        return {"solved_at": at}
    if status is Status.CLOSED:
        return {"solved_at": func.coalesce(Ticket.solved_at, at)}
    return {"solved_at": None}


def append_events(
    session: Session, ticket_id: int, at: int, author: str, events: list[dict[str, Any]]
) -> None:
    last = session.execute(
        select(func.coalesce(func.max(TicketEvent.seq), 0)).where(
            TicketEvent.ticket_id == ticket_id
        )
    ).scalar_one()
    author_id = author_ids(session.connection(), [author])[author]
    rows = []
    for offset, event in enumerate(events, start=1):
        status = event.get("status")
        priority = event.get("priority")
        rows.append(
            {
                "ticket_id": ticket_id,
                "seq": int(last) + offset,
                "at": at,
                "type": EventType(event["type"]).value,
                "author_id": author_id,
                "status": status.value if status is not None else None,
                "priority": priority.value if priority is not None else None,
                "field": event.get("field"),
                "value": event.get("value"),
            }
        )
    session.execute(insert(TicketEvent), rows)
    forget_timelines(session.connection(), [ticket_id])  # its cached timeline is stale


def team_move(team: str | None) -> dict[str, Any]:
    """The event that moves a ticket to ``team`` (``None``: to no team)."""
    return {"type": EventType.FIELD_CHANGED, "field": TEAM_FIELD, "value": team}


def record_original_team(session: Session, ticket: Ticket) -> None:
    """Before a ticket's first move to another team, write down the team it has been with.

    A log without a team move means "with its current team since it was created"
    (docs/SLA_SEMANTICS.md, "Team agreements"); the first move would end that reading and
    take the first team's time with it. So, when the log has no team move yet and the
    ticket has a team, a move to that team is appended, dated at the ``created`` instant
    (events at one instant count in log order, so it comes right after the creation's).
    """
    if ticket.team_id is None:
        return
    moved = session.execute(
        select(TicketEvent.seq)
        .where(
            TicketEvent.ticket_id == ticket.id,
            TicketEvent.type == EventType.FIELD_CHANGED.value,
            TicketEvent.field == TEAM_FIELD,
        )
        .limit(1)
    ).first()
    if moved is not None:
        return
    created = session.execute(
        select(func.min(TicketEvent.at)).where(
            TicketEvent.ticket_id == ticket.id, TicketEvent.type == EventType.CREATED.value
        )
    ).scalar()
    team = session.get(Team, ticket.team_id)
    if team is None:
        return
    at = int(created) if created is not None else int(ticket.created_at)
    append_events(session, int(ticket.id), at, "system", [team_move(team.name)])


def evaluate_clocks(session: Session, ticket_id: int, now: int) -> TicketEvaluation:
    (stored,) = evaluate_clocks_of(session, [ticket_id], now)
    return stored


def evaluate_clocks_of(
    session: Session, ticket_ids: Sequence[int], now: int
) -> list[TicketEvaluation]:
    """Evaluate these tickets' clocks, SLA holds and OLA cycles in the caller's
    transaction, the policies and team agreements read once (several tickets changed as
    one: ``edits.apply_bulk_edit``); the evaluations as stored, in id order."""
    ids = sorted(set(ticket_ids))
    policies = load_active_policies(session)
    items = read_ticket_inputs(session, ids)
    chosen = [select_policy(policies, item.facts) for item in items]
    evaluations = [
        evaluate_ticket(item.events, policy, now)
        for item, policy in zip(items, chosen, strict=True)
    ]
    # Stored stopped cycles keep their verdicts: what is returned is what was stored.
    stored = write_evaluations(
        session,
        list(zip(ids, evaluations, strict=True)),
        version_ids_of(policies),
        [policy.calendar if policy is not None else None for policy in chosen],
    )
    refresh_clock_holds(session.connection(), ids, chosen, now)
    pauses = [None if policy is None else policy.pause_statuses for policy in chosen]
    refresh_ola_cycles(session.connection(), ids, pauses, load_team_olas(session), now)
    return stored
