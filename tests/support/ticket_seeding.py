"""Tickets written straight into the schema, with their stored clock summary.

The list tests need exact clock states (due in 90 s, paused with 40 min left, ...), so
they write the denormalised columns and ``ticket_clocks`` rows the evaluator would.
The ``session_factory`` fixture opens a database holding the six standard tickets.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from slaworkbench.store.analytics.rollup import rollup_kept
from slaworkbench.store.schema import (
    Agent,
    Base,
    Calendar,
    Customer,
    Policy,
    PolicyVersion,
    Team,
    Ticket,
    TicketClock,
)

NOW = 1_790_000_000  # a fixed instant for every test


@dataclass
class Clock:
    state: str  # running / at_risk / paused / achieved / breached
    target: int
    due_in: int | None = None  # seconds from NOW; None when paused or stopped
    remaining: int | None = None
    stopped: bool = False
    risk_in: int | None = None


def make_engine(path: str | None = None) -> Engine:
    engine = create_engine(f"sqlite:///{path}" if path else "sqlite://")
    Base.metadata.create_all(engine)
    return engine


def seed_reference_data(session: Session) -> None:
    session.add_all(
        [
            Customer(id=1, name="Acme Corp", tier="gold"),
            Customer(id=2, name="Globex", tier="silver"),
            Team(id=1, name="Support"),
            Team(id=2, name="Billing"),
            Agent(id=1, name="Ana Silva", team_id=1),
            Agent(id=2, name="Bruno Costa", team_id=1),
            Calendar(id=1, name="24/7", timezone="UTC", spec="{}", created_at=NOW - 10**6),
            Policy(id=1, name="Standard", position=1, active=True),
        ]
    )
    session.flush()
    session.add(
        PolicyVersion(
            id=1,
            policy_id=1,
            version=1,
            created_at=NOW - 10**6,
            author="admin",
            calendar_id=1,
            spec="{}",
        )
    )
    session.flush()


def add_ticket(
    session: Session,
    ticket_id: int,
    subject: str,
    *,
    priority: str = "normal",
    status: str = "open",
    customer_id: int | None = 1,
    team_id: int | None = 1,
    assignee_id: int | None = 1,
    requester: str = "someone@example.com",
    first_response: Clock | None = None,
    resolution: Clock | None = None,
    created_ago: int = 3600,
) -> None:
    def abs_(offset: int | None) -> int | None:
        return None if offset is None else NOW + offset

    clocks = {"first_response": first_response, "resolution": resolution}
    dues = [
        abs_(c.due_in)
        for c in clocks.values()
        if c is not None and not c.stopped and c.due_in is not None
    ]
    risks = [
        abs_(c.risk_in)
        for c in clocks.values()
        if c is not None and not c.stopped and c.risk_in is not None
    ]
    states = {c.state for c in clocks.values() if c is not None}
    sla_state = (
        "breached"
        if "breached" in states
        else "at_risk"
        if "at_risk" in states
        else "ok"
        if states & {"running"}
        else "paused"
        if "paused" in states
        else "achieved"
        if states
        else "none"
    )
    fields: dict[str, object] = {}
    for name, c in clocks.items():
        if c is None:
            continue
        remaining = c.remaining if c.remaining is not None else (c.due_in or 0)
        fields[f"{name}_state"] = c.state
        fields[f"{name}_due_at"] = None if c.stopped else abs_(c.due_in)
        fields[f"{name}_remaining"] = remaining
        fields[f"{name}_target"] = c.target
    session.add(
        Ticket(
            id=ticket_id,
            external_id=f"T-{ticket_id}",
            subject=subject,
            requester=requester,
            customer_id=customer_id,
            team_id=team_id,
            assignee_id=assignee_id,
            priority=priority,
            status=status,
            created_at=NOW - created_ago,
            updated_at=NOW - created_ago,
            policy_version_id=1 if states else None,
            evaluated_at=NOW,
            next_due_at=min(dues) if dues else None,
            next_risk_at=min(r for r in risks if r is not None) if risks else None,
            sla_state=sla_state,
            **fields,
        )
    )
    session.flush()
    with rollup_kept(session.connection(), [ticket_id]):
        _add_clocks(session, ticket_id, clocks, abs_, created_ago, priority)


def _add_clocks(
    session: Session,
    ticket_id: int,
    clocks: dict[str, Clock | None],
    abs_: Any,
    created_ago: int,
    priority: str,
) -> None:
    """The ticket's clock rows as the evaluator would write them (the rollup kept by the
    caller, as the program's writes do)."""
    for name, c in clocks.items():
        if c is None:
            continue
        remaining = c.remaining if c.remaining is not None else (c.due_in or 0)
        session.add(
            TicketClock(
                ticket_id=ticket_id,
                metric=name,
                cycle_index=0,
                started_at=NOW - created_ago,
                stopped_at=NOW - 60 if c.stopped else None,
                state="running" if c.state == "at_risk" else c.state,
                target=c.target,
                elapsed=c.target - remaining,
                remaining=remaining,
                due_at=None if c.stopped else abs_(c.due_in),
                breached_at=None,
                at_risk=c.state == "at_risk",
                risk_at=abs_(c.risk_in),
                policy_version_id=1,
                priority=priority,
                evaluated_at=NOW,
            )
        )
    session.flush()


def seed_standard_tickets(session: Session) -> None:
    """Six tickets covering every clock state the list shows."""
    seed_reference_data(session)
    add_ticket(
        session,
        1,
        "Printer on fire",
        priority="urgent",
        first_response=Clock("running", 3600, due_in=90, risk_in=-800),
        resolution=Clock("running", 8 * 3600, due_in=7 * 3600, risk_in=5 * 3600),
    )
    add_ticket(
        session,
        2,
        "Invoice missing VAT number",
        status="pending",
        customer_id=2,
        team_id=2,
        assignee_id=2,
        first_response=Clock("achieved", 3600, remaining=1200, stopped=True),
        resolution=Clock("paused", 8 * 3600, remaining=2400),
    )
    add_ticket(
        session,
        3,
        "VPN drops every hour",
        priority="high",
        assignee_id=None,
        first_response=Clock("breached", 3600, due_in=-2100, remaining=-2100),
        resolution=Clock("running", 8 * 3600, due_in=3 * 3600, risk_in=2 * 3600),
    )
    add_ticket(
        session,
        4,
        "Password reset link expired",
        priority="low",
        status="solved",
        first_response=Clock("achieved", 3600, remaining=3000, stopped=True),
        resolution=Clock("achieved", 8 * 3600, remaining=4000, stopped=True),
    )
    add_ticket(
        session,
        5,
        "Export to CSV shows wrong dates",
        assignee_id=2,
        requester="dana@globex.example",
        customer_id=2,
        first_response=Clock("at_risk", 3600, due_in=600, risk_in=-300),
        resolution=Clock("running", 8 * 3600, due_in=6 * 3600, risk_in=4 * 3600),
    )
    add_ticket(session, 6, "Question about the roadmap", priority="low", status="new")


_STANDARD: list[Path] = []
"""The file of the standard tickets, made once per test process (``session_factory``)."""


def _standard_file() -> Path:
    if not _STANDARD:
        folder = Path(tempfile.mkdtemp(prefix="slaworkbench-list-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        engine = make_engine(str(folder / "list.sqlite3"))
        with sessionmaker(bind=engine)() as session:
            seed_standard_tickets(session)
            session.commit()
        engine.dispose()  # a rollback journal: the file is whole once closed
        _STANDARD.append(folder / "list.sqlite3")
    return _STANDARD[0]


@pytest.fixture
def session_factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """Sessions on a file of the standard tickets (a copy of one made once per process)."""
    path = tmp_path / "list.sqlite3"
    shutil.copyfile(_standard_file(), path)
    engine = create_engine(f"sqlite:///{path}")
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    yield factory
    engine.dispose()
