"""A small random workspace written straight into the schema tables, for analytics and
report tests (no engine, no demo generator: every row is known to the test)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, create_engine, insert, select
from sqlalchemy.orm import Session

from slaworkbench.store.analytics.answer_rollup import rebuild_answer_rollup
from slaworkbench.store.analytics.rollup import rebuild_rollup
from slaworkbench.store.schema import (
    Agent,
    Base,
    Calendar,
    Customer,
    Outage,
    Policy,
    PolicyVersion,
    Service,
    SurveyAnswer,
    Team,
    Ticket,
    TicketClock,
)

START = int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp())
DAY = 86400
SPAN_DAYS = 120
HOSTILE_SUBJECT = "<b>x</b> & <img src=x>"
FORMULA_SUBJECT = '=HYPERLINK("http://evil")'

CALENDAR_SPEC = {
    "name": "Lisbon office",
    "timezone": "Europe/Lisbon",
    "hours": {
        "mon": [["09:00", "12:30"], ["13:30", "18:00"]],
        "tue": [["09:00", "18:00"]],
        "wed": [["09:00", "18:00"]],
        "thu": [["09:00", "18:00"]],
        "fri": [["09:00", "17:00"]],
        "sat": [],
        "sun": [],
    },
    "holidays": [{"date": "2026-04-03", "name": "Good Friday"}],
}


@dataclass
class MiniWorkspace:
    """Just enough of the workspace protocol: ``session()`` and ``engine``."""

    engine: Engine
    name: str = "Test workspace"
    url: str = "sqlite:////tmp/Test workspace.sqlite3"

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        with Session(self.engine) as session, session.begin():
            yield session


def _policy_spec(name: str, pauses: list[str], scale: int) -> str:
    targets = {
        "urgent": {"first_response": 1800 * scale, "resolution": 4 * 3600 * scale},
        "high": {"first_response": 3600 * scale, "resolution": 8 * 3600 * scale},
        "normal": {
            "first_response": 4 * 3600 * scale,
            "next_response": 8 * 3600,
            "resolution": 24 * 3600 * scale,
        },
        "low": {"first_response": 8 * 3600 * scale, "periodic_update": 86400},
    }
    return json.dumps(
        {
            "name": name,
            "targets": targets,
            "calendar": "Lisbon office",
            "pause_statuses": pauses,
            "warning_fraction": 0.25,
        }
    )


def build_workspace(seed: int = 7, tickets: int = 400, url: str = "sqlite://") -> MiniWorkspace:
    rng = random.Random(seed)
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.execute(
            insert(Team),
            [{"id": i, "name": n} for i, n in enumerate(["Billing", "Core", "Apps"], 1)],
        )
        session.execute(
            insert(Agent),
            [
                {"id": i, "name": f"Agent {chr(64 + i)}", "team_id": (i % 3) + 1, "role": "agent"}
                for i in range(1, 8)
            ],
        )
        session.execute(
            insert(Customer),
            [
                {"id": i, "name": n, "tier": t}
                for i, (n, t) in enumerate(
                    [
                        ("Acme", "gold"),
                        ("Globex", "silver"),
                        ("Initech", None),
                        ("Umbrella", "gold"),
                    ],
                    1,
                )
            ],
        )
        session.execute(
            insert(Calendar),
            [
                {
                    "id": 1,
                    "name": "Lisbon office",
                    "timezone": "Europe/Lisbon",
                    "spec": json.dumps(CALENDAR_SPEC),
                    "created_at": START - 10 * DAY,
                }
            ],
        )
        session.execute(
            insert(Policy),
            [
                {"id": 1, "name": "Standard", "position": 1, "active": True},
                {"id": 2, "name": "Gold customers", "position": 0, "active": True},
            ],
        )
        session.execute(
            insert(PolicyVersion),
            [
                {
                    "id": 1,
                    "policy_id": 1,
                    "version": 1,
                    "created_at": START - 5 * DAY,
                    "author": "Maria",
                    "reason": "first",
                    "calendar_id": 1,
                    "spec": _policy_spec("Standard", ["pending", "on_hold"], 1),
                },
                {
                    "id": 2,
                    "policy_id": 1,
                    "version": 2,
                    "created_at": START + 40 * DAY,
                    "author": "Maria",
                    "reason": "tighter",
                    "calendar_id": 1,
                    "spec": _policy_spec("Standard", ["pending"], 1),
                },
                {
                    "id": 3,
                    "policy_id": 2,
                    "version": 1,
                    "created_at": START - 5 * DAY,
                    "author": "João",
                    "reason": "gold",
                    "calendar_id": 1,
                    "spec": _policy_spec("Gold customers", ["on_hold"], 2),
                },
            ],
        )
        session.execute(
            Policy.__table__.update().where(Policy.id == 1).values(current_version_id=2)
        )
        session.execute(
            Policy.__table__.update().where(Policy.id == 2).values(current_version_id=3)
        )

        ticket_rows, clock_rows, answers = [], [], []
        for tid in range(1, tickets + 1):
            created = START + rng.randrange(SPAN_DAYS * DAY)
            priority = rng.choice(["urgent", "high", "normal", "low"])
            subject = f"Ticket {tid} about invoices"
            if tid == 3:
                subject = HOSTILE_SUBJECT
            elif tid == 4:
                subject = FORMULA_SUBJECT
            ticket_rows.append(
                {
                    "id": tid,
                    "external_id": f"EXT-{tid}",
                    "subject": subject,
                    "customer_id": rng.choice([1, 2, 3, 4, None]),
                    "team_id": rng.choice([1, 2, 3, None]),
                    "assignee_id": rng.choice([1, 2, 3, 4, 5, 6, 7, None]),
                    "priority": priority,
                    "status": rng.choice(["open", "pending", "solved", "closed"]),
                    "created_at": created,
                    "updated_at": created,
                }
            )
            cycles = [("first_response", 0), ("resolution", 0)]
            cycles += [("next_response", i) for i in range(rng.randrange(3))]
            cycles += [("periodic_update", i) for i in range(rng.randrange(2))]
            for metric, index in cycles:
                started = created + index * rng.randrange(3600, 3 * DAY)
                target = rng.choice([1800, 3600, 4 * 3600, 8 * 3600, DAY])
                elapsed = (
                    rng.choice([0, target, target + 1])
                    if tid % 17 == 0
                    else rng.randrange(int(target * 1.6) + 1)
                )
                running = rng.random() < 0.2
                stopped = None if running else started + elapsed + rng.randrange(3 * DAY)
                if running:
                    state = rng.choice(["running", "paused", "breached"])
                else:
                    state = "breached" if elapsed > target else "achieved"
                due = None if state == "paused" else started + target + rng.randrange(DAY)
                breached_at = due if state == "breached" and due is not None else None
                clock_rows.append(
                    {
                        "ticket_id": tid,
                        "metric": metric,
                        "cycle_index": index,
                        "started_at": started,
                        "stopped_at": stopped,
                        "state": state,
                        "target": target,
                        "elapsed": elapsed,
                        "remaining": target - elapsed,
                        "due_at": due,
                        "breached_at": breached_at,
                        "policy_version_id": rng.choice([1, 2, 3, None]),
                        "priority": priority,  # the ticket's never changes here
                        "evaluated_at": START + SPAN_DAYS * DAY,
                    }
                )
            for kind, low, high in (("csat", 1, 5), ("nps", 0, 10)):
                if rng.random() < 0.5:
                    answers.append(
                        {
                            "ticket_id": tid,
                            "kind": kind,
                            "score": rng.randint(low, high),
                            "answered_at": created + rng.randrange(5 * DAY),
                        }
                    )
        session.execute(insert(Ticket), ticket_rows)
        session.execute(insert(TicketClock), clock_rows)
        rebuild_rollup(session.connection())  # as migration 0007 builds it for old files
        session.execute(insert(SurveyAnswer), answers)
        rebuild_answer_rollup(session.connection())  # as migration 0019 builds it
        session.execute(
            insert(Service),
            [
                {"id": 1, "name": "Portal", "availability_target": 0.999},
                {"id": 2, "name": "API", "availability_target": 0.99},
            ],
        )
        outages = []
        for _ in range(40):
            began = START - 10 * DAY + rng.randrange((SPAN_DAYS + 20) * DAY)
            ended = None if rng.random() < 0.05 else began + rng.randrange(60, 2 * DAY)
            outages.append(
                {
                    "service_id": rng.choice([1, 2]),
                    "started_at": began,
                    "ended_at": ended,
                    "weight": rng.choice([1.0, 1.0, 0.5, 0.25]),  # some partial
                    "planned": rng.random() < 0.2,  # some planned maintenance
                }
            )
        session.execute(insert(Outage), outages)
    return MiniWorkspace(engine)


def all_rows(ws: MiniWorkspace, table: type[Base]) -> list[dict[str, object]]:
    with ws.session() as session:
        return [dict(row._mapping) for row in session.execute(select(table.__table__))]
