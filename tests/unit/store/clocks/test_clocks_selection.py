"""The policy choice made by SQL for a chunk equals select_policy, ticket by ticket."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, insert, literal_column

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import Priority
from slaworkbench.domain.policy import Conditions, Policy, select_policy
from slaworkbench.store.clocks.inputs import TICKETS, facts_of, facts_query
from slaworkbench.store.clocks.selection import policy_choice_sql
from slaworkbench.store.schema import Customer, Team, Ticket, join_tags
from slaworkbench.store.workspace import open_workspace

CUSTOMERS = [("Acme", "gold"), ("O'Brien & Co", "silver"), ("Globex", None)]
TEAMS = ["Desk", "Net's"]
TAGS = ["vip", "it's", "bug", "a%b", "x_y"]
VALUES = {
    "priorities": [p.value for p in Priority],
    "customers": [*(name for name, _ in CUSTOMERS), "Nobody"],
    "customer_tiers": ["gold", "silver", "bronze"],
    "teams": [*TEAMS, "Other"],
    "categories": ["access", "billing", "how-to"],
    "channels": ["email", "web"],
    "tags": [*TAGS, "none"],
}


def _policies(rng: random.Random) -> list[Policy]:
    calendar = BusinessCalendar.always_open()
    made = []
    for position in range(6):
        conditions = {
            name: frozenset(rng.sample(values, rng.randint(1, 2)))
            for name, values in VALUES.items()
            if rng.random() < 0.3
        }
        made.append(
            Policy(
                position + 1,
                f"P{position}",
                1,
                rng.random() < 0.8,
                Conditions(**conditions),
                {Priority.NORMAL: {}},
                calendar,
            )
        )
    return made


def test_sql_choice_equals_select_policy(tmp_path: Path) -> None:
    rng = random.Random(7)
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        with workspace.begin() as connection:
            connection.execute(
                insert(Customer),
                [{"id": i + 1, "name": n, "tier": t} for i, (n, t) in enumerate(CUSTOMERS)],
            )
            connection.execute(
                insert(Team), [{"id": i + 1, "name": n} for i, n in enumerate(TEAMS)]
            )
            connection.execute(
                insert(Ticket),
                [
                    {
                        "id": n,
                        "priority": rng.choice(VALUES["priorities"]),
                        "status": "open",
                        "customer_id": rng.choice([None, 1, 2, 3]),
                        "team_id": rng.choice([None, 1, 2]),
                        "category": rng.choice([None, "access", "billing"]),
                        "channel": rng.choice([None, "email", "web"]),
                        "tags": join_tags(rng.sample(TAGS, rng.randint(0, 3))),
                        "created_at": 0,
                        "updated_at": 0,
                    }
                    for n in range(1, 801)
                ],
            )
        for _ in range(25):
            policies = _policies(rng)
            choice = policy_choice_sql(policies, workspace.engine)
            with workspace.begin() as connection:
                rows = connection.execute(
                    facts_query(TICKETS.c.id, literal_column(choice)).order_by(TICKETS.c.id)
                ).all()
            for row in rows:
                chosen = row[1]
                facts = facts_of(row)
                expected = select_policy(policies, facts)
                index = (
                    -1
                    if expected is None
                    else next(i for i, p in enumerate(policies) if p is expected)
                )
                assert chosen == index, (facts, policies)
        assert np.unique([row[1] for row in rows]).size > 1


def test_no_active_policy_means_none() -> None:
    assert policy_choice_sql([], create_engine("sqlite://")) == "-1"
