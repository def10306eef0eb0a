"""Export tickets with their clock results as CSV (UTF-8 with BOM, so spreadsheets agree).

Per metric: the state of its worst cycle (breached beats everything, then the least
remaining time, as ``MetricResult.worst``), elapsed business seconds, due instant and
breach instant, read from ``ticket_clocks``. Instants are ISO 8601 UTC. Every text cell
is guarded against formula injection: a cell starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return gets a leading single quote.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import aliased

from slaworkbench.domain.model import Metric
from slaworkbench.i18n import tr
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Agent, Customer, Team, Ticket, TicketClock

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PAGE = 2000
TICKET_COLUMNS = (
    "id",
    "external_id",
    "subject",
    "priority",
    "status",
    "requester",
    "customer",
    "team",
    "assignee",
    "category",
    "channel",
    "tags",
    "created_at",
    "updated_at",
    "solved_at",
    "sla_state",
    "next_due_at",
)
CLOCK_FIELDS = ("state", "elapsed_seconds", "due_at", "breached_at")
HEADER = (*TICKET_COLUMNS, *(f"{m.value}_{f}" for m in Metric for f in CLOCK_FIELDS))
_INSTANT_COLUMNS = frozenset({"created_at", "updated_at", "solved_at", "next_due_at"})


def guard_cell(value: str) -> str:
    """A text cell a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def iso_instant(value: int | None) -> str:
    if value is None:
        return ""
    return dt.datetime.fromtimestamp(value, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clock_key(row: Any) -> tuple[bool, int, int]:
    """As ``MetricResult.worst``: breached first, then the least remaining time, then the
    earliest cycle (rows arrive in no particular order)."""
    return (row.state != "breached", row.remaining, row.cycle_index)


def _pages(connection: Connection) -> Iterator[list[Any]]:
    customer, team, agent = aliased(Customer), aliased(Team), aliased(Agent)
    last_id = 0
    while True:
        query = (
            select(
                Ticket.id,
                Ticket.external_id,
                Ticket.subject,
                Ticket.priority,
                Ticket.status,
                Ticket.requester,
                customer.name.label("customer"),
                team.name.label("team"),
                agent.name.label("assignee"),
                Ticket.category,
                Ticket.channel,
                Ticket.tags,
                Ticket.created_at,
                Ticket.updated_at,
                Ticket.solved_at,
                Ticket.sla_state,
                Ticket.next_due_at,
            )
            .outerjoin(customer, customer.id == Ticket.customer_id)
            .outerjoin(team, team.id == Ticket.team_id)
            .outerjoin(agent, agent.id == Ticket.assignee_id)
            .where(Ticket.id > last_id)
            .order_by(Ticket.id)
            .limit(PAGE)
        )
        rows = list(connection.execute(query))
        if not rows:
            return
        yield rows
        last_id = rows[-1].id


def _worst_clocks(connection: Connection, ids: list[int]) -> dict[tuple[int, str], Any]:
    clocks: Table = TicketClock.__table__  # type: ignore[assignment]
    query = select(
        clocks.c.ticket_id,
        clocks.c.metric,
        clocks.c.cycle_index,
        clocks.c.state,
        clocks.c.elapsed,
        clocks.c.remaining,
        clocks.c.due_at,
        clocks.c.breached_at,
    ).where(clocks.c.ticket_id.between(ids[0], ids[-1]))
    worst: dict[tuple[int, str], Any] = {}
    for row in connection.execute(query):
        key = (row.ticket_id, row.metric)
        if key not in worst or _clock_key(row) < _clock_key(worst[key]):
            worst[key] = row
    return worst


def export_tickets(
    connection: Connection, path: str | Path, progress: Callable[[int], None] | None = None
) -> int:
    """Write every ticket with its clocks to ``path``; returns the number of tickets."""
    target = Path(path)
    try:
        handle = target.open("w", encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ValidationError(
            tr("Cannot write {path} ({reason}); choose another place.").format(
                path=target, reason=error.strerror or error
            )
        ) from None
    count = 0
    with handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for page in _pages(connection):
            clocks = _worst_clocks(connection, [row.id for row in page])
            for row in page:
                cells: list[str | int] = []
                for name in TICKET_COLUMNS:
                    value = getattr(row, name)
                    if name in _INSTANT_COLUMNS:
                        cells.append(iso_instant(value))
                    elif isinstance(value, int):
                        cells.append(value)
                    else:
                        cells.append(guard_cell(value or ""))
                for metric in Metric:
                    clock = clocks.get((row.id, metric.value))
                    if clock is None:
                        cells.extend(("", "", "", ""))
                    else:
                        cells.extend(
                            (
                                clock.state,
                                clock.elapsed,
                                iso_instant(clock.due_at),
                                iso_instant(clock.breached_at),
                            )
                        )
                writer.writerow(cells)
            count += len(page)
            if progress is not None:
                progress(count)
    return count
