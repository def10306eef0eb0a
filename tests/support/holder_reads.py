"""What the random-workspace tests of the holder reads share (``store.ola.accountability``
and ``store.ola.sla_holders`` against plain Python): the names, the tickets they narrow
by, and the deliberately simple tally of samples into per-holder figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
from sqlalchemy import insert
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.ola.accountability import HolderFigures
from slaworkbench.store import schema

AGENTS = {1: "ana", 2: "Ana", 3: "bo", 4: "ANA", 5: "cy"}
"""Agent names, some folding alike (one holder)."""
CUSTOMERS = {1: "Acme", 2: "Bolt"}
PRIORITIES = ("urgent", "high", "normal", "low")
START = int(dt.datetime(2026, 3, 1, tzinfo=dt.UTC).timestamp())
DAY = 86_400

FILTERS = [
    Filters(dt.date(2026, 2, 20), dt.date(2026, 4, 30)),
    Filters(dt.date(2026, 3, 4), dt.date(2026, 3, 9)),
    Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31), tz="America/New_York"),
    Filters(dt.date(2026, 2, 20), dt.date(2026, 4, 30), team="Apps"),
    Filters(dt.date(2026, 2, 20), dt.date(2026, 4, 30), customer="Acme"),
    Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 20), priority="normal"),
    Filters(dt.date(2026, 2, 20), dt.date(2026, 4, 30), "Net", "Bolt", "high"),
    Filters(dt.date(2020, 1, 1), dt.date(2020, 1, 31)),
]
"""Periods (one in another zone, one with nothing in it) and every narrowing the reads
are compared under; the drawn workspaces name teams Apps and Net, customers Acme and
Bolt."""

Sample = tuple[str | None, bool, int]
"""A holder's name (``None``: nobody), whether the cycle breached, business seconds."""


def store_people_and_tickets(
    session: Session,
    teams: Mapping[int, str],
    tickets: Mapping[int, tuple[int | None, int | None, str]],
) -> None:
    """The teams, ``AGENTS``, ``CUSTOMERS`` and open ``tickets`` (id: team id, customer
    id, priority) the drawn cycles belong to."""
    session.execute(insert(schema.Team), [{"id": i, "name": n} for i, n in teams.items()])
    session.execute(insert(schema.Agent), [{"id": i, "name": n} for i, n in AGENTS.items()])
    session.execute(insert(schema.Customer), [{"id": i, "name": n} for i, n in CUSTOMERS.items()])
    session.execute(
        insert(schema.Ticket),
        [
            {"id": t, "team_id": team, "customer_id": c, "priority": p, "status": "open"}
            | {"created_at": START - 9 * DAY, "updated_at": START - 9 * DAY}
            for t, (team, c, p) in tickets.items()
        ],
    )


def tally(
    samples: list[Sample], running: Mapping[str, int] | None = None
) -> tuple[HolderFigures, ...]:
    """Samples grouped by name in first-appearance order (every name of ``running``, with
    its count of cycles not stopped, first), then ordered by folded name with nobody
    last: median and P90 by numpy's percentile of each holder's seconds."""
    running = running or {}
    groups: dict[str | None, list[tuple[bool, int]]] = {name: [] for name in running}
    for name, late, seconds in samples:
        groups.setdefault(name, []).append((late, seconds))
    figures = []
    for name, items in groups.items():
        late_count = sum(late for late, _ in items)
        median = p90 = None
        if items:
            p50, p9 = np.percentile([float(s) for _, s in items], [50, 90])
            median, p90 = round(float(p50)), round(float(p9))
        count = running.get(name, 0) if name is not None else 0
        figures.append(
            HolderFigures(name, len(items), len(items) - late_count, late_count, median, p90, count)
        )
    return tuple(sorted(figures, key=lambda f: (0, f.name.casefold()) if f.name else (1, "")))
