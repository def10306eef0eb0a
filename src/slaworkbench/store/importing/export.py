"""Export tickets with their clock results as CSV (UTF-8 with BOM, so spreadsheets agree).

Per metric: the state of its worst cycle (breached beats everything, then the least
remaining time, as ``MetricResult.worst``), elapsed business seconds, due instant,
breach instant, the target that judged it (business seconds) and the policy version that
set that target ("name vN"), read from ``ticket_clocks``; a cycle still running is read at the
export's instant, from its due instant and calendar (``domain.readings``). Instants are
ISO 8601 UTC. Every text cell is guarded against formula injection: a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single quote.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import aliased

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.readings import is_running_reading, remaining_at
from slaworkbench.domain.model import Metric
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.calendars import ticket_calendar_id
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import (
    Agent,
    Calendar,
    Customer,
    Policy,
    PolicyVersion,
    Team,
    Ticket,
    TicketClock,
)

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
CLOCK_FIELDS = ("state", "elapsed_seconds", "due_at", "breached_at", "target_seconds", "policy")
HEADER = (*TICKET_COLUMNS, *(f"{m.value}_{f}" for m in Metric for f in CLOCK_FIELDS))
_INSTANT_COLUMNS = frozenset({"created_at", "updated_at", "solved_at", "next_due_at"})


def guard_cell(value: str) -> str:
    """A text cell a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def iso_instant(value: int | None) -> str:
    if value is None:
        return ""
    return dt.datetime.fromtimestamp(value, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class _Clock:
    cycle_index: int
    state: str
    elapsed: int
    remaining: int
    due_at: int | None
    breached_at: int | None
    target: int
    policy_version_id: int | None


def _clock_key(clock: _Clock) -> tuple[bool, int, int]:
    """As ``MetricResult.worst``: breached first, then the least remaining time, then the
    earliest cycle (rows arrive in no particular order)."""
    return (clock.state != "breached", clock.remaining, clock.cycle_index)


def _calendars_by_id(connection: Connection) -> dict[int, BusinessCalendar]:
    """Every readable calendar by id (a workspace has a handful)."""
    calendars: dict[int, BusinessCalendar] = {}
    for calendar_id, spec in connection.execute(select(Calendar.id, Calendar.spec)):
        with suppress(ValueError, TypeError, KeyError):  # unreadable: read in wall time
            calendars[calendar_id] = BusinessCalendar.from_dict(json.loads(spec))
    return calendars


def _policy_version_names(connection: Connection) -> dict[int, str]:
    """Each policy version as people name it: "Standard SLA v3"."""
    rows = connection.execute(
        select(PolicyVersion.id, Policy.name, PolicyVersion.version).join(
            Policy, Policy.id == PolicyVersion.policy_id
        )
    )
    return {version_id: f"{name} v{version}" for version_id, name, version in rows}


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


def _worst_clocks(
    connection: Connection,
    ids: list[int],
    calendars: dict[int, BusinessCalendar],
    now: int,
) -> dict[tuple[int, str], _Clock]:
    clocks: Table = TicketClock.__table__  # type: ignore[assignment]
    query = (
        select(
            clocks.c.ticket_id,
            clocks.c.metric,
            clocks.c.cycle_index,
            clocks.c.state,
            clocks.c.elapsed,
            clocks.c.remaining,
            clocks.c.due_at,
            clocks.c.breached_at,
            clocks.c.stopped_at,
            clocks.c.target,
            clocks.c.policy_version_id,
            ticket_calendar_id().label("calendar_id"),  # the customer's calendar, if any
        )
        .select_from(
            clocks.join(Ticket, Ticket.id == clocks.c.ticket_id).outerjoin(
                PolicyVersion, PolicyVersion.id == clocks.c.policy_version_id
            )
        )
        .where(clocks.c.ticket_id.between(ids[0], ids[-1]))
    )
    worst: dict[tuple[int, str], _Clock] = {}
    for row in connection.execute(query):
        elapsed, remaining = row.elapsed, row.remaining
        if row.due_at is not None and is_running_reading(row.state, row.stopped_at, row.due_at):
            remaining = remaining_at(calendars.get(row.calendar_id), row.due_at, now)
            elapsed = row.target - remaining
        clock = _Clock(
            row.cycle_index,
            row.state,
            elapsed,
            remaining,
            row.due_at,
            row.breached_at,
            int(row.target),
            row.policy_version_id,
        )
        key = (row.ticket_id, row.metric)
        if key not in worst or _clock_key(clock) < _clock_key(worst[key]):
            worst[key] = clock
    return worst


def export_tickets(
    connection: Connection,
    path: str | Path,
    progress: Callable[[int], None] | None = None,
    now: int | None = None,
) -> int:
    """Write every ticket with its clocks to ``path`` (running clocks as of ``now``,
    default this moment); returns the number of tickets."""
    at = int(time.time()) if now is None else now
    calendars = _calendars_by_id(connection)
    policies = _policy_version_names(connection)
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
            clocks = _worst_clocks(connection, [row.id for row in page], calendars, at)
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
                        cells.extend(("",) * len(CLOCK_FIELDS))
                    else:
                        policy = policies.get(clock.policy_version_id or -1, "")
                        cells.extend(
                            (
                                clock.state,
                                clock.elapsed,
                                iso_instant(clock.due_at),
                                iso_instant(clock.breached_at),
                                clock.target,
                                guard_cell(policy),
                            )
                        )
                writer.writerow(cells)
            count += len(page)
            if progress is not None:
                progress(count)
    return count
