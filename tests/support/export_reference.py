"""The ticket export as it was written before it was made fast (issue 16): one
SQLAlchemy row per clock, the worst cycle kept in Python, one ``strftime`` per instant.
Tests compare the export with it, byte for byte."""

from __future__ import annotations

import csv
import datetime as dt
import json
from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.readings import is_running_reading, remaining_at
from slaworkbench.domain.model import Metric
from slaworkbench.store.importing.export import HEADER, TICKET_COLUMNS, guard_cell
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

_INSTANTS = frozenset({"created_at", "updated_at", "solved_at", "next_due_at"})


def _iso(value: int | None) -> str:
    if value is None:
        return ""
    return dt.datetime.fromtimestamp(value, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def reference_export(connection: Connection, path: Path, now: int) -> int:
    """Write the export the old way; returns the number of tickets."""
    calendars: dict[int, BusinessCalendar] = {}
    for calendar_id, spec in connection.execute(select(Calendar.id, Calendar.spec)):
        with suppress(ValueError, TypeError, KeyError):
            calendars[calendar_id] = BusinessCalendar.from_dict(json.loads(spec))
    by_version = {
        v: calendars[c]
        for v, c in connection.execute(select(PolicyVersion.id, PolicyVersion.calendar_id))
        if c in calendars
    }
    names = {
        v: f"{name} v{version}"
        for v, name, version in connection.execute(
            select(PolicyVersion.id, Policy.name, PolicyVersion.version).join(
                Policy, Policy.id == PolicyVersion.policy_id
            )
        )
    }
    worst: dict[tuple[int, str], tuple[Any, ...]] = {}
    for row in connection.execute(select(TicketClock.__table__)):
        elapsed, remaining = row.elapsed, row.remaining
        if row.due_at is not None and is_running_reading(row.state, row.stopped_at, row.due_at):
            remaining = remaining_at(by_version.get(row.policy_version_id), row.due_at, now)
            elapsed = row.target - remaining
        clock = (row.state, elapsed, row.due_at, row.breached_at, row.target)
        version = row.policy_version_id
        key = (row.ticket_id, row.metric)
        rank = (row.state != "breached", remaining, row.cycle_index)
        if key not in worst or rank < worst[key][0]:
            worst[key] = (rank, clock, version)
    customer, team, agent = aliased(Customer), aliased(Team), aliased(Agent)
    query = (
        select(
            *(getattr(Ticket, c) for c in TICKET_COLUMNS[:6]),
            customer.name.label("customer"),
            team.name.label("team"),
            agent.name.label("assignee"),
            *(getattr(Ticket, c) for c in TICKET_COLUMNS[9:]),
        )
        .outerjoin(customer, customer.id == Ticket.customer_id)
        .outerjoin(team, team.id == Ticket.team_id)
        .outerjoin(agent, agent.id == Ticket.assignee_id)
        .order_by(Ticket.id)
    )
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in connection.execute(query):
            cells: list[Any] = []
            for name in TICKET_COLUMNS:
                value = getattr(row, name)
                if name in _INSTANTS:
                    cells.append(_iso(value))
                elif isinstance(value, int):
                    cells.append(value)
                else:
                    cells.append(guard_cell(value or ""))
            for metric in Metric:
                found = worst.get((row.id, metric.value))
                if found is None:
                    cells.extend(("",) * 6)
                    continue
                _, (state, elapsed, due, breached, target), version = found
                policy = guard_cell(names.get(version or -1, ""))
                cells.extend((state, elapsed, _iso(due), _iso(breached), int(target), policy))
            writer.writerow(cells)
            count += 1
    return count
