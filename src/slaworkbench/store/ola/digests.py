"""A digest per ticket of its stored OLA rows (``ticket_ola_cycles`` and
``ticket_ola_holds``), for comparing them with a fresh evaluation (``recompute --verify``,
``slaworkbench check``).

What moves with time alone is left out, so two digests of a ticket whose events did not
change are equal whenever they are taken: of an unfinished (running or paused) cycle its
reading (state, elapsed, remaining, breached, at risk) and its holds, which grow while it
runs, and, given the instant ``now`` the digests are compared at, a risk instant
reached by then (a row written before it still holds it; one written after it holds
none, as the cycle is at risk). Everything else is compared: which cycles exist, their
numbers, teams, starts, stops, targets, due and risk instants, OLA versions and holders,
and all of a stopped cycle (its verdict and the business time each holder held it).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from slaworkbench.store.schema import OPEN_STATUSES, Ticket, TicketOlaCycle, TicketOlaHold

PIECE = 500
"""Tickets per ``IN`` list when ids are given."""


def ola_digests(
    connection: Connection, ids: Sequence[int] | None = None, *, now: int
) -> dict[int, int]:
    """Per ticket with OLA rows, a hash of them as compared at ``now``; ``ids`` limits it
    to those tickets, ``None`` means every open ticket."""
    if ids is None:
        open_tickets = select(Ticket.id).where(Ticket.status.in_(OPEN_STATUSES))
        return _digests(connection, TicketOlaCycle.ticket_id.in_(open_tickets), now)
    digests: dict[int, int] = {}
    for start in range(0, len(ids), PIECE):
        piece = list(ids[start : start + PIECE])
        digests.update(_digests(connection, TicketOlaCycle.ticket_id.in_(piece), now))
    return digests


def _digests(connection: Connection, where: object, now: int) -> dict[int, int]:
    c = TicketOlaCycle
    cycles = (
        select(
            c.id, c.ticket_id, c.cycle_index, c.team_id, c.started_at, c.stopped_at, c.target,
            c.due_at, c.risk_at, c.ola_version_id, c.holder_at_stop_id, c.state, c.elapsed,
            c.remaining, c.breached_at, c.at_risk,
        )
        .where(where)  # type: ignore[arg-type]
        .order_by(c.ticket_id, c.cycle_index, c.id)
    )  # fmt: skip
    holds: dict[int, list[tuple[int, int]]] = {}
    for cycle_id, agent_id, seconds in connection.execute(
        select(TicketOlaHold.cycle_id, TicketOlaHold.agent_id, TicketOlaHold.seconds).where(
            TicketOlaHold.cycle_id.in_(
                select(c.id).where(where, c.stopped_at.is_not(None))  # type: ignore[arg-type]
            )
        )
    ):
        holds.setdefault(int(cycle_id), []).append(
            (-1 if agent_id is None else int(agent_id), int(seconds))
        )
    digests: dict[int, int] = {}
    for row in connection.execute(cycles):
        values: tuple[object, ...] = tuple(row)
        cycle_id, ticket_id = int(row.id), int(row.ticket_id)
        fixed, reading = values[2:11], values[11:]
        judged: tuple[object, ...] | None = None
        if row.stopped_at is not None:
            judged = (reading, tuple(sorted(holds.get(cycle_id, ()))))
        elif row.risk_at is not None and row.risk_at <= now:
            fixed = (*fixed[:6], None, *fixed[7:])  # the risk instant, reached by now
        digests[ticket_id] = hash((digests.get(ticket_id, 0), fixed, judged))
    return digests
